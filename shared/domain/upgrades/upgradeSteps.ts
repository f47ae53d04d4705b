import { noUpgradePath, skewExceeded } from './rejections';
import type { UpgradeContext } from './upgradeContext';
import type { UpgradeRejection, UpgradeStep } from './types';
import { controlPlanePath, minorByMinorPath } from './versionPaths';
import type { ExactVersion } from './versions';
import { maxPoolMinorsBehind, poolWithinSkew } from './versions';
import { compareKubernetesVersions, formatKubernetesVersion, minorDistance, minorOf } from '../fleet/kubernetesVersion';

type PoolVersions = Map<string, ExactVersion>;

/**
 * Full: the control plane walks its path; before each hop, pools that could not follow it in one
 * operation (more than one minor, or more than a permitted skip) catch up alone, one minor per
 * operation; then the hop moves the control plane and every pool together. Pools still below the
 * target when the control plane was already there catch up last.
 */
export function fullUpgradeSteps(
  context: UpgradeContext,
  target: ExactVersion,
): UpgradeStep[] | UpgradeRejection {
  const { space, state, allowPreview } = context;
  const path = controlPlanePath(space, state.controlPlane, target, { allowPreview, upgradeType: 'Full' });
  if ('missingMinor' in path)
    return noUpgradePath(
      formatKubernetesVersion(state.controlPlane),
      formatKubernetesVersion(target),
      minorOf(path.missingMinor),
    );
  const pools: PoolVersions = new Map(state.pools.map((pool) => [pool.name, pool.version]));
  const steps: UpgradeStep[] = [];
  let controlPlane = state.controlPlane;
  for (const hop of path.hops) {
    const jump = minorDistance(controlPlane, hop);
    const canFollow = jump > 1 ? jump : 1;
    const catchUp = poolOnlySteps(
      context,
      pools,
      controlPlane,
      (version) => minorDistance(version, hop) > canFollow,
    );
    if (!Array.isArray(catchUp)) return catchUp;
    steps.push(...catchUp);
    for (const name of pools.keys()) pools.set(name, hop);
    steps.push(withPools({ controlPlane: formatKubernetesVersion(hop) }, [...pools.keys()], hop));
    controlPlane = hop;
  }
  const rest = poolOnlySteps(context, pools, target, (version) => compareKubernetesVersions(version, target) < 0);
  return Array.isArray(rest) ? [...steps, ...rest] : rest;
}

/** ControlPlaneOnly: the control plane walks minor by minor; every hop must leave each pool within skew. */
export function controlPlaneOnlySteps(
  context: UpgradeContext,
  target: ExactVersion,
): UpgradeStep[] | UpgradeRejection {
  const { space, state, allowPreview } = context;
  const path = controlPlanePath(space, state.controlPlane, target, {
    allowPreview,
    upgradeType: 'ControlPlaneOnly',
  });
  if ('missingMinor' in path)
    return noUpgradePath(
      formatKubernetesVersion(state.controlPlane),
      formatKubernetesVersion(target),
      minorOf(path.missingMinor),
    );
  const steps: UpgradeStep[] = [];
  for (const hop of path.hops) {
    const outside = state.pools.filter((pool) => !poolWithinSkew(hop, pool.version));
    if (outside.length > 0)
      return skewExceeded(
        outside.map((pool) => ({ pool: pool.name, version: formatKubernetesVersion(pool.version) })),
        formatKubernetesVersion(hop),
        maxPoolMinorsBehind(hop),
      );
    steps.push({ controlPlane: formatKubernetesVersion(hop) });
  }
  return steps;
}

/** NodePoolOnly: each pool in turn, one minor per operation, up to the target. */
export function nodePoolOnlySteps(
  context: UpgradeContext,
  target: ExactVersion,
): UpgradeStep[] | UpgradeRejection {
  const pools: PoolVersions = new Map(context.movingPools.map((pool) => [pool.name, pool.version]));
  return poolOnlySteps(context, pools, target, (version) => compareKubernetesVersions(version, target) < 0);
}

/**
 * Moves each pool that `needsMove` towards `goal`, one operation (one minor) at a time, until it no
 * longer needs to; updates `pools` as it goes.
 */
function poolOnlySteps(
  { space, allowPreview }: UpgradeContext,
  pools: PoolVersions,
  goal: ExactVersion,
  needsMove: (version: ExactVersion) => boolean,
): UpgradeStep[] | UpgradeRejection {
  const steps: UpgradeStep[] = [];
  for (const [name, start] of pools) {
    if (!needsMove(start)) continue;
    const path = minorByMinorPath(space, start, goal, allowPreview);
    if ('missingMinor' in path)
      return noUpgradePath(formatKubernetesVersion(start), formatKubernetesVersion(goal), minorOf(path.missingMinor), [name]);
    let current = start;
    for (const hop of path.hops) {
      if (!needsMove(current)) break;
      steps.push(withPools({}, [name], hop));
      current = hop;
    }
    pools.set(name, current);
  }
  return steps;
}

function withPools(step: UpgradeStep, names: string[], version: ExactVersion): UpgradeStep {
  if (names.length === 0) return step;
  return { ...step, nodePools: Object.fromEntries(names.map((name) => [name, formatKubernetesVersion(version)])) };
}

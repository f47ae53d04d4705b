import {
  controlPlaneUpgradeNotAllowed,
  isRejection,
  poolUpgradeNotAllowed,
  skewExceeded,
} from './rejections';
import { checkRequest, poolMove } from './requestChecks';
import { isPermittedSkip } from './skipRules';
import type { UpgradeContext } from './upgradeContext';
import { prepareUpgrade } from './upgradeContext';
import type {
  ClusterVersions,
  UpgradeAccepted,
  UpgradeRejection,
  UpgradeRequest,
  VersionSources,
} from './types';
import type { ExactVersion } from './versions';
import { maxPoolMinorsBehind, poolWithinSkew } from './versions';
import { formatKubernetesVersion, minorDistance } from '../fleet/kubernetesVersion';

/**
 * One request, judged as AKS judges it: the control plane moves at most one minor (except a permitted
 * skip), each pool moves at most one minor (or along with a permitted skip), and pools left behind by a
 * control-plane-only upgrade stay within skew.
 */
export function validateUpgrade(
  sources: VersionSources,
  cluster: ClusterVersions,
  request: UpgradeRequest,
): UpgradeAccepted | UpgradeRejection {
  const context = prepareUpgrade(sources, cluster, request);
  if (isRejection(context)) return context;
  const target = checkRequest(context);
  if (isRejection(target)) return target;
  const rejection =
    controlPlaneSkip(context, target) ??
    poolSkip(context, target) ??
    skewAfterControlPlaneOnly(context, target);
  return rejection ?? { ok: true, resolvedTarget: formatKubernetesVersion(target) };
}

function controlPlaneSkip(context: UpgradeContext, target: ExactVersion): UpgradeRejection | undefined {
  const { request, state, space, allowPreview } = context;
  if (request.upgradeType === 'NodePoolOnly' || minorDistance(state.controlPlane, target) <= 1)
    return undefined;
  if (isPermittedSkip(space, state.controlPlane, target, request.upgradeType)) return undefined;
  return controlPlaneUpgradeNotAllowed(
    'MINOR_VERSION_SKIP',
    formatKubernetesVersion(state.controlPlane),
    formatKubernetesVersion(target),
    space.oneStepUpgrades(state.controlPlane, allowPreview),
  );
}

/** A pool follows the control plane one minor per operation, or as far as a permitted skip goes. */
function poolSkip(context: UpgradeContext, target: ExactVersion): UpgradeRejection | undefined {
  const controlPlaneJump = minorDistance(context.state.controlPlane, target);
  const allowed = context.request.upgradeType === 'Full' && controlPlaneJump > 1 ? controlPlaneJump : 1;
  const skipping = context.movingPools.filter((pool) => minorDistance(pool.version, target) > allowed);
  if (skipping.length === 0) return undefined;
  return poolUpgradeNotAllowed(
    'MINOR_VERSION_SKIP',
    skipping.map((pool) => poolMove(pool, formatKubernetesVersion(target))),
  );
}

function skewAfterControlPlaneOnly(
  context: UpgradeContext,
  target: ExactVersion,
): UpgradeRejection | undefined {
  if (context.request.upgradeType !== 'ControlPlaneOnly') return undefined;
  const outside = context.state.pools.filter((pool) => !poolWithinSkew(target, pool.version));
  if (outside.length === 0) return undefined;
  return skewExceeded(
    outside.map((pool) => ({ pool: pool.name, version: formatKubernetesVersion(pool.version) })),
    formatKubernetesVersion(target),
    maxPoolMinorsBehind(target),
  );
}

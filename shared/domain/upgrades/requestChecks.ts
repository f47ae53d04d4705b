import { compareKubernetesVersions, formatKubernetesVersion, minorDistance } from '../fleet/kubernetesVersion';
import type { PoolVersion } from './clusterState';
import {
  controlPlaneOnlyOnUnsupportedVersion,
  controlPlaneOnlyWithAutoUpgrade,
  controlPlaneUpgradeNotAllowed,
  poolNewerThanControlPlane,
  poolUpgradeNotAllowed,
  previewNotAllowed,
  versionNotAvailable,
} from './rejections';
import type { UpgradeContext } from './upgradeContext';
import type { UpgradeRejection } from './types';
import type { ExactVersion } from './versions';

/**
 * The checks every request goes through, in the contract's order of precedence: control-plane-only
 * with auto-upgrade, control-plane-only on an unsupported version, downgrade, version not available,
 * preview, pool newer than the control plane. Path and skew checks follow in the callers.
 * Returns the resolved target when all pass.
 */
export function checkRequest(context: UpgradeContext): ExactVersion | UpgradeRejection {
  const refused = controlPlaneOnlyConflict(context) ?? downgrade(context);
  if (refused) return refused;
  const resolved = context.target.resolved;
  if (!resolved) return versionNotAvailable(context.request.target, scopeOf(context));
  return (
    unavailableTarget(context, resolved) ??
    previewTarget(context, resolved) ??
    poolAboveControlPlane(context, resolved) ??
    resolved
  );
}

function controlPlaneOnlyConflict({
  request,
  cluster,
  state,
  space,
}: UpgradeContext): UpgradeRejection | undefined {
  if (request.upgradeType !== 'ControlPlaneOnly') return undefined;
  if (cluster.autoUpgradeChannel !== 'none')
    return controlPlaneOnlyWithAutoUpgrade(cluster.autoUpgradeChannel);
  if (!space.isSupportedMinor(state.controlPlane))
    return controlPlaneOnlyOnUnsupportedVersion(cluster.controlPlane);
  return undefined;
}

function downgrade(context: UpgradeContext): UpgradeRejection | undefined {
  const { request, state, space, allowPreview, target } = context;
  const to = target.resolved ? formatKubernetesVersion(target.resolved) : request.target;
  if (request.upgradeType === 'NodePoolOnly') {
    const lowered = context.movingPools.filter((pool) => isBelow(context, pool.version));
    return lowered.length === 0
      ? undefined
      : poolUpgradeNotAllowed(
          'DOWNGRADE_NOT_ALLOWED',
          lowered.map((pool) => poolMove(pool, to)),
        );
  }
  if (!isBelow(context, state.controlPlane)) return undefined;
  return controlPlaneUpgradeNotAllowed(
    'DOWNGRADE_NOT_ALLOWED',
    formatKubernetesVersion(state.controlPlane),
    to,
    space.oneStepUpgrades(state.controlPlane, allowPreview),
  );
}

/** The target is lower than `version` (an alias that resolves to nothing compares by minor). */
function isBelow({ target }: UpgradeContext, version: ExactVersion): boolean {
  return target.resolved
    ? compareKubernetesVersions(target.resolved, version) < 0
    : minorDistance(version, target.requested) < 0;
}

function unavailableTarget(context: UpgradeContext, resolved: ExactVersion): UpgradeRejection | undefined {
  if (isCurrentVersion(context, resolved) || context.space.isOffered(resolved)) return undefined;
  return versionNotAvailable(formatKubernetesVersion(resolved), scopeOf(context));
}

function scopeOf({ request }: UpgradeContext): 'controlPlane' | 'nodePool' {
  return request.upgradeType === 'NodePoolOnly' ? 'nodePool' : 'controlPlane';
}

/** Staying on (or bringing pools to) a version the cluster already runs needs no catalogue entry. */
function isCurrentVersion({ state, movingPools }: UpgradeContext, version: ExactVersion): boolean {
  return [state.controlPlane, ...movingPools.map((pool) => pool.version)].some(
    (current) => compareKubernetesVersions(current, version) === 0,
  );
}

function previewTarget(context: UpgradeContext, resolved: ExactVersion): UpgradeRejection | undefined {
  if (context.allowPreview || isCurrentVersion(context, resolved) || !context.space.isPreview(resolved))
    return undefined;
  return previewNotAllowed(formatKubernetesVersion(resolved));
}

function poolAboveControlPlane(
  context: UpgradeContext,
  resolved: ExactVersion,
): UpgradeRejection | undefined {
  const { request, state, movingPools } = context;
  if (request.upgradeType !== 'NodePoolOnly' || compareKubernetesVersions(resolved, state.controlPlane) <= 0)
    return undefined;
  return poolNewerThanControlPlane(
    movingPools.map((pool) => ({ pool: pool.name, version: formatKubernetesVersion(resolved) })),
    formatKubernetesVersion(state.controlPlane),
  );
}

export function poolMove(pool: PoolVersion, to: string): { pool: string; from: string; to: string } {
  return { pool: pool.name, from: formatKubernetesVersion(pool.version), to };
}

import { readClusterState } from './clusterState';
import { isRejection, poolNewerThanControlPlane, skewExceeded } from './rejections';
import type { ClusterVersions, UpgradeRejection } from './types';
import { maxPoolMinorsBehind, poolWithinSkew } from './versions';
import { compareKubernetesVersions, formatKubernetesVersion } from '../fleet/kubernetesVersion';

/** A cluster's current versions against the skew rules: no pool newer than the control plane, none too far behind. */
export function validateClusterVersions(cluster: ClusterVersions): { ok: true } | UpgradeRejection {
  const state = readClusterState(cluster);
  if (isRejection(state)) return state;
  const controlPlane = formatKubernetesVersion(state.controlPlane);
  const newer = state.pools.filter((pool) => compareKubernetesVersions(pool.version, state.controlPlane) > 0);
  if (newer.length > 0)
    return poolNewerThanControlPlane(
      newer.map((pool) => ({ pool: pool.name, version: formatKubernetesVersion(pool.version) })),
      controlPlane,
    );
  const outside = state.pools.filter((pool) => !poolWithinSkew(state.controlPlane, pool.version));
  if (outside.length > 0)
    return skewExceeded(
      outside.map((pool) => ({ pool: pool.name, version: formatKubernetesVersion(pool.version) })),
      controlPlane,
      maxPoolMinorsBehind(state.controlPlane),
    );
  return { ok: true };
}

import { notAVersion } from './rejections';
import type { ClusterVersions, UpgradeRejection } from './types';
import type { ExactVersion } from './versions';
import { parseExactVersion } from './versions';

export interface PoolVersion {
  readonly name: string;
  readonly version: ExactVersion;
}

/** A cluster's versions, parsed: the control plane and each pool in the order given. */
export interface ClusterState {
  readonly controlPlane: ExactVersion;
  readonly pools: ReadonlyArray<PoolVersion>;
}

export function readClusterState(cluster: ClusterVersions): ClusterState | UpgradeRejection {
  const controlPlane = parseExactVersion(cluster.controlPlane);
  if (!controlPlane) return notAVersion(cluster.controlPlane, 'Control plane version');
  const pools: PoolVersion[] = [];
  for (const [name, text] of Object.entries(cluster.nodePools)) {
    const version = parseExactVersion(text);
    if (!version) return { ...notAVersion(text, `Node pool ${name} version`), offendingPools: [name] };
    pools.push({ name, version });
  }
  return { controlPlane, pools };
}

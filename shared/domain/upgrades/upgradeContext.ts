import type { ClusterState, PoolVersion } from './clusterState';
import { readClusterState } from './clusterState';
import { isRejection, notAVersion, unknownPool } from './rejections';
import type { TargetResolution } from './targetResolution';
import { resolveTarget } from './targetResolution';
import type { ClusterVersions, UpgradeRejection, UpgradeRequest, VersionSources } from './types';
import { VersionSpace } from './versionSpace';

/** Everything a judgement about one upgrade request needs, parsed once. */
export interface UpgradeContext {
  readonly request: UpgradeRequest;
  readonly cluster: ClusterVersions;
  readonly state: ClusterState;
  readonly space: VersionSpace;
  readonly target: TargetResolution;
  readonly allowPreview: boolean;
  /** The pools the request moves: every pool, or only `targetPool` for a NodePoolOnly request. */
  readonly movingPools: ReadonlyArray<PoolVersion>;
}

export function prepareUpgrade(
  sources: VersionSources,
  cluster: ClusterVersions,
  request: UpgradeRequest,
): UpgradeContext | UpgradeRejection {
  const state = readClusterState(cluster);
  if (isRejection(state)) return state;
  const movingPools = poolsMovedBy(request, state);
  if (isRejection(movingPools)) return movingPools;
  const space = VersionSpace.of(sources, cluster.supportPlan);
  const target = resolveTarget(request.target, state.controlPlane, space);
  if (!target) return notAVersion(request.target, 'Target');
  return { request, cluster, state, space, target, allowPreview: request.allowPreview === true, movingPools };
}

function poolsMovedBy(request: UpgradeRequest, state: ClusterState): PoolVersion[] | UpgradeRejection {
  if (request.upgradeType === 'ControlPlaneOnly') return [];
  if (request.upgradeType === 'Full' || request.targetPool === undefined) return [...state.pools];
  const pool = state.pools.find((candidate) => candidate.name === request.targetPool);
  return pool ? [pool] : unknownPool(request.targetPool);
}

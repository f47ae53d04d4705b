import type { ClusterSpec } from './clusterSpec';
import type { ExistingCluster } from './aksRules';
import type { Violation } from './violation';

export const clusterUpdatePoolCodes = {
  poolAddedInClusterUpdate: 'AgentPoolAddedInClusterUpdate',
  poolRemovedInClusterUpdate: 'AgentPoolRemovedInClusterUpdate',
} as const;

/**
 * A cluster update (PUT or PATCH of the cluster) keeps the cluster's set of pools. AKS refuses a pool that is
 * new to the cluster in a managed-cluster PUT ("Adding agent pools to an existing cluster is not allowed through
 * managed cluster operations"), and deletes pools only through the agent pool API, so leaving a pool out would
 * at best do nothing; pools are added and removed through `…/nodePools/{name}` instead, so we say so up front.
 */
export function clusterUpdatePoolViolations(spec: ClusterSpec, existing: ExistingCluster): Violation[] {
  const existingNames = new Set(existing.nodePools.map((pool) => pool.name.toLowerCase()));
  const desiredNames = new Set(spec.nodePools.map((pool) => pool.name.toLowerCase()));
  const added = spec.nodePools.flatMap((pool, index): Violation[] =>
    existingNames.has(pool.name.toLowerCase())
      ? []
      : [
          {
            path: `nodePools[${index}].name`,
            code: clusterUpdatePoolCodes.poolAddedInClusterUpdate,
            message: `pool "${pool.name}" is not in the cluster; AKS adds pools only one at a time: PUT …/nodePools/${pool.name}`,
          },
        ],
  );
  const removed = existing.nodePools
    .filter((pool) => !desiredNames.has(pool.name.toLowerCase()))
    .map(
      (pool): Violation => ({
        path: 'nodePools',
        code: clusterUpdatePoolCodes.poolRemovedInClusterUpdate,
        message: `pool "${pool.name}" is missing; a cluster update keeps every pool, remove it with DELETE …/nodePools/${pool.name}`,
      }),
    );
  return [...added, ...removed];
}

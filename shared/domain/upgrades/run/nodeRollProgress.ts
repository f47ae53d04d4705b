import type { RollingUpdate } from './rollingProgress';

/** One node as Container Insights' KubeNodeInventory last listed it. */
export interface InventoryNode {
  name: string;
  /** The `kubernetes.azure.com/agentpool` label. */
  pool: string;
  /** `v1.31.2`, as the kubelet reports it. */
  kubeletVersion: string;
  /** The `kubernetes.azure.com/node-image-version` label. */
  nodeImageVersion?: string | undefined;
  /** When this row was collected. */
  at: string;
}

/** The pool a step rolls, where it should end, and how many nodes the pool has outside an upgrade (its ARM count). */
export interface PoolTarget {
  pool: string;
  /** x.y.z (a version step) or the node image (a node-image step). */
  target: string;
  kind: 'version' | 'nodeImage';
  count: number;
}

/** Rows older than the cluster's last collection by more than this are nodes that left (a removed surge node). */
const COLLECTION_SLACK_MS = 90_000;

/**
 * Where a member's step is in its node roll, from the node inventory and the nodes an eviction was refused on
 * (a PodDisruptionBudget): the first pool of the step not finished yet, or the last one when all are. A surge node
 * is a node beyond the pool's count (it comes at the target version, so it is not counted as upgraded).
 */
export function rollingFromNodes(pools: readonly PoolTarget[], nodes: readonly InventoryNode[], pdbBlockedNodes: ReadonlySet<string>): RollingUpdate | undefined {
  const latest = Math.max(...nodes.map((node) => Date.parse(node.at)));
  if (!Number.isFinite(latest)) return undefined;
  const current = nodes.filter((node) => Date.parse(node.at) >= latest - COLLECTION_SLACK_MS);
  const at = new Date(latest).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const updates = pools.map((pool) => ({ at, ...poolProgress(pool, current.filter((node) => node.pool === pool.pool), pdbBlockedNodes) }));
  return updates.find((update) => update.drain !== 'Done') ?? updates.at(-1);
}

function poolProgress(pool: PoolTarget, nodes: readonly InventoryNode[], pdbBlockedNodes: ReadonlySet<string>): Omit<RollingUpdate, 'at'> {
  const onTarget = (node: InventoryNode) => (pool.kind === 'version' ? node.kubeletVersion.replace(/^v/, '') === pool.target : node.nodeImageVersion === pool.target);
  const surgeNodes = Math.max(0, nodes.length - pool.count);
  const nodesUpgraded = Math.min(pool.count, Math.max(0, nodes.filter(onTarget).length - surgeNodes));
  const counts = { surgeNodes, nodesUpgraded, nodesTotal: pool.count };
  if (nodes.some((node) => !onTarget(node) && pdbBlockedNodes.has(node.name))) return { pool: pool.pool, drain: 'BlockedByPdb', counts };
  if (nodesUpgraded >= pool.count && surgeNodes === 0) return { pool: pool.pool, drain: 'Done', counts };
  return { pool: pool.pool, drain: nodesUpgraded > 0 || surgeNodes > 0 ? 'Draining' : 'NotStarted', counts };
}

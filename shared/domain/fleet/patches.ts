import type { ClusterPatch, ClusterSpec } from './clusterSpec';
import type { NodePoolPatch, NodePoolSpec } from './nodePoolSpec';

function definedEntries<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/**
 * Applies a node pool PATCH: present fields replace the current ones (labels and taints as a whole),
 * `upgradeSettings` is merged field by field, `autoscaler: null` turns the autoscaler off.
 * Immutable-field changes survive the merge on purpose, so `checkAksRules` can report them.
 */
export function mergeNodePoolPatch(current: NodePoolSpec, patch: NodePoolPatch): NodePoolSpec {
  const { autoscaler, upgradeSettings, ...rest } = patch;
  const merged: NodePoolSpec = { ...current, ...definedEntries(rest) };
  if (autoscaler === null) delete merged.autoscaler;
  else if (autoscaler !== undefined) merged.autoscaler = autoscaler;
  if (upgradeSettings !== undefined)
    merged.upgradeSettings = { ...current.upgradeSettings, ...definedEntries(upgradeSettings) };
  return merged;
}

/**
 * Applies a cluster PATCH: present fields replace the current ones (tags as a whole); `network`,
 * `autoUpgrade` and `entraId` are merged field by field; `monitoring: null` turns monitoring off.
 * Node pools are untouched (they have their own endpoints).
 */
export function mergeClusterPatch(current: ClusterSpec, patch: ClusterPatch): ClusterSpec {
  const { network, autoUpgrade, entraId, monitoring, ...rest } = patch;
  const merged: ClusterSpec = { ...current, ...definedEntries(rest) };
  if (network !== undefined) merged.network = { ...current.network, ...definedEntries(network) };
  if (autoUpgrade !== undefined)
    merged.autoUpgrade = { ...current.autoUpgrade, ...definedEntries(autoUpgrade) };
  if (entraId !== undefined) merged.entraId = { ...current.entraId, ...definedEntries(entraId) };
  if (monitoring === null) delete merged.monitoring;
  else if (monitoring !== undefined) merged.monitoring = monitoring;
  return merged;
}

/** The cluster with `pool` in place of the pool of the same name, or added at the end (a pool PUT). */
export function withNodePool(cluster: ClusterSpec, pool: NodePoolSpec): ClusterSpec {
  const exists = cluster.nodePools.some((candidate) => candidate.name === pool.name);
  const nodePools = exists
    ? cluster.nodePools.map((candidate) => (candidate.name === pool.name ? pool : candidate))
    : [...cluster.nodePools, pool];
  return { ...cluster, nodePools };
}

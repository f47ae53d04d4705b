import type { PoolState, SkipReason } from './poolEvaluationTypes';

/** ARM states in which nothing runs on the pool. */
const SETTLED_STATES = new Set(['succeeded', 'failed', 'canceled']);

/** Why the pool must not be touched this cycle, first reason first; null when it may be. */
export function skipReasonOf(pool: PoolState): SkipReason | null {
  if (pool.clusterPowerState === 'Stopped') return 'ClusterStopped';
  if (pool.upgrading) return 'Upgrading';
  if (pool.inUpdateRun) return 'InUpdateRun';
  if (pool.inOperation) return 'InOperation';
  if (!SETTLED_STATES.has(pool.provisioningState.toLowerCase())) return 'PoolNotReady';
  return null;
}

export const SKIP_SENTENCES: Record<SkipReason, string> = {
  PolicyDisabled: 'Skipped: the policy is disabled.',
  ClusterStopped: 'Skipped: the cluster is stopped.',
  Upgrading: 'Skipped: the pool or its cluster is upgrading.',
  InUpdateRun: 'Skipped: a Fleetplane update run holds the cluster.',
  InOperation: 'Skipped: an operation is still running on the cluster or pool.',
  PoolNotReady: 'Skipped: the pool is not in a settled provisioning state.',
};

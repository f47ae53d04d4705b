import type { EffectivePolicy } from '../policy/effectivePolicy';
import type { ClusterAction, PoolHistory, PoolState } from './poolEvaluationTypes';

/**
 * Stop/start of the whole cluster from a StopCluster window: stop a running cluster while a window is open;
 * start it again once no window is open, but only if a schedule stopped it (a cluster someone else stopped
 * stays stopped).
 */
export function clusterActionOf(policy: EffectivePolicy, pool: PoolState, history: PoolHistory): { action: ClusterAction; stoppedBySchedule: string | undefined } {
  const window = policy.stopClusterSchedule;
  if (window !== undefined) {
    if (pool.clusterPowerState === 'Running') return { action: { type: 'Stop', schedule: window }, stoppedBySchedule: window };
    return { action: null, stoppedBySchedule: history.stoppedBySchedule };
  }
  if (pool.clusterPowerState === 'Stopped' && history.stoppedBySchedule !== undefined) {
    return { action: { type: 'Start', schedule: history.stoppedBySchedule }, stoppedBySchedule: undefined };
  }
  return { action: null, stoppedBySchedule: pool.clusterPowerState === 'Running' ? undefined : history.stoppedBySchedule };
}

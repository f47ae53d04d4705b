import { clusterActionOf } from './evaluation/clusterAction';
import { countDecision } from './evaluation/countDecision';
import { decisionSentence } from './evaluation/decisionSentence';
import { metricSteps, type MetricContext } from './evaluation/metricSteps';
import { keepRecentEvents } from './evaluation/poolHistory';
import { poolRangeOf, type PoolRange } from './evaluation/poolRange';
import { SKIP_SENTENCES, skipReasonOf } from './evaluation/skipReasons';
import type {
  ClusterAction,
  EvaluatePoolInput,
  PoolAction,
  PoolDecision,
  PoolHistory,
  SkipReason,
} from './evaluation/poolEvaluationTypes';

export const DEFAULT_STALE_AFTER_SECONDS = 300;

type DecisionBase = Pick<PoolDecision, 'clusterResourceId' | 'poolName' | 'evaluatedAt' | 'mode' | 'clusterAutoscalerManaged'>;

function skipped(base: DecisionBase, reason: SkipReason, history: PoolHistory, range: PoolRange, clusterAction: ClusterAction = null, sentence = SKIP_SENTENCES[reason]): PoolDecision {
  return {
    ...base,
    skipped: reason,
    action: { type: 'None' },
    clusterAction,
    needsWrite: base.mode === 'Enforce' && clusterAction !== null,
    hasPendingPods: false,
    steps: { metrics: [], combined: null, decided: null, range: { minNodes: range.minNodes, maxNodes: range.maxNodes } },
    rule: clusterAction === null ? `skip:${reason}` : `schedule:${clusterAction.schedule}`,
    sentence,
    history,
  };
}

function clusterActionSentence(action: NonNullable<ClusterAction>, dryRun: boolean): string {
  const verb = action.type === 'Stop' ? 'stop the cluster: window' : 'start the cluster again: window';
  const tail = action.type === 'Stop' ? 'is open' : 'has ended';
  return dryRun ? `Dry run: would ${verb} "${action.schedule}" ${tail}.` : `${verb.charAt(0).toUpperCase()}${verb.slice(1)} "${action.schedule}" ${tail}.`;
}

function pendingPodCount(input: EvaluatePoolInput): number {
  return (input.observations.pendingPods?.groups ?? []).reduce((sum, group) => sum + group.count, 0);
}

/** Pools under AKS's cluster autoscaler: only its min/max follow the policy and schedules. */
function rangeAction(base: DecisionBase, input: EvaluatePoolInput, range: PoolRange, history: PoolHistory): PoolDecision {
  const { clusterAutoscaler } = input.pool;
  // AKS's cluster autoscaler keeps maxCount ≥ 1: a zero window lets it remove every idle node instead.
  const to = { minCount: range.minNodes, maxCount: Math.max(range.maxNodes, 1, range.minNodes) };
  const changed = clusterAutoscaler.minCount !== to.minCount || clusterAutoscaler.maxCount !== to.maxCount;
  const action: PoolAction = changed
    ? { type: 'SetRange', from: { minCount: clusterAutoscaler.minCount ?? null, maxCount: clusterAutoscaler.maxCount ?? null }, to }
    : { type: 'None' };
  const why = changed ? `the policy's range is ${to.minCount}–${to.maxCount} (${range.rule})` : `the cluster autoscaler's range already is ${to.minCount}–${to.maxCount}; it sizes the pool itself`;
  return {
    ...base,
    skipped: null,
    action,
    clusterAction: null,
    needsWrite: base.mode === 'Enforce' && changed,
    hasPendingPods: false,
    steps: { metrics: [], combined: null, decided: null, range: { minNodes: range.minNodes, maxNodes: range.maxNodes } },
    rule: range.rule === 'policy' ? 'policy:range' : range.rule,
    sentence: decisionSentence(action, range.note === undefined ? why : `${why}; ${range.note}`, base.mode === 'DryRun', input.pool.count),
    history,
  };
}

/**
 * One pool, one cycle: the skip checks, stop/start of the cluster from StopCluster windows, then either the
 * cluster autoscaler's range (pools where AKS's autoscaler is on: never `count`) or the count from the HPA
 * pipeline over the policy's targets. Pure: every input is given, `now` included. Missing or stale readings
 * never scale down. The returned history keeps the recommendation log; a count change is added to it with
 * `recordScaleEvent` once the write was made.
 */
export function evaluatePool(input: EvaluatePoolInput): PoolDecision {
  const { policy, pool } = input;
  const nowMs = Date.parse(input.now);
  const base: DecisionBase = {
    clusterResourceId: pool.clusterResourceId,
    poolName: pool.poolName,
    evaluatedAt: input.now,
    mode: policy.mode,
    clusterAutoscalerManaged: pool.clusterAutoscaler.enabled,
  };
  const range = poolRangeOf(policy, pool);
  if (!policy.enabled) return skipped(base, 'PolicyDisabled', input.history, range);

  const cluster = clusterActionOf(policy, pool, input.history);
  const history: PoolHistory = { ...input.history, scaleEvents: keepRecentEvents(input.history, nowMs), stoppedBySchedule: cluster.stoppedBySchedule };
  if (cluster.action !== null) {
    return skipped(base, 'ClusterStopped', history, range, cluster.action, clusterActionSentence(cluster.action, policy.mode === 'DryRun'));
  }
  const skip = skipReasonOf(pool);
  if (skip !== null) return skipped(base, skip, history, range);
  if (pool.clusterAutoscaler.enabled) return rangeAction(base, input, range, history);

  const context: MetricContext = { pool, observations: input.observations, nowMs, staleAfterSeconds: input.staleAfterSeconds ?? DEFAULT_STALE_AFTER_SECONDS };
  const steps = metricSteps(policy, context);
  const outcome = countDecision(policy, range, steps, context, history);
  const action: PoolAction = outcome.to === pool.count ? { type: 'None' } : { type: 'SetCount', from: pool.count, to: outcome.to };
  const why = range.note === undefined ? outcome.why : `${outcome.why}; ${range.note}`;
  return {
    ...base,
    skipped: null,
    action,
    clusterAction: null,
    needsWrite: policy.mode === 'Enforce' && action.type !== 'None',
    hasPendingPods: pendingPodCount(input) > 0,
    steps: outcome.steps,
    rule: outcome.rule,
    sentence: decisionSentence(action, why, policy.mode === 'DryRun', pool.count),
    history: { ...history, recommendations: outcome.recommendations },
  };
}

export { recordScaleEvent } from './evaluation/poolHistory';
export { EMPTY_POOL_HISTORY } from './evaluation/poolEvaluationTypes';
export type * from './evaluation/poolEvaluationTypes';

import { estimateNodes } from '../binpacking';
import { calculateReplicas } from '../calculateReplicas';
import type { EffectivePolicy } from '../policy/effectivePolicy';
import { CLUSTER_METRIC_NAMESPACE } from '../policy/targetsSchema';
import type { MetricTarget, ReplicaSample } from '../types';
import type { MetricName, MetricStep, PoolObservations, PoolState, Reading } from './poolEvaluationTypes';

export interface MetricContext {
  pool: PoolState;
  observations: PoolObservations;
  nowMs: number;
  staleAfterSeconds: number;
}

type Freshness = 'ok' | 'missing' | 'stale';

function freshnessOf(sampledAt: string | undefined, context: MetricContext): Freshness {
  if (sampledAt === undefined) return 'missing';
  const sampledMs = Date.parse(sampledAt);
  if (Number.isNaN(sampledMs)) return 'missing';
  return context.nowMs - sampledMs > context.staleAfterSeconds * 1000 ? 'stale' : 'ok';
}

function unavailable(metric: MetricName, reading: Reading | null | undefined, target: number, status: 'missing' | 'stale'): MetricStep {
  const note = status === 'stale' ? `the last reading (${reading?.sampledAt}) is stale` : 'no reading';
  return { metric, value: reading?.value ?? null, target, sampledAt: reading?.sampledAt ?? null, status, proposedNodes: null, note };
}

const toMilli = (value: number) => Math.round(value * 1000);

/** Every node ready: what the HPA counts as ready pods when a total-value target is compared. */
function readyNodes(count: number): ReplicaSample[] {
  return Array.from({ length: count }, () => ({ phase: 'Running' as const, ready: true, deleting: false }));
}

/** One HPA proposal for a reading, or an error step when the calculator refuses it. */
function proposal(metric: MetricName, reading: Reading, target: number, hpaMetric: MetricTarget, samples: ReplicaSample[], context: MetricContext): MetricStep {
  const result = calculateReplicas({ currentReplicas: context.pool.count, samples, metric: hpaMetric });
  const base = { metric, value: reading.value, target, sampledAt: reading.sampledAt };
  if (!result.ok) return { ...base, status: 'error', proposedNodes: null, note: result.error };
  const shown = Math.round(reading.value * 10) / 10;
  const note =
    result.desiredReplicas === context.pool.count
      ? `${shown} against ${target}: within tolerance or on target`
      : `${shown} against ${target} asks for ${result.desiredReplicas} nodes`;
  return { ...base, status: 'ok', proposedNodes: result.desiredReplicas, note };
}

/**
 * Node utilisation as the HPA's per-replica average: the pool's total (average % × nodes) against the
 * target per node, which is the Resource metric's usage ratio when every node is ready.
 */
function utilisationStep(metric: 'cpu' | 'memory', reading: Reading | null | undefined, targetPercent: number, context: MetricContext): MetricStep {
  const freshness = freshnessOf(reading?.sampledAt, context);
  if (reading === undefined || reading === null || freshness !== 'ok') return unavailable(metric, reading, targetPercent, freshness === 'ok' ? 'missing' : freshness);
  if (!(reading.value >= 0)) return { ...unavailable(metric, reading, targetPercent, 'missing'), status: 'error', note: 'a negative utilisation' };
  const hpaMetric: MetricTarget = { type: 'External', valueMilli: toMilli(reading.value * context.pool.count), targetAverageValueMilli: toMilli(targetPercent) };
  return proposal(metric, reading, targetPercent, hpaMetric, [], context);
}

function valueTargetStep(
  metric: 'logAnalytics' | 'custom',
  reading: Reading | null | undefined,
  target: { targetValue?: number | undefined; targetAverageValue?: number | undefined },
  source: string,
  context: MetricContext,
): MetricStep {
  return { ...valueTargetProposal(metric, reading, target, context), source };
}

function valueTargetProposal(
  metric: 'logAnalytics' | 'custom',
  reading: Reading | null | undefined,
  target: { targetValue?: number | undefined; targetAverageValue?: number | undefined },
  context: MetricContext,
): MetricStep {
  const targetNumber = target.targetValue ?? target.targetAverageValue ?? 0;
  const freshness = freshnessOf(reading?.sampledAt, context);
  if (reading === undefined || reading === null || freshness !== 'ok') return unavailable(metric, reading, targetNumber, freshness === 'ok' ? 'missing' : freshness);
  if (!(reading.value >= 0)) return { ...unavailable(metric, reading, targetNumber, 'missing'), status: 'error', note: 'a negative value' };
  if (target.targetValue !== undefined) {
    const hpaMetric: MetricTarget = { type: 'External', valueMilli: toMilli(reading.value), targetValueMilli: toMilli(target.targetValue) };
    return proposal(metric, reading, targetNumber, hpaMetric, readyNodes(context.pool.count), context);
  }
  const hpaMetric: MetricTarget = { type: 'External', valueMilli: toMilli(reading.value), targetAverageValueMilli: toMilli(targetNumber) };
  return proposal(metric, reading, targetNumber, hpaMetric, [], context);
}

/**
 * Pending pods as the cluster autoscaler sees them: the nodes binpacking on the pool's VM size adds to the
 * current count. With nothing pending it proposes nothing (it must not hold a scale-down back).
 */
export function pendingPodsStep(context: MetricContext, maxNodes: number): MetricStep {
  const pending = context.observations.pendingPods;
  const freshness = freshnessOf(pending?.sampledAt, context);
  if (pending === undefined || pending === null || freshness !== 'ok') {
    const status = freshness === 'ok' ? 'missing' : freshness;
    return { metric: 'pendingPods', value: null, target: null, sampledAt: pending?.sampledAt ?? null, status, proposedNodes: null, note: status === 'stale' ? 'the pending pod count is stale' : 'no pending pod count' };
  }
  const podCount = pending.groups.reduce((sum, group) => sum + group.count, 0);
  const base = { metric: 'pendingPods' as const, value: podCount, target: 0, sampledAt: pending.sampledAt, status: 'ok' as const };
  if (podCount === 0) return { ...base, proposedNodes: null, note: 'no pending pods' };
  const room = Math.max(0, maxNodes - context.pool.count);
  const estimate = estimateNodes({ nodeTemplate: context.pool.node, podGroups: pending.groups, maxNodes: room === 0 ? 1 : room });
  const added = room === 0 ? 0 : estimate.nodeCount;
  const unplaced = podCount - estimate.scheduledPodCount;
  const note =
    `${podCount} pending pod(s) need ${added} more node(s)` +
    (unplaced > 0 ? `; ${unplaced} fit on no node of this size or past maxNodes` : '');
  return { ...base, proposedNodes: context.pool.count + added, note };
}

/** The raw proposal of every target the policy sets, in a fixed order. */
export function metricSteps(policy: EffectivePolicy, context: MetricContext): MetricStep[] {
  const { targets } = policy;
  const { observations } = context;
  const steps: MetricStep[] = [];
  if (targets.cpuUtilizationPercent !== undefined) steps.push(utilisationStep('cpu', observations.cpuPercent, targets.cpuUtilizationPercent, context));
  if (targets.memoryUtilizationPercent !== undefined) steps.push(utilisationStep('memory', observations.memoryPercent, targets.memoryUtilizationPercent, context));
  if (targets.pendingPods === true) steps.push(pendingPodsStep(context, policy.maxNodes));
  const { logAnalyticsMetric, customMetric } = targets;
  if (logAnalyticsMetric !== undefined) steps.push(valueTargetStep('logAnalytics', observations.logAnalyticsValue, logAnalyticsMetric, logAnalyticsMetric.query, context));
  if (customMetric !== undefined) {
    const source = `${customMetric.namespace ?? CLUSTER_METRIC_NAMESPACE}/${customMetric.name}`;
    steps.push(valueTargetStep('custom', observations.customMetricValue, customMetric, source, context));
  }
  return steps;
}

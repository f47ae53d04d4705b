import { decideReplicas } from '../decideReplicas';
import type { EffectivePolicy } from '../policy/effectivePolicy';
import type { Condition } from '../types';
import type { MetricContext } from './metricSteps';
import { pendingPodsStep } from './metricSteps';
import { recommendationsAt, recommendationsToStore, scaleEventsAt } from './poolHistory';
import type { PoolRange } from './poolRange';
import type { DecisionSteps, MetricName, MetricStep, PoolHistory } from './poolEvaluationTypes';

export interface CountOutcome {
  to: number;
  rule: string;
  steps: DecisionSteps;
  recommendations: PoolHistory['recommendations'];
  why: string;
}

function ruleOf(condition: Condition, reason: string, combinedMetric: MetricName | undefined, rangeRule: string): string {
  if (condition === 'TooFewReplicas') return rangeRule === 'policy' ? 'range:min' : rangeRule;
  if (condition === 'TooManyReplicas') return rangeRule === 'policy' ? 'range:max' : rangeRule;
  if (condition === 'ScaleUpLimit') return 'rateLimit:scaleUp';
  if (condition === 'ScaleDownLimit') return 'rateLimit:scaleDown';
  if (reason === 'FailedComputeMetricsReplicas') return 'metrics:unavailable';
  if (reason === 'ScaleUpStabilized') return 'stabilization:scaleUp';
  if (reason === 'ScaleDownStabilized') return 'stabilization:scaleDown';
  if (reason === 'ReadyForNewScale') return 'metrics:onTarget';
  return combinedMetric === undefined ? 'metrics:onTarget' : `metric:${combinedMetric}`;
}

const WHY: Record<string, string> = {
  'rateLimit:scaleUp': 'the scale-up rate limit held it back',
  'rateLimit:scaleDown': 'the scale-down rate limit held it back',
  'metrics:unavailable': 'a missing, stale or failed metric blocks scaling down',
  'stabilization:scaleUp': 'the scale-up stabilisation window holds it',
  'stabilization:scaleDown': 'the scale-down stabilisation window remembers a higher recommendation',
  'metrics:onTarget': 'every metric is within tolerance of its target',
};

function whyOf(rule: string, steps: MetricStep[], range: PoolRange): string {
  if (rule.startsWith('metric:')) {
    const step = steps.find((s) => `metric:${s.metric}` === rule);
    return step === undefined ? 'the metrics asked for it' : `${step.metric}: ${step.note}`;
  }
  if (rule === 'range:min' || rule === 'range:max' || rule.startsWith('schedule:')) return `the range is ${range.minNodes}–${range.maxNodes} (${range.rule})`;
  return WHY[rule] ?? rule;
}

/** The pool is at zero: it comes back through its range (a window ended) or through pending pods. */
function fromZero(range: PoolRange, context: MetricContext, steps: MetricStep[], policy: EffectivePolicy, nowMs: number): CountOutcome {
  const base = { range: { minNodes: range.minNodes, maxNodes: range.maxNodes } };
  if (range.minNodes > 0) {
    return {
      to: range.minNodes,
      rule: range.rule === 'policy' ? 'range:min' : range.rule,
      steps: { metrics: steps, combined: null, decided: null, ...base },
      recommendations: recommendationsToStore([{ replicas: range.minNodes, ageSeconds: 0 }], nowMs),
      why: `the pool is at 0 and its range starts at ${range.minNodes} (${range.rule})`,
    };
  }
  const pending = policy.targets.pendingPods === true ? steps.find((s) => s.metric === 'pendingPods') ?? pendingPodsStep(context, range.maxNodes) : undefined;
  const to = Math.min(range.maxNodes, pending?.proposedNodes ?? 0);
  return {
    to,
    rule: to > 0 ? 'metric:pendingPods' : 'metrics:onTarget',
    steps: { metrics: steps, combined: to > 0 ? { nodes: to, metric: 'pendingPods' } : null, decided: null, ...base },
    recommendations: recommendationsToStore([{ replicas: to, ageSeconds: 0 }], nowMs),
    why: to > 0 ? `pendingPods: ${pending?.note}` : 'the pool is at 0 and nothing is pending',
  };
}

function combinedOf(steps: MetricStep[]): { nodes: number; metric: MetricName } | null {
  let best: { nodes: number; metric: MetricName } | null = null;
  for (const step of steps) {
    if (step.status === 'ok' && step.proposedNodes !== null && (best === null || step.proposedNodes > best.nodes)) {
      best = { nodes: step.proposedNodes, metric: step.metric };
    }
  }
  return best;
}

/**
 * The count for a pool Fleetplane sizes itself: the HPA pipeline (decideReplicas: proposals combined,
 * stabilised, rate limited, clamped) over the targets' raw proposals. A pending-pods target with nothing
 * pending is left out so it does not hold a scale-down back; every other unreadable target is passed as
 * invalid, which blocks any scale-down.
 */
export function countDecision(
  policy: EffectivePolicy,
  range: PoolRange,
  steps: MetricStep[],
  context: MetricContext,
  history: PoolHistory,
): CountOutcome {
  const { nowMs, pool } = context;
  if (pool.count === 0) return fromZero(range, context, steps, policy, nowMs);
  if (range.maxNodes === 0) {
    return {
      to: 0,
      rule: range.rule,
      steps: { metrics: steps, combined: null, decided: null, range: { minNodes: 0, maxNodes: 0 } },
      recommendations: recommendationsToStore([{ replicas: 0, ageSeconds: 0 }], nowMs),
      why: `the window holds the pool at 0 nodes (${range.rule})`,
    };
  }
  const considered = steps.filter((step) => !(step.metric === 'pendingPods' && step.status === 'ok' && step.proposedNodes === null));
  const metrics =
    considered.length > 0
      ? considered.map((step) => ({ name: step.metric, proposedReplicas: step.proposedNodes, valid: step.status === 'ok' && step.proposedNodes !== null }))
      : [{ name: 'pendingPods', proposedReplicas: pool.count, valid: true }];
  const events = scaleEventsAt(history, nowMs);
  const decided = decideReplicas({
    currentReplicas: pool.count,
    minReplicas: range.minNodes,
    maxReplicas: range.maxNodes,
    metrics,
    behavior: { scaleUp: policy.behavior?.scaleUp ?? null, scaleDown: policy.behavior?.scaleDown ?? null },
    recommendations: recommendationsAt(history, nowMs),
    scaleUpEvents: events.up,
    scaleDownEvents: events.down,
  });
  const combined = combinedOf(considered);
  const rule = ruleOf(decided.condition, decided.reason, combined?.metric, range.rule);
  return {
    to: decided.desiredReplicas,
    rule,
    steps: {
      metrics: steps,
      combined,
      decided: { nodes: decided.desiredReplicas, condition: decided.condition, reason: decided.reason },
      range: { minNodes: range.minNodes, maxNodes: range.maxNodes },
    },
    recommendations: recommendationsToStore(decided.recommendations, nowMs),
    why: whyOf(rule, steps, range),
  };
}

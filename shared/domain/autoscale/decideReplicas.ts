import { decideReplicasInputSchema } from './inputSchemas';
import { parseOrThrow } from './inputValidation';
import { applyLegacyLimits } from './legacyLimits';
import { combineMetricProposals } from './metricProposals';
import { applyRateLimits } from './rateLimits';
import { withScaleDownDefaults, withScaleUpDefaults } from './scalingRuleDefaults';
import { stabilizeRecommendation, stabilizeRecommendationLegacy } from './stabilization';
import type { Behavior, Condition, DecideReplicasInput, Recommendation, ReplicaDecision } from './types';

/** --horizontal-pod-autoscaler-downscale-stabilization's default. */
const DEFAULT_DOWNSCALE_STABILIZATION_SECONDS = 300;

/**
 * `reason` is what the HPA's status would say about the outcome, in its own words:
 * - `ScalingDisabled` (ScalingActive): the target is at 0 replicas while minReplicas > 0;
 * - `FailedComputeMetricsReplicas` (the HPA's event): no usable proposal, or an invalid metric blocks a scale-down;
 * - `SucceededRescale` (AbleToScale): the desired count differs from the current one;
 * - `ScaleUpStabilized` / `ScaleDownStabilized` (AbleToScale): the stabilization window held the count;
 * - `ReadyForNewScale` (AbleToScale): the recommendation matches the current count.
 * `condition` is the ScalingLimited reason. The HPA leaves that condition untouched when it skips the
 * metrics (disabled, out of range, invalid metrics); then it is the range bound that applied, or
 * DesiredWithinRange.
 */
type Reason =
  | 'ScalingDisabled'
  | 'FailedComputeMetricsReplicas'
  | 'SucceededRescale'
  | 'ScaleUpStabilized'
  | 'ScaleDownStabilized'
  | 'ReadyForNewScale';

interface Normalized {
  readonly stabilizedReplicas: number;
  readonly stabilizedReason: Reason;
  readonly desiredReplicas: number;
  readonly condition: Condition;
  readonly recommendations: Recommendation[];
}

type ValidInput = DecideReplicasInput & { recommendations: Recommendation[] };

/** normalizeDesiredReplicas: the legacy downscale window, then max(2 × current, 4) and the range. */
function normalizeLegacy(i: ValidInput, proposal: number): Normalized {
  const stabilized = stabilizeRecommendationLegacy({
    desiredReplicas: proposal,
    recommendations: i.recommendations,
    windowSeconds: i.downscaleStabilizationWindowSeconds ?? DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
  });
  const limited = applyLegacyLimits({
    currentReplicas: i.currentReplicas,
    desiredReplicas: stabilized.replicas,
    minReplicas: i.minReplicas,
    maxReplicas: i.maxReplicas,
  });
  return {
    stabilizedReplicas: stabilized.replicas,
    stabilizedReason: 'ScaleDownStabilized',
    ...limited,
    recommendations: stabilized.recommendations,
  };
}

/** normalizeDesiredReplicasWithBehaviors: both stabilization windows, then the policies and the range. */
function normalizeWithBehavior(i: ValidInput, behavior: Behavior, proposal: number): Normalized {
  const scaleDownWindow =
    withScaleDownDefaults(behavior.scaleDown).stabilizationWindowSeconds ??
    i.downscaleStabilizationWindowSeconds ??
    DEFAULT_DOWNSCALE_STABILIZATION_SECONDS;
  const stabilized = stabilizeRecommendation({
    currentReplicas: i.currentReplicas,
    desiredReplicas: proposal,
    recommendations: i.recommendations,
    scaleUpWindowSeconds: withScaleUpDefaults(behavior.scaleUp).stabilizationWindowSeconds ?? 0,
    scaleDownWindowSeconds: scaleDownWindow,
  });
  const limited = applyRateLimits({
    currentReplicas: i.currentReplicas,
    desiredReplicas: stabilized.replicas,
    minReplicas: i.minReplicas,
    maxReplicas: i.maxReplicas,
    scaleUp: behavior.scaleUp ?? null,
    scaleDown: behavior.scaleDown ?? null,
    scaleUpEvents: i.scaleUpEvents ?? [],
    scaleDownEvents: i.scaleDownEvents ?? [],
  });
  return {
    stabilizedReplicas: stabilized.replicas,
    stabilizedReason: proposal >= i.currentReplicas ? 'ScaleUpStabilized' : 'ScaleDownStabilized',
    ...limited,
    recommendations: stabilized.recommendations,
  };
}

function reasonOf(normalized: Normalized, proposal: number, currentReplicas: number): Reason {
  if (normalized.desiredReplicas !== currentReplicas) return 'SucceededRescale';
  if (normalized.stabilizedReplicas !== proposal) return normalized.stabilizedReason;
  return 'ReadyForNewScale';
}

/**
 * One HPA reconcile from the metric proposals onward (reconcileAutoscaler): the disabled and out-of-range
 * shortcuts, the proposals' maximum, stabilization, then the limits. As the controller does on its first
 * sync, an empty recommendation log starts with the current count, so a fresh autoscaler never scales down
 * at once. Scale events to record after a rescale are the caller's (it knows when the rescale happened).
 */
export function decideReplicas(input: DecideReplicasInput): ReplicaDecision {
  const parsed = parseOrThrow(decideReplicasInputSchema, input, 'decideReplicas');
  const recommendations =
    parsed.recommendations.length > 0
      ? parsed.recommendations
      : [{ replicas: parsed.currentReplicas, ageSeconds: 0 }];
  const i: ValidInput = { ...parsed, recommendations };
  const keep = (desiredReplicas: number, condition: Condition, reason: Reason): ReplicaDecision => ({
    desiredReplicas,
    condition,
    reason,
    recommendations,
  });

  // A pool at zero comes back through its schedule or pending pods, outside this function.
  if (i.currentReplicas === 0 && i.minReplicas !== 0) return keep(0, 'DesiredWithinRange', 'ScalingDisabled');
  if (i.currentReplicas > i.maxReplicas) return keep(i.maxReplicas, 'TooManyReplicas', 'SucceededRescale');
  if (i.currentReplicas < i.minReplicas) return keep(i.minReplicas, 'TooFewReplicas', 'SucceededRescale');

  const combined = combineMetricProposals(i.metrics, i.currentReplicas);
  if (!combined.ok) return keep(i.currentReplicas, 'DesiredWithinRange', 'FailedComputeMetricsReplicas');

  const proposal = combined.replicas;
  const normalized =
    i.behavior === null ? normalizeLegacy(i, proposal) : normalizeWithBehavior(i, i.behavior, proposal);
  return {
    desiredReplicas: normalized.desiredReplicas,
    condition: normalized.condition,
    reason: reasonOf(normalized, proposal, i.currentReplicas),
    recommendations: normalized.recommendations,
  };
}

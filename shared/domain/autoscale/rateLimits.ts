import {
  applyRateLimitsInputSchema,
  replicasChangedWithinInputSchema,
  scaleLimitInputSchema,
} from './inputSchemas';
import { parseOrThrow } from './inputValidation';
import { MAX_INT32, MIN_INT32 } from './integerMath';
import type { ResolvedScalingRules } from './scalingRuleDefaults';
import { withScaleDownDefaults, withScaleUpDefaults } from './scalingRuleDefaults';
import type {
  ApplyRateLimitsInput,
  LimitedReplicas,
  ReplicasChangedWithinInput,
  ScaleEvent,
  ScaleLimitInput,
  ScalingPolicy,
} from './types';

/** getReplicasChangePerPeriod: an event counts while it is younger than the period. */
function changeWithin(periodSeconds: number, events: readonly ScaleEvent[]): number {
  return events.reduce(
    (sum, event) => (event.ageSeconds < periodSeconds ? sum + event.replicaChange : sum),
    0,
  );
}

/** The replica count at the start of the policy's period, undoing the scale events since. */
function periodStartReplicas(
  currentReplicas: number,
  policy: ScalingPolicy,
  scaleUpEvents: readonly ScaleEvent[],
  scaleDownEvents: readonly ScaleEvent[],
): number {
  return (
    currentReplicas -
    changeWithin(policy.periodSeconds, scaleUpEvents) +
    changeWithin(policy.periodSeconds, scaleDownEvents)
  );
}

interface DirectionLimitInput {
  readonly currentReplicas: number;
  readonly rules: ResolvedScalingRules;
  readonly scaleUpEvents: readonly ScaleEvent[];
  readonly scaleDownEvents: readonly ScaleEvent[];
}

/** calculateScaleUpLimitWithScalingRules; Percent rounds up so that a small count can still grow. */
function upLimitOf(i: DirectionLimitInput): number {
  if (i.rules.selectPolicy === 'Disabled') return i.currentReplicas;
  const smallestChange = i.rules.selectPolicy === 'Min';
  let limit = smallestChange ? MAX_INT32 : MIN_INT32;
  for (const policy of i.rules.policies) {
    const start = periodStartReplicas(i.currentReplicas, policy, i.scaleUpEvents, i.scaleDownEvents);
    const proposed =
      policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    limit = smallestChange ? Math.min(limit, proposed) : Math.max(limit, proposed);
  }
  return limit;
}

/** calculateScaleDownLimitWithBehaviors; Percent truncates toward zero (Go's int32 conversion). */
function downLimitOf(i: DirectionLimitInput): number {
  if (i.rules.selectPolicy === 'Disabled') return i.currentReplicas;
  const smallestChange = i.rules.selectPolicy === 'Min';
  let limit = smallestChange ? MIN_INT32 : MAX_INT32;
  for (const policy of i.rules.policies) {
    const start = periodStartReplicas(i.currentReplicas, policy, i.scaleUpEvents, i.scaleDownEvents);
    const proposed =
      policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    limit = smallestChange ? Math.max(limit, proposed) : Math.min(limit, proposed);
  }
  return limit;
}

/** Net replicas added by the events younger than the period (events carry their own sign). */
export function replicasChangedWithin(input: ReplicasChangedWithinInput): number {
  const i = parseOrThrow(replicasChangedWithinInputSchema, input, 'replicasChangedWithin');
  return changeWithin(i.periodSeconds, i.events);
}

/**
 * The highest count the scale-up rules allow now (missing fields take the API defaults). It can lie below
 * the current count after a burst of scale-ups; applyRateLimits then holds the current count.
 */
export function scaleUpLimit(input: ScaleLimitInput): number {
  const i = parseOrThrow(scaleLimitInputSchema, input, 'scaleUpLimit');
  return upLimitOf({ ...i, rules: withScaleUpDefaults(i.rules) });
}

/** The lowest count the scale-down rules allow now (missing fields take the API defaults). */
export function scaleDownLimit(input: ScaleLimitInput): number {
  const i = parseOrThrow(scaleLimitInputSchema, input, 'scaleDownLimit');
  return downLimitOf({ ...i, rules: withScaleDownDefaults(i.rules) });
}

/**
 * convertDesiredReplicasWithBehaviorRate: the rate limit of the direction the desired count points to,
 * then maxReplicas (up) or minReplicas (down). Nothing is clamped when the desired count equals the
 * current one. The condition names what bound the result.
 */
export function applyRateLimits(input: ApplyRateLimitsInput): LimitedReplicas {
  const i = parseOrThrow(applyRateLimitsInputSchema, input, 'applyRateLimits');
  const events = { scaleUpEvents: i.scaleUpEvents, scaleDownEvents: i.scaleDownEvents };

  if (i.desiredReplicas > i.currentReplicas) {
    const rateLimit = Math.max(
      upLimitOf({ currentReplicas: i.currentReplicas, rules: withScaleUpDefaults(i.scaleUp), ...events }),
      i.currentReplicas,
    );
    const rateBinds = i.maxReplicas > rateLimit;
    const highest = rateBinds ? rateLimit : i.maxReplicas;
    if (i.desiredReplicas > highest)
      return { desiredReplicas: highest, condition: rateBinds ? 'ScaleUpLimit' : 'TooManyReplicas' };
  } else if (i.desiredReplicas < i.currentReplicas) {
    const rateLimit = Math.min(
      downLimitOf({
        currentReplicas: i.currentReplicas,
        rules: withScaleDownDefaults(i.scaleDown),
        ...events,
      }),
      i.currentReplicas,
    );
    const rateBinds = i.minReplicas < rateLimit;
    const lowest = rateBinds ? rateLimit : i.minReplicas;
    if (i.desiredReplicas < lowest)
      return { desiredReplicas: lowest, condition: rateBinds ? 'ScaleDownLimit' : 'TooFewReplicas' };
  }
  return { desiredReplicas: i.desiredReplicas, condition: 'DesiredWithinRange' };
}

import { applyLegacyLimitsInputSchema } from './inputSchemas';
import { parseOrThrow } from './inputValidation';
import type { ApplyLegacyLimitsInput, LimitedReplicas } from './types';

/** horizontal.go's scaleUpLimitFactor and scaleUpLimitMinimum. */
const SCALE_UP_LIMIT_FACTOR = 2.0;
const SCALE_UP_LIMIT_MINIMUM = 4.0;

/** calculateScaleUpLimit: an HPA without `behavior` grows at most to max(2 × current, 4) per sync. */
function legacyScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM));
}

/** convertDesiredReplicasWithRules: minReplicas first, then the lower of maxReplicas and the scale-up cap. */
export function applyLegacyLimits(input: ApplyLegacyLimitsInput): LimitedReplicas {
  const i = parseOrThrow(applyLegacyLimitsInputSchema, input, 'applyLegacyLimits');
  const scaleUpCap = legacyScaleUpLimit(i.currentReplicas);
  const capBinds = i.maxReplicas > scaleUpCap;
  const highest = capBinds ? scaleUpCap : i.maxReplicas;

  if (i.desiredReplicas < i.minReplicas)
    return { desiredReplicas: i.minReplicas, condition: 'TooFewReplicas' };
  if (i.desiredReplicas > highest)
    return { desiredReplicas: highest, condition: capBinds ? 'ScaleUpLimit' : 'TooManyReplicas' };
  return { desiredReplicas: i.desiredReplicas, condition: 'DesiredWithinRange' };
}

import { calculateReplicasInputSchema } from './inputSchemas';
import { parseOrError } from './inputValidation';
import { objectAverageValueReplicas, objectValueReplicas } from './objectMetricReplicas';
import { podsMetricReplicas } from './podsMetricReplicas';
import { resourceMetricReplicas } from './resourceMetricReplicas';
import { DEFAULT_TOLERANCE } from './tolerance';
import type { CalculateReplicasInput, CalculateReplicasResult } from './types';

/**
 * One metric's replica proposal, as the HPA's ReplicaCalculator computes it. Invalid input and the
 * calculator's own errors (no pods, no metrics, missing requests) come back as `{ ok: false, error }`.
 */
export function calculateReplicas(input: CalculateReplicasInput): CalculateReplicasResult {
  const parsed = parseOrError(calculateReplicasInputSchema, input);
  if (!parsed.ok) return parsed;
  const { currentReplicas, samples, metric } = parsed.value;
  const tolerance = parsed.value.tolerance ?? DEFAULT_TOLERANCE;

  switch (metric.type) {
    case 'Resource':
      return resourceMetricReplicas({
        currentReplicas,
        samples,
        tolerance,
        resource: metric.resource ?? 'cpu',
        targetUtilizationPercent: metric.targetUtilizationPercent,
      });
    case 'Pods':
      return podsMetricReplicas({
        currentReplicas,
        samples,
        tolerance,
        targetAverageValueMilli: metric.targetAverageValueMilli,
      });
    default:
      if ('targetValueMilli' in metric) {
        return objectValueReplicas({ currentReplicas, samples, tolerance, ...metric });
      }
      return objectAverageValueReplicas({ currentReplicas, tolerance, ...metric });
  }
}

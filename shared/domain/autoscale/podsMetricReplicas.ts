import { conservativeReplicas } from './conservativeReplicas';
import { sumOf, truncatedQuotient } from './integerMath';
import { groupSamples } from './sampleGroups';
import type { CalculateReplicasResult, ReplicaSample } from './types';

export interface PodsMetricInput {
  readonly currentReplicas: number;
  readonly samples: ReplicaSample[];
  readonly targetAverageValueMilli: number;
  readonly tolerance: number;
}

/** The HPA's GetMetricUsageRatio: the average is an int64 (truncated) before it is compared. */
function averageOf(metrics: Map<number, number>): number {
  return truncatedQuotient(sumOf(metrics.values()), metrics.size);
}

/**
 * A per-pod custom metric (calcPlainMetricReplicas). Readiness does not matter here, only the phase;
 * a missing sample is assumed at the target on a scale-down. `current` is the first-pass average.
 */
export function podsMetricReplicas(input: PodsMetricInput): CalculateReplicasResult {
  const { samples, targetAverageValueMilli: target } = input;
  if (samples.length === 0)
    return { ok: false, error: 'no pods returned by selector while calculating replica count' };
  const groups = groupSamples(samples, (sample) => sample.valueMilli, false);
  if (groups.metrics.size === 0) {
    return { ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' };
  }
  const average = averageOf(groups.metrics);
  const desiredReplicas = conservativeReplicas({
    currentReplicas: input.currentReplicas,
    groups,
    tolerance: input.tolerance,
    usageRatio: average / target,
    usageRatioOf: (metrics) => averageOf(metrics) / target,
    assumedUsageWhenMissingOnScaleDown: () => target,
  });
  return { ok: true, desiredReplicas, current: average };
}

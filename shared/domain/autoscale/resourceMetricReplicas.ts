import { conservativeReplicas } from './conservativeReplicas';
import { MAX_INT32, sumOf, truncatedPercent, truncatedQuotient } from './integerMath';
import { groupSamples } from './sampleGroups';
import type { CalculateReplicasResult, ReplicaSample } from './types';

export interface ResourceMetricInput {
  readonly currentReplicas: number;
  readonly samples: ReplicaSample[];
  readonly resource: 'cpu' | 'memory';
  readonly targetUtilizationPercent: number;
  readonly tolerance: number;
}

interface Utilization {
  readonly usageRatio: number;
  /** Whole percent of the summed requests, truncated as the HPA's int32 status field. */
  readonly percent: number;
}

/** The HPA's GetResourceUtilizationRatio over the samples that have a metric. */
function utilizationOf(
  metrics: Map<number, number>,
  requests: number[],
  targetPercent: number,
): Utilization | string {
  const requestsTotal = sumOf([...metrics.keys()].map((index) => requests[index] ?? 0));
  if (requestsTotal === 0) return 'no metrics returned matched known pods';
  const percent = truncatedPercent(sumOf(metrics.values()), requestsTotal);
  if (percent > MAX_INT32) return `resource utilization ${percent} is outside the int32 range`;
  return { usageRatio: percent / targetPercent, percent };
}

/**
 * Utilization of requests (GetResourceReplicas). Every sample must carry a request, whatever its phase,
 * as upstream requires of every listed pod. `current` is the first-pass utilization percent, before the
 * conservative assumptions, as the HPA reports it.
 */
export function resourceMetricReplicas(input: ResourceMetricInput): CalculateReplicasResult {
  const { samples, resource } = input;
  if (samples.length === 0)
    return { ok: false, error: 'no pods returned by selector while calculating replica count' };
  const groups = groupSamples(samples, (sample) => sample.usageMilli, resource === 'cpu');
  if (groups.metrics.size === 0) {
    return { ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' };
  }
  if (samples.some((sample) => sample.requestMilli === null || sample.requestMilli === undefined)) {
    return { ok: false, error: `missing request for ${resource}` };
  }
  const requests = samples.map((sample) => sample.requestMilli ?? 0);
  const first = utilizationOf(groups.metrics, requests, input.targetUtilizationPercent);
  if (typeof first === 'string') return { ok: false, error: first };

  // Above a 100 % target a missing pod is assumed at the target, so it never pulls towards a scale-down.
  const assumedPercent = Math.max(100, input.targetUtilizationPercent);
  const desiredReplicas = conservativeReplicas({
    currentReplicas: input.currentReplicas,
    groups,
    tolerance: input.tolerance,
    usageRatio: first.usageRatio,
    usageRatioOf: (metrics) => {
      const again = utilizationOf(metrics, requests, input.targetUtilizationPercent);
      return typeof again === 'string' ? first.usageRatio : again.usageRatio;
    },
    assumedUsageWhenMissingOnScaleDown: (index) =>
      truncatedQuotient((requests[index] ?? 0) * assumedPercent, 100),
  });
  return { ok: true, desiredReplicas, current: first.percent };
}

import type { MetricProposal } from './types';

export type CombinedProposal =
  | { readonly ok: true; readonly replicas: number; readonly metricName: string }
  | { readonly ok: false; readonly invalidCount: number };

/**
 * computeReplicasForMetrics: the highest valid proposal wins (the first among equals). Nothing is proposed
 * when every metric is invalid, or when some are and the valid ones point below the current count: an
 * unreadable metric may be the one that needs the replicas. A metric without a proposal counts as invalid.
 */
export function combineMetricProposals(
  metrics: readonly MetricProposal[],
  currentReplicas: number,
): CombinedProposal {
  let replicas = 0;
  let metricName = '';
  let invalidCount = 0;
  for (const metric of metrics) {
    if (!metric.valid || metric.proposedReplicas === null) {
      invalidCount++;
      continue;
    }
    if (replicas === 0 || metric.proposedReplicas > replicas) {
      replicas = metric.proposedReplicas;
      metricName = metric.name;
    }
  }
  if (invalidCount >= metrics.length || (invalidCount > 0 && replicas < currentReplicas))
    return { ok: false, invalidCount };
  return { ok: true, replicas, metricName };
}

import { replicasFromFloat } from './integerMath';
import type { SampleGroups } from './sampleGroups';
import { isWithinTolerance } from './tolerance';

export interface ConservativeReplicasInput {
  readonly currentReplicas: number;
  readonly groups: SampleGroups;
  readonly tolerance: number;
  /** The usage ratio over the counted samples (first pass). */
  readonly usageRatio: number;
  readonly usageRatioOf: (metrics: Map<number, number>) => number;
  /** What a sample without a metric is assumed to use when the first pass points down. */
  readonly assumedUsageWhenMissingOnScaleDown: (index: number) => number;
}

/**
 * The replica calculator's shared core: ceil(ratio × counted samples), unless unready or missing samples
 * make the answer uncertain. Then missing samples are assumed at the target (scale-down) or at 0
 * (scale-up), unready ones at 0 (scale-up only), the ratio is recomputed, and the current count is kept
 * when the change is within tolerance or the assumptions would flip the direction.
 */
export function conservativeReplicas(input: ConservativeReplicasInput): number {
  const { currentReplicas, groups, tolerance, usageRatio } = input;
  const scaleUpWithUnready = groups.unready.length > 0 && usageRatio > 1.0;

  if (!scaleUpWithUnready && groups.missing.length === 0) {
    if (isWithinTolerance(usageRatio, tolerance)) return currentReplicas;
    return replicasFromFloat(Math.ceil(usageRatio * groups.metrics.size));
  }

  const assumed = new Map(groups.metrics);
  if (usageRatio < 1.0) {
    for (const index of groups.missing) assumed.set(index, input.assumedUsageWhenMissingOnScaleDown(index));
  } else if (usageRatio > 1.0) {
    for (const index of groups.missing) assumed.set(index, 0);
  }
  if (scaleUpWithUnready) {
    for (const index of groups.unready) assumed.set(index, 0);
  }

  const newUsageRatio = input.usageRatioOf(assumed);
  const flipsDirection =
    (usageRatio < 1.0 && newUsageRatio > 1.0) || (usageRatio > 1.0 && newUsageRatio < 1.0);
  if (isWithinTolerance(newUsageRatio, tolerance) || flipsDirection) return currentReplicas;

  const newReplicas = replicasFromFloat(Math.ceil(newUsageRatio * assumed.size));
  const countFlipsDirection =
    (newUsageRatio < 1.0 && newReplicas > currentReplicas) ||
    (newUsageRatio > 1.0 && newReplicas < currentReplicas);
  return countFlipsDirection ? currentReplicas : newReplicas;
}

import { replicasFromFloat } from './integerMath';
import { isWithinTolerance } from './tolerance';
import type { CalculateReplicasResult, ReplicaSample } from './types';

export interface ObjectValueInput {
  readonly currentReplicas: number;
  readonly samples: ReplicaSample[];
  readonly valueMilli: number;
  readonly targetValueMilli: number;
  readonly tolerance: number;
}

export interface ObjectAverageValueInput {
  readonly currentReplicas: number;
  readonly valueMilli: number;
  readonly targetAverageValueMilli: number;
  readonly tolerance: number;
}

/** Upstream's getReadyPodsCount: Running and Ready, nothing else looked at (not even deletion). */
function readyCountOf(samples: ReplicaSample[]): number {
  return samples.filter((sample) => sample.phase === 'Running' && sample.ready).length;
}

/**
 * Object or External metric against a target value (getUsageRatioReplicaCount): ceil(ratio × ready pods),
 * or ceil(ratio) from zero replicas, which is how a workload comes back from zero. `current` is the value.
 */
export function objectValueReplicas(input: ObjectValueInput): CalculateReplicasResult {
  const usageRatio = input.valueMilli / input.targetValueMilli;
  const current = input.valueMilli;
  if (input.currentReplicas === 0) {
    return { ok: true, desiredReplicas: replicasFromFloat(Math.ceil(usageRatio)), current };
  }
  if (isWithinTolerance(usageRatio, input.tolerance)) {
    return { ok: true, desiredReplicas: input.currentReplicas, current };
  }
  if (input.samples.length === 0) {
    return {
      ok: false,
      error: 'unable to calculate ready pods: no pods returned by selector while calculating replica count',
    };
  }
  const desiredReplicas = replicasFromFloat(Math.ceil(usageRatio * readyCountOf(input.samples)));
  return { ok: true, desiredReplicas, current };
}

/**
 * Object or External metric against a target per replica (GetObjectPerPodMetricReplicas and
 * GetExternalPerPodMetricReplicas): ceil(value / target) once outside tolerance. `current` is the value per
 * current replica rounded up, as the HPA reports it; with zero replicas there is no per-replica value and
 * the total is reported instead.
 */
export function objectAverageValueReplicas(input: ObjectAverageValueInput): CalculateReplicasResult {
  const { currentReplicas, valueMilli, targetAverageValueMilli: target } = input;
  const usageRatio = valueMilli / (target * currentReplicas);
  const desiredReplicas = isWithinTolerance(usageRatio, input.tolerance)
    ? currentReplicas
    : replicasFromFloat(Math.ceil(valueMilli / target));
  const current = currentReplicas === 0 ? valueMilli : Math.ceil(valueMilli / currentReplicas);
  return { ok: true, desiredReplicas, current };
}

import type { Phase, ReplicaSample } from '../../../../shared/domain/autoscale';

/**
 * Builds samples the way replica_calculator_test.go builds its fake pods, so table rows read like the
 * upstream ones: one pod per replica (or per listed phase), Running and Ready unless told otherwise, a
 * metric for the first `levels.length` pods only.
 *
 * Upstream's CPU pods have two containers that each request the listed CPU and report the listed level;
 * a pod's request and usage are therefore twice the listed numbers (`containersPerPod`).
 * A "hot CPU" pod (started within the CPU initialization period, metric older than its readiness change)
 * is `cpuInitializing`.
 */
export interface UpstreamPods {
  current: number;
  levels: number[];
  requestsMilli?: number[];
  readiness?: boolean[];
  hot?: number[];
  phases?: Phase[];
  deleting?: boolean[];
  containersPerPod?: number;
  /** horizontal_test.go lists one pod per CPU request, whatever the replica count. */
  podCount?: number;
}

function podCountOf(pods: UpstreamPods): number {
  return pods.podCount ?? Math.max(pods.current, pods.phases?.length ?? 0);
}

function basePod(pods: UpstreamPods, index: number): ReplicaSample {
  return {
    phase: pods.phases?.[index] ?? 'Running',
    ready: pods.readiness?.[index] ?? true,
    deleting: pods.deleting?.[index] ?? false,
    cpuInitializing: pods.hot?.includes(index) ?? false,
  };
}

/** Resource (CPU or memory) samples: requestMilli and usageMilli. */
export function resourcePods(pods: UpstreamPods): ReplicaSample[] {
  const containers = pods.containersPerPod ?? 2;
  return Array.from({ length: podCountOf(pods) }, (_, index) => {
    const request = pods.requestsMilli?.[index];
    const level = pods.levels[index];
    return {
      ...basePod(pods, index),
      requestMilli: request === undefined ? null : request * containers,
      usageMilli: level === undefined ? null : level * containers,
    };
  });
}

/** Pods-metric samples: valueMilli per pod (custom metrics are per pod, not per container). */
export function customMetricPods(pods: UpstreamPods): ReplicaSample[] {
  return Array.from({ length: podCountOf(pods) }, (_, index) => {
    const level = pods.levels[index];
    return { ...basePod(pods, index), valueMilli: level ?? null };
  });
}

/** Pods for Object/External metrics, where only Running + Ready counts. */
export function plainPods(pods: Omit<UpstreamPods, 'levels'>): ReplicaSample[] {
  return Array.from({ length: podCountOf({ ...pods, levels: [] }) }, (_, index) =>
    basePod({ ...pods, levels: [] }, index),
  );
}

export const oneCore = (count: number): number[] => Array.from({ length: count }, () => 1000);

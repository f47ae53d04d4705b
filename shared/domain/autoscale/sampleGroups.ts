import type { ReplicaSample } from './types';

/**
 * The HPA's groupPods: which samples count, which are unready, which lack a metric.
 * Samples are addressed by their index in the input.
 */
export interface SampleGroups {
  /** Metric value per counted (ready) sample. */
  readonly metrics: Map<number, number>;
  readonly unready: number[];
  readonly missing: number[];
}

/**
 * In order: deleting or Failed samples are skipped; Pending ones are unready; one without a metric is
 * missing; for CPU only, an unready or initializing sample is unready. Everything else counts.
 */
export function groupSamples(
  samples: ReplicaSample[],
  metricOf: (sample: ReplicaSample) => number | null | undefined,
  readinessCounts: boolean,
): SampleGroups {
  const metrics = new Map<number, number>();
  const unready: number[] = [];
  const missing: number[] = [];
  samples.forEach((sample, index) => {
    if (sample.deleting || sample.phase === 'Failed') return;
    if (sample.phase === 'Pending') {
      unready.push(index);
      return;
    }
    const metric = metricOf(sample);
    if (metric === null || metric === undefined) {
      missing.push(index);
      return;
    }
    if (readinessCounts && (!sample.ready || sample.cpuInitializing === true)) {
      unready.push(index);
      return;
    }
    metrics.set(index, metric);
  });
  return { metrics, unready, missing };
}

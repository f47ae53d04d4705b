import type { MetricPoint, PoolMetricSeries } from '../../domain/health';

export interface Reading {
  value: number;
  sampledAt: string;
}

export interface PoolReadings {
  cpuPercent: Reading | null;
  memoryPercent: Reading | null;
}

/**
 * The pool's latest minute with data in the window: the average node CPU and memory %. Points are per minute from
 * `windowStart`; a minute without samples (count 0 or no average) is no reading. No data at all is null, which
 * the evaluation treats as missing (never a reason to scale down).
 */
export function latestReadings(series: PoolMetricSeries, poolName: string, windowStart: Date): PoolReadings {
  return {
    cpuPercent: latestOf(pointsOf(series.cpu, poolName), windowStart),
    memoryPercent: latestOf(pointsOf(series.memory, poolName), windowStart),
  };
}

function pointsOf(byPool: ReadonlyMap<string, readonly MetricPoint[]>, poolName: string): readonly MetricPoint[] {
  for (const [name, points] of byPool) if (name.toLowerCase() === poolName.toLowerCase()) return points;
  return [];
}

function latestOf(points: readonly MetricPoint[], windowStart: Date): Reading | null {
  for (let index = points.length - 1; index >= 0; index--) {
    const point = points[index]!;
    if (point.average === undefined || (point.count ?? 1) === 0) continue;
    return { value: point.average, sampledAt: new Date(windowStart.getTime() + index * 60_000).toISOString() };
  }
  return null;
}

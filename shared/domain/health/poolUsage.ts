import type { PoolObservation, UsageSummary } from './clusterObservation';

/** One data point of a node metric split by node pool (Azure Monitor: per-minute Average, Maximum and Count). */
export interface MetricPoint {
  average?: number;
  maximum?: number;
  count?: number;
}

/** Per node pool (name in any case), the points of CPU and of memory working set, in percent of allocatable. */
export interface PoolMetricSeries {
  cpu: ReadonlyMap<string, readonly MetricPoint[]>;
  memory: ReadonlyMap<string, readonly MetricPoint[]>;
}

/**
 * The pools ARM lists, with what their node metrics say. A node reports one sample a minute while it is Ready,
 * so the Count of the latest minute with data is the number of Ready nodes; a pool without any series has none.
 */
export function observePools(pools: readonly { name: string; count?: number | undefined }[], series: PoolMetricSeries): PoolObservation[] {
  const cpu = byLowerName(series.cpu);
  const memory = byLowerName(series.memory);
  return pools.map((pool) => {
    const cpuPoints = cpu.get(pool.name.toLowerCase()) ?? [];
    const cpuUsage = summarizeUsage(cpuPoints);
    const memoryUsage = summarizeUsage(memory.get(pool.name.toLowerCase()) ?? []);
    return {
      name: pool.name,
      nodeCount: pool.count ?? 0,
      readyNodes: nodesInLatestMinute(cpuPoints),
      ...(cpuUsage ? { cpu: cpuUsage } : {}),
      ...(memoryUsage ? { memory: memoryUsage } : {}),
    };
  });
}

/** Mean over every sample (each point's average weighted by its count) and the highest sample; undefined without data. */
export function summarizeUsage(points: readonly MetricPoint[]): UsageSummary | undefined {
  let samples = 0;
  let sum = 0;
  let maximum = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    if (point.average === undefined || point.count === undefined || point.count <= 0) continue;
    samples += point.count;
    sum += point.average * point.count;
    maximum = Math.max(maximum, point.maximum ?? point.average);
  }
  return samples === 0 ? undefined : { average: sum / samples, maximum };
}

export function nodesInLatestMinute(points: readonly MetricPoint[]): number {
  for (let index = points.length - 1; index >= 0; index--) {
    const count = points[index]?.count;
    if (count !== undefined && count > 0) return count;
  }
  return 0;
}

function byLowerName<T>(map: ReadonlyMap<string, T>): Map<string, T> {
  return new Map([...map].map(([name, value]) => [name.toLowerCase(), value]));
}

import type { MetricsQueryResult } from '@azure/monitor-query-metrics';
import type { MetricPoint, PoolMetricSeries } from '../../domain/health';
import { runBounded } from '../../platform/concurrency/runBounded';
import { chunksOf, groupBy } from './batching';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import type { HealthTarget } from './healthTarget';

const METRIC_NAMESPACE = 'Microsoft.ContainerService/managedClusters';
const CPU = 'node_cpu_usage_percentage';
const MEMORY = 'node_memory_working_set_percentage';
const BATCH_SIZE = 50;
const PARALLEL_CALLS = 8;
/** AKS allows 100 pools per cluster; `top` bounds the series per resource. */
const MAX_POOLS = 100;

export type PoolMetricsOutcome = { series: PoolMetricSeries } | { unavailable: string };

/**
 * Node CPU and memory of every target, split by node pool, per minute over the window: one `metrics:getBatch` call
 * per 50 clusters of a region and subscription (the batch API's limits). A failed call makes its clusters' metrics
 * unavailable with the reason; the others are unaffected. Keys: lower-case cluster ids.
 */
export async function queryPoolMetrics(
  deps: Pick<ClusterHealthDependencies, 'queryMetrics'>,
  targets: readonly HealthTarget[],
  window: { start: Date; end: Date },
): Promise<Map<string, PoolMetricsOutcome>> {
  const groups = groupBy(targets, (target) => `${target.location}|${target.subscriptionId.toLowerCase()}`);
  const calls = [...groups.values()].flatMap((group) => chunksOf(group, BATCH_SIZE)).map((chunk) => () => queryChunk(deps, chunk, window));
  return new Map((await runBounded(calls, PARALLEL_CALLS)).flat());
}

async function queryChunk(
  deps: Pick<ClusterHealthDependencies, 'queryMetrics'>,
  chunk: readonly HealthTarget[],
  window: { start: Date; end: Date },
): Promise<[string, PoolMetricsOutcome][]> {
  const region = chunk[0]!.location;
  let results: MetricsQueryResult[];
  try {
    results = await deps.queryMetrics(region, chunk.map((target) => target.id), [CPU, MEMORY], METRIC_NAMESPACE, {
      startTime: window.start,
      endTime: window.end,
      interval: 'PT1M',
      aggregation: 'average,maximum,count',
      filter: "nodepool eq '*'",
      top: MAX_POOLS,
    });
  } catch (error) {
    const reason = `the metrics of region ${region} could not be read (${(error as Error).message})`;
    return chunk.map((target) => [target.id.toLowerCase(), { unavailable: reason }]);
  }
  const byId = new Map(results.map((result) => [(result.resourceId ?? '').toLowerCase(), result]));
  return chunk.map((target) => [target.id.toLowerCase(), outcomeOf(byId.get(target.id.toLowerCase()))]);
}

function outcomeOf(result: MetricsQueryResult | undefined): PoolMetricsOutcome {
  if (!result) return { unavailable: 'Azure Monitor returned no metrics for the cluster' };
  const failed = result.metrics.find((metric) => metric.errorCode !== undefined && metric.errorCode !== 'Success');
  if (failed) return { unavailable: `Azure Monitor answered ${failed.errorCode} for ${metricNameOf(failed.id)}: ${failed.errorMessage ?? ''}`.trim() };
  return { series: { cpu: seriesOf(result, CPU), memory: seriesOf(result, MEMORY) } };
}

/** Points per node pool of one metric. The SDK's `name` is the localized display name, so metrics are found by id. */
function seriesOf(result: MetricsQueryResult, metricName: string): Map<string, MetricPoint[]> {
  const metric = result.metrics.find((candidate) => metricNameOf(candidate.id) === metricName);
  const series = new Map<string, MetricPoint[]>();
  for (const element of metric?.timeseries ?? []) {
    const pool = element.metadatavalues?.find((value) => value.name?.toLowerCase() === 'nodepool')?.value;
    if (pool === undefined) continue;
    series.set(pool, (element.data ?? []).map(({ average, maximum, count }) => ({ ...(average === undefined ? {} : { average }), ...(maximum === undefined ? {} : { maximum }), ...(count === undefined ? {} : { count }) })));
  }
  return series;
}

function metricNameOf(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1).toLowerCase();
}

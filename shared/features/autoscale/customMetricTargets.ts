import type { MetricsQueryResourcesOptions, MetricsQueryResult } from '@azure/monitor-query-metrics';
import { CLUSTER_METRIC_NAMESPACE, type CustomMetric } from '../../domain/autoscale/policy';
import { runBounded } from '../../platform/concurrency/runBounded';
import type { ListedCluster } from './listedClusters';
import { targetKeyOf, type TargetValues } from './logAnalyticsTargets';

export type QueryMetrics = (region: string, resourceIds: string[], metricNames: string[], metricNamespace: string, options: MetricsQueryResourcesOptions) => Promise<MetricsQueryResult[]>;

export interface CustomMetricTargetPool {
  cluster: ListedCluster;
  poolName: string;
  metric: CustomMetric;
}

const WINDOW_MS = 5 * 60_000;
/** The batch API's limits: 50 resources of one subscription and region, 20 metric names, one namespace per call. */
const RESOURCES_PER_CALL = 50;
const NAMES_PER_CALL = 20;
const PARALLEL_CALLS = 8;
/** AKS allows 100 pools per cluster; `top` bounds the series per resource when split by pool. */
const MAX_POOLS = 100;

/**
 * Custom metric targets through Azure Monitor's metrics batch (`MetricsClient.queryResources`, as the CPU/memory
 * readings): one call per region and subscription, ≤ 50 clusters, namespace and pool dimension, naming every metric
 * the policies there read (a refused call is asked again per name). A pool reads its own series of a metric split by `poolDimension`, else the cluster's
 * single series: the latest one-minute average in the last 5 minutes. A refused call, a metric error or no data
 * leaves the pool unavailable with the reason (missing: never a scale-down).
 */
export async function readCustomMetricTargets(queryMetrics: QueryMetrics, pools: readonly CustomMetricTargetPool[], at: Date): Promise<TargetValues> {
  const result: TargetValues = new Map();
  const window = { start: new Date(at.getTime() - WINDOW_MS), end: at };
  const groups = new Map<string, CustomMetricTargetPool[]>();
  for (const pool of pools) {
    const key = [pool.cluster.location, pool.cluster.subscriptionId.toLowerCase(), namespaceOf(pool.metric).toLowerCase(), pool.metric.poolDimension?.toLowerCase() ?? ''].join('|');
    groups.set(key, [...(groups.get(key) ?? []), pool]);
  }
  const calls = [...groups.values()].flatMap((group) => {
    const clusterIds = [...new Set(group.map((pool) => pool.cluster.id.toLowerCase()))];
    const names = [...new Set(group.map((pool) => pool.metric.name.toLowerCase()))];
    return chunksOf(clusterIds, RESOURCES_PER_CALL).flatMap((ids) =>
      chunksOf(names, NAMES_PER_CALL).map((chunkNames) => () => {
        const users = group.filter((pool) => ids.includes(pool.cluster.id.toLowerCase()) && chunkNames.includes(pool.metric.name.toLowerCase()));
        return queryCall(queryMetrics, users, chunkNames, window, result);
      }),
    );
  });
  await runBounded(calls, PARALLEL_CALLS);
  return result;
}

async function queryCall(queryMetrics: QueryMetrics, users: readonly CustomMetricTargetPool[], names: string[], window: { start: Date; end: Date }, result: TargetValues): Promise<void> {
  const { cluster, metric } = users[0]!;
  const dimension = metric.poolDimension;
  const resourceIds = [...new Map(users.map((user) => [user.cluster.id.toLowerCase(), user.cluster.id])).values()];
  let answers: MetricsQueryResult[];
  try {
    answers = await queryMetrics(cluster.location, resourceIds, names, namespaceOf(metric), {
      startTime: window.start,
      endTime: window.end,
      interval: 'PT1M',
      aggregation: 'average,count',
      ...(dimension === undefined ? {} : { filter: `${dimension} eq '*'`, top: MAX_POOLS }),
    });
  } catch (error) {
    // The service refuses the whole call for one unknown name: ask again per name, so only that name's pools miss it.
    if (names.length > 1) {
      await runBounded(names.map((name) => () => queryCall(queryMetrics, users.filter((user) => user.metric.name.toLowerCase() === name), [name], window, result)), PARALLEL_CALLS);
      return;
    }
    for (const user of users) result.set(targetKeyOf(user.cluster.id, user.poolName), { unavailable: `Azure Monitor refused the metrics query (${(error as Error).message})` });
    return;
  }
  const byId = new Map(answers.map((answer) => [(answer.resourceId ?? '').toLowerCase(), answer]));
  for (const user of users) result.set(targetKeyOf(user.cluster.id, user.poolName), readingOf(byId.get(user.cluster.id.toLowerCase()), user));
}

function readingOf(answer: MetricsQueryResult | undefined, { metric, poolName }: CustomMetricTargetPool): { value: number; sampledAt: string } | { unavailable: string } {
  const found = answer?.metrics.find((candidate) => candidate.id.slice(candidate.id.lastIndexOf('/') + 1).toLowerCase() === metric.name.toLowerCase());
  if (!found) return { unavailable: `Azure Monitor returned no ${metric.name} for the cluster` };
  if (found.errorCode !== undefined && found.errorCode !== 'Success') return { unavailable: `Azure Monitor answered ${found.errorCode} for ${metric.name}: ${found.errorMessage ?? ''}`.trim() };
  const dimension = metric.poolDimension?.toLowerCase();
  const series =
    dimension === undefined
      ? found.timeseries[0]
      : found.timeseries.find((element) => element.metadatavalues?.some((value) => value.name?.toLowerCase() === dimension && value.value?.toLowerCase() === poolName.toLowerCase()));
  const points = series?.data ?? [];
  for (let index = points.length - 1; index >= 0; index--) {
    const point = points[index]!;
    if (point.average === undefined || (point.count ?? 1) === 0) continue;
    return { value: point.average, sampledAt: new Date(point.timeStamp).toISOString() };
  }
  return { unavailable: `${metric.name} has no data${dimension === undefined ? '' : ` for ${dimension} ${poolName}`} in the last 5 minutes` };
}

function namespaceOf(metric: CustomMetric): string {
  return metric.namespace ?? CLUSTER_METRIC_NAMESPACE;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

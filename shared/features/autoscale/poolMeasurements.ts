import type { AutoscaleDependencies } from './autoscaleDependencies';
import { readCustomMetricTargets } from './customMetricTargets';
import type { Candidate } from './evaluationRun';
import type { ListedCluster } from './listedClusters';
import { logAnalyticsTargetReader, targetKeyOf, type TargetValues } from './logAnalyticsTargets';
import { pendingPodReader, type PendingByPool } from './pendingPods';
import { latestReadings, type PoolReadings } from './poolReadings';
import { queryPerWorkspace } from './workspaceLogBatches';

const METRICS_WINDOW_MS = 5 * 60_000;

/** Everything a batch measured for its pools, each source read once for all of them. */
export interface PoolMeasurements {
  readings: Map<string, PoolReadings>;
  pending: PendingByPool;
  logAnalytics: TargetValues;
  custom: TargetValues;
}

/**
 * The batch's readings of running clusters, only for the targets their policies set: node CPU/memory (one metrics
 * batch per ≤ 50 clusters of a region), custom metrics (the same batch API, per namespace), and one Log Analytics
 * `$batch` per workspace holding both the pending-pod queries and the Log Analytics targets' queries.
 */
export async function measurePools(deps: AutoscaleDependencies, candidates: readonly Candidate[], at: Date): Promise<PoolMeasurements> {
  const running = candidates.filter((c) => c.cluster.powerState === 'Running');
  const [readings, logs, custom] = await Promise.all([poolReadingsOf(deps, running, at), logSignalsOf(deps, running, at), customMetricsOf(deps, running, at)]);
  return { readings, ...logs, custom };
}

async function poolReadingsOf(deps: AutoscaleDependencies, running: readonly Candidate[], at: Date): Promise<Map<string, PoolReadings>> {
  const wanted = running.filter((c) => c.policy.targets.cpuUtilizationPercent !== undefined || c.policy.targets.memoryUtilizationPercent !== undefined);
  const clusters = clustersOf(wanted);
  if (clusters.length === 0) return new Map();
  const window = { start: new Date(at.getTime() - METRICS_WINDOW_MS), end: at };
  const outcomes = await deps.queryPoolMetrics(
    clusters.map((cluster) => ({ id: cluster.id, name: cluster.name, subscriptionId: cluster.subscriptionId, resourceGroup: cluster.resourceGroup, location: cluster.location, pools: cluster.pools.map((p) => ({ name: p.name ?? '', count: p.count })) })),
    window,
  );
  const readings = new Map<string, PoolReadings>();
  for (const candidate of wanted) {
    const clusterId = candidate.cluster.id.toLowerCase();
    const outcome = outcomes.get(clusterId);
    if (!outcome || !('series' in outcome)) continue;
    readings.set(`${clusterId}/${(candidate.profile.name ?? '').toLowerCase()}`, latestReadings(outcome.series, candidate.profile.name ?? '', window.start));
  }
  return readings;
}

async function logSignalsOf(deps: AutoscaleDependencies, running: readonly Candidate[], at: Date): Promise<Pick<PoolMeasurements, 'pending' | 'logAnalytics'>> {
  const pending: PendingByPool = new Map();
  const logAnalytics: TargetValues = new Map();
  const pendingWanted = running.filter((c) => c.policy.targets.pendingPods === true);
  const autoscaled = (cluster: ListedCluster) => pendingWanted.filter((c) => c.cluster === cluster && c.profile.mode !== 'System').map((c) => c.profile.name ?? '');
  const targetPools = running.flatMap((c) => {
    const target = c.policy.targets.logAnalyticsMetric;
    return target === undefined ? [] : [{ cluster: c.cluster, poolName: c.profile.name ?? '', query: target.query }];
  });
  const readers = [pendingPodReader(clustersOf(pendingWanted), at, autoscaled, pending), logAnalyticsTargetReader(targetPools, at, logAnalytics)];
  await queryPerWorkspace(deps, clustersOf([...pendingWanted, ...targetPools]), readers);
  for (const pool of targetPools) {
    if (pool.cluster.workspaceResourceId === undefined) logAnalytics.set(targetKeyOf(pool.cluster.id, pool.poolName), { unavailable: 'the cluster sends no Container Insights data (no monitoring add-on workspace)' });
  }
  return { pending, logAnalytics };
}

function customMetricsOf(deps: AutoscaleDependencies, running: readonly Candidate[], at: Date): Promise<TargetValues> {
  const pools = running.flatMap((c) => {
    const metric = c.policy.targets.customMetric;
    return metric === undefined ? [] : [{ cluster: c.cluster, poolName: c.profile.name ?? '', metric }];
  });
  return pools.length === 0 ? Promise.resolve<TargetValues>(new Map()) : readCustomMetricTargets(deps.queryMetrics, pools, at);
}

function clustersOf(pools: readonly { cluster: ListedCluster }[]): ListedCluster[] {
  return [...new Map(pools.map((pool) => [pool.cluster.id.toLowerCase(), pool.cluster])).values()];
}

import { assessClusterHealth, observePools, type ClusterObservation, type PoolObservation } from '../../domain/health';
import type { ClusterHealthView } from './clusterHealth.api';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import { queryLogSignals, type LogSignals } from './clusterLogSignals';
import type { HealthTarget } from './healthTarget';
import type { HealthWindowRange } from './healthWindow';
import { queryPoolMetrics, type PoolMetricsOutcome } from './poolMetrics';


/** Health of many clusters at once: metrics and logs are read in batches, then each cluster is assessed on its own. */
export async function assessTargets(deps: ClusterHealthDependencies, targets: readonly HealthTarget[], window: HealthWindowRange): Promise<ClusterHealthView[]> {
  const [metrics, logs] = await Promise.all([queryPoolMetrics(deps, targets, window), queryLogSignals(deps, targets, window)]);
  return targets.map((target) => healthView(target, metrics.get(target.id.toLowerCase()), logs.get(target.id.toLowerCase()), window));
}

function healthView(target: HealthTarget, metrics: PoolMetricsOutcome | undefined, logs: LogSignals | undefined, window: HealthWindowRange): ClusterHealthView {
  const observation = observationOf(target, metrics ?? { unavailable: 'no metrics were queried' }, logs);
  const { status, reasons } = assessClusterHealth(observation);
  return {
    id: target.id,
    name: target.name,
    subscriptionId: target.subscriptionId,
    resourceGroup: target.resourceGroup,
    location: target.location,
    status,
    reasons,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    nodePools: observation.pools.map(poolView),
    monitoring: target.workspaceResourceId ? 'enabled' : 'notEnabled',
    ...(logs && 'observed' in logs.workload
      ? { pods: { pending: logs.workload.observed.pendingPods, failed: logs.workload.observed.failedPods, restartingContainers: logs.workload.observed.restartingContainers } }
      : {}),
    ...(logs && 'observed' in logs.warningEvents ? { warningEvents: logs.warningEvents.observed } : {}),
    ...(logs && 'observed' in logs.controlPlaneErrors ? { controlPlaneErrors: logs.controlPlaneErrors.observed } : {}),
  };
}

function observationOf(target: HealthTarget, metrics: PoolMetricsOutcome, logs: LogSignals | undefined): ClusterObservation {
  return {
    ...(target.provisioningState ? { provisioningState: target.provisioningState } : {}),
    ...(target.powerState ? { powerState: target.powerState } : {}),
    pools: 'series' in metrics ? observePools(target.pools, metrics.series) : target.pools.map((pool) => ({ name: pool.name, nodeCount: pool.count ?? 0 })),
    metrics: 'series' in metrics ? { observed: true } : { unavailable: metrics.unavailable },
    ...(logs ?? {}),
  };
}

function poolView(pool: PoolObservation): ClusterHealthView['nodePools'][number] {
  return {
    name: pool.name,
    nodeCount: pool.nodeCount,
    ...(pool.readyNodes === undefined ? {} : { readyNodes: pool.readyNodes }),
    ...(pool.cpu ? { cpuPercent: rounded(pool.cpu) } : {}),
    ...(pool.memory ? { memoryPercent: rounded(pool.memory) } : {}),
  };
}

function rounded(usage: { average: number; maximum: number }): { average: number; maximum: number } {
  return { average: Math.round(usage.average * 10) / 10, maximum: Math.round(usage.maximum * 10) / 10 };
}

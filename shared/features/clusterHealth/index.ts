import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { clusterHealthHttpHandlers } from './clusterHealth.http';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import type { ClusterAddress } from '../../domain/fleet/clusterAddress';
import type { HealthWindow } from './clusterHealth.api';
import { assessClustersForSystem, type SystemHealthAssessment } from './assessClustersForSystem';

export { clusterHealthOperations } from './clusterHealth.api';
export type { ClusterHealthDependencies } from './clusterHealthDependencies';
/** Node CPU/memory per pool in metrics batches of ≤ 50 clusters: the autoscaler reads the same series (a port app.ts wires). */
export { queryPoolMetrics } from './poolMetrics';
export type { ClusterHealthView, HealthWindow } from './clusterHealth.api';
export type { SystemHealthAssessment } from './assessClustersForSystem';

/** Health of a cluster and of the fleet from Azure Monitor metrics and Container Insights logs. */
export interface ClusterHealthModule {
  http: HttpHandlers;
  /** Many clusters' health for system work in one assessment (metrics and logs in batches): update-run health gates. */
  assessClusters(addresses: readonly ClusterAddress[], window: HealthWindow, now: Date): Promise<SystemHealthAssessment>;
}

export function buildClusterHealth(deps: ClusterHealthDependencies & { http: HttpPipeline }): ClusterHealthModule {
  return {
    http: clusterHealthHttpHandlers(deps.http, deps),
    assessClusters: (addresses, window, now) => assessClustersForSystem(deps, addresses, window, now),
  };
}

import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { clusterHealthHttpHandlers } from './clusterHealth.http';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import type { ClusterAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterHealthView, HealthWindow } from './clusterHealth.api';
import { assessClusterForSystem } from './assessClusterForSystem';
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
  /** One cluster's health for system work (update-run health gates): no caller, the window ends at `now`. */
  assessCluster(address: ClusterAddress, window: HealthWindow, now: Date): Promise<ClusterHealthView>;
  /** Many clusters' health for system work in one assessment (metrics and logs in batches): update-run health gates. */
  assessClusters(addresses: readonly ClusterAddress[], window: HealthWindow, now: Date): Promise<SystemHealthAssessment>;
}

export function buildClusterHealth(deps: ClusterHealthDependencies & { http: HttpPipeline }): ClusterHealthModule {
  return {
    http: clusterHealthHttpHandlers(deps.http, deps),
    assessCluster: (address, window, now) => assessClusterForSystem(deps, address, window, now),
    assessClusters: (addresses, window, now) => assessClustersForSystem(deps, addresses, window, now),
  };
}

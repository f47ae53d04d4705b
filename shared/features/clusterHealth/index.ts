import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { clusterHealthHttpHandlers } from './clusterHealth.http';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';

export { clusterHealthOperations } from './clusterHealth.api';
export type { ClusterHealthDependencies } from './clusterHealthDependencies';
/** Node CPU/memory per pool in metrics batches of ≤ 50 clusters: the autoscaler reads the same series (a port app.ts wires). */
export { queryPoolMetrics, type PoolMetricsOutcome } from './poolMetrics';

/** Health of a cluster and of the fleet from Azure Monitor metrics and Container Insights logs. */
export interface ClusterHealthModule {
  http: HttpHandlers;
}

export function buildClusterHealth(deps: ClusterHealthDependencies & { http: HttpPipeline }): ClusterHealthModule {
  return { http: clusterHealthHttpHandlers(deps.http, deps) };
}

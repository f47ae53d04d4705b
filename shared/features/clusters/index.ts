import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { Settings } from '../../platform/settings/settings';
import { buildClusterDependencies, type ClusterDependencies } from './clusterDependencies';
import { clusterHttpHandlers } from './clusters.http';

export { CLUSTER_ROUTE, clusterOperations, clusterParamsSchema, kubernetesVersionOperations } from './clusters.api';
export { nodePoolOperations } from './nodePools.api';
export { buildClusterDependencies, type ClusterDependencies } from './clusterDependencies';

/** Clusters and their node pools: live reads from ARM, and writes through guardrails to durable operations. */
export interface ClustersModule {
  dependencies: ClusterDependencies;
  http: HttpHandlers;
  /** Forgets this instance's cached Kubernetes version catalogues (a new version was announced). */
  invalidateVersionCatalogues(): void;
}

export function buildClusters(
  deps: Parameters<typeof buildClusterDependencies>[0] & { guardrails: Parameters<typeof buildClusterDependencies>[1]; http: HttpPipeline; settings: Settings },
): ClustersModule {
  const dependencies = buildClusterDependencies(deps, deps.guardrails);
  return {
    dependencies,
    http: clusterHttpHandlers(deps.http, dependencies, { settings: deps.settings }),
    invalidateVersionCatalogues: () => dependencies.catalogues.invalidate(),
  };
}

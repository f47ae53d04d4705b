import type { CarriedCluster } from './autoscaleMessages';
import type { ListedCluster } from './listedClusters';

const RESOURCE_GROUP = /\/resourcegroups\/([^/]+)\//i;
const CLUSTER_NAME = /\/managedclusters\/([^/]+)$/i;

/** A listed cluster as a batch message carries it: only the fields the evaluation reads (ids, states, counts, tags). */
export function carriedClusterOf(cluster: ListedCluster): CarriedCluster {
  return withoutUndefined({
    id: cluster.id,
    location: cluster.location,
    tags: cluster.tags,
    provisioningState: cluster.provisioningState,
    powerState: cluster.powerState,
    workspaceResourceId: cluster.workspaceResourceId,
    pools: cluster.pools.map((pool) =>
      withoutUndefined({
        name: pool.name ?? '',
        mode: pool.mode,
        count: pool.count,
        vmSize: pool.vmSize,
        maxPods: pool.maxPods,
        enableAutoScaling: pool.enableAutoScaling,
        minCount: pool.minCount,
        maxCount: pool.maxCount,
        provisioningState: pool.provisioningState,
        orchestratorVersion: pool.orchestratorVersion,
        currentOrchestratorVersion: pool.currentOrchestratorVersion,
        tags: pool.tags,
      }),
    ),
  });
}

/** A carried (or snapshot) cluster back as the evaluation's input; its pools are summaries, not PUT-able profiles. */
export function listedClusterOfCarried(carried: CarriedCluster, subscriptionId: string): ListedCluster {
  return {
    id: carried.id,
    name: CLUSTER_NAME.exec(carried.id)?.[1] ?? '',
    subscriptionId,
    resourceGroup: RESOURCE_GROUP.exec(carried.id)?.[1] ?? '',
    location: carried.location,
    tags: carried.tags,
    provisioningState: carried.provisioningState,
    powerState: carried.powerState,
    workspaceResourceId: carried.workspaceResourceId,
    pools: carried.pools,
    profiles: 'summary',
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined && item !== null)) as T;
}

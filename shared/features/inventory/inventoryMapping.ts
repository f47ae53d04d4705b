import type { ManagedCluster, ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import { monitoringWorkspaceOf } from '../../domain/fleet/monitoringAddon';
import type { VersionCatalogue } from '../../domain/fleet/versionCatalogue';
import { clusterRadar, type RadarPolicy } from './clusterRadar';
import { parseClusterId } from './clusterId';
import type { InventoryRecord, NodePoolSummary } from './inventoryRecord';

/**
 * A cluster from `managedClusters.list` as an inventory record; undefined when ARM returned something
 * without a managed-cluster id (it cannot be addressed, so it is not inventoried).
 */
export function inventoryRecordOf(
  cluster: ManagedCluster,
  catalogueOf: (location: string) => VersionCatalogue | undefined,
  policy: RadarPolicy,
  syncedAt: Date,
): InventoryRecord | undefined {
  const coordinates = parseClusterId(cluster.id);
  if (!coordinates || !cluster.id) return undefined;
  const location = normalizeLocation(cluster.location);
  const runningVersion = cluster.currentKubernetesVersion ?? cluster.kubernetesVersion ?? '';
  return withoutUndefined({
    id: cluster.id,
    ...coordinates,
    location,
    kubernetesVersion: cluster.kubernetesVersion,
    currentKubernetesVersion: cluster.currentKubernetesVersion,
    provisioningState: cluster.provisioningState,
    powerState: cluster.powerState?.code,
    supportPlan: cluster.supportPlan,
    tags: { ...(cluster.tags ?? {}) },
    nodePools: (cluster.agentPoolProfiles ?? []).map(nodePoolSummaryOf),
    radar: clusterRadar(runningVersion, catalogueOf(location), cluster.supportPlan, policy),
    monitoringWorkspaceId: monitoringWorkspaceOf(cluster.addonProfiles),
    syncedAt: syncedAt.toISOString(),
  });
}

/** ARM spells locations `eastus` in ids and `East US` in some places; the inventory keys on the short form. */
export function normalizeLocation(location: string | undefined): string {
  return (location ?? '').replace(/\s+/g, '').toLowerCase();
}

function nodePoolSummaryOf(pool: ManagedClusterAgentPoolProfile): NodePoolSummary {
  return withoutUndefined({
    name: pool.name,
    mode: pool.mode,
    osType: pool.osType,
    vmSize: pool.vmSize,
    count: pool.count,
    orchestratorVersion: pool.currentOrchestratorVersion ?? pool.orchestratorVersion,
    requestedOrchestratorVersion: pool.orchestratorVersion,
    provisioningState: pool.provisioningState,
    enableAutoScaling: pool.enableAutoScaling,
    minCount: pool.minCount ?? undefined,
    maxCount: pool.maxCount ?? undefined,
    maxPods: pool.maxPods,
    tags: pool.tags && Object.keys(pool.tags).length > 0 ? { ...pool.tags } : undefined,
  });
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

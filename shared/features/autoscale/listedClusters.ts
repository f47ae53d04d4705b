import type { ManagedCluster, ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import { monitoringWorkspaceOf } from '../../domain/fleet/monitoringAddon';

/** A cluster as one `managedClusters.list` page gave it: everything a cycle needs, no further ARM read. */
export interface ListedCluster {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
  provisioningState: string;
  powerState: 'Running' | 'Stopped';
  workspaceResourceId: string | undefined;
  pools: ManagedClusterAgentPoolProfile[];
  /**
   * `asListed`: the pools are ARM's profiles with their ETags, fit to restate in a PUT. `summary`: only the fields an
   * evaluation reads (a batch message, the inventory snapshot): a write reads the live pool first (livePool.ts).
   */
  profiles: 'asListed' | 'summary';
}

const RESOURCE_GROUP = /\/resourcegroups\/([^/]+)\//i;

export function listedClusterOf(cluster: ManagedCluster, subscriptionId: string): ListedCluster {
  const id = cluster.id ?? '';
  return {
    id,
    name: cluster.name ?? '',
    subscriptionId,
    resourceGroup: RESOURCE_GROUP.exec(id)?.[1] ?? '',
    location: (cluster.location ?? '').toLowerCase().replace(/\s+/g, ''),
    tags: cluster.tags ?? {},
    provisioningState: cluster.provisioningState ?? 'Succeeded',
    powerState: cluster.powerState?.code === 'Stopped' ? 'Stopped' : 'Running',
    workspaceResourceId: monitoringWorkspaceOf(cluster.addonProfiles),
    pools: cluster.agentPoolProfiles ?? [],
    profiles: 'asListed',
  };
}

/** Every cluster of a subscription: one list call (its pages follow nextLink). */
export async function listClusters(list: () => AsyncIterable<ManagedCluster>, subscriptionId: string): Promise<ListedCluster[]> {
  const clusters: ListedCluster[] = [];
  for await (const cluster of list()) clusters.push(listedClusterOf(cluster, subscriptionId));
  return clusters;
}

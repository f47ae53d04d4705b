import type { ManagedCluster } from '@azure/arm-containerservice';
import type { ClusterAddress } from '../../domain/fleet/clusterAddress';
import { clusterArmId } from '../../domain/fleet/clusterAddress';
import { monitoringWorkspaceOf } from '../../domain/fleet/monitoringAddon';
import type { InventoryRecord } from '../inventory';

/** A cluster to assess: where it is, its pools' node counts, its state, and where its logs go. */
export interface HealthTarget {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** Short region name (eastus): the metrics endpoint's region. */
  location: string;
  pools: { name: string; count?: number | undefined }[];
  provisioningState?: string | undefined;
  powerState?: string | undefined;
  workspaceResourceId?: string | undefined;
}

export function targetOfRecord(record: InventoryRecord): HealthTarget {
  return {
    id: record.id,
    name: record.name,
    subscriptionId: record.subscriptionId,
    resourceGroup: record.resourceGroup,
    location: record.location,
    pools: record.nodePools.map((pool) => ({ name: pool.name, count: pool.count })),
    provisioningState: record.provisioningState,
    powerState: record.powerState,
    workspaceResourceId: record.monitoringWorkspaceId,
  };
}

export function targetOfCluster(address: ClusterAddress, cluster: ManagedCluster): HealthTarget {
  return {
    id: cluster.id ?? clusterArmId(address),
    name: cluster.name ?? address.clusterName,
    subscriptionId: address.subscriptionId.toLowerCase(),
    resourceGroup: address.resourceGroup,
    location: cluster.location.replace(/\s+/g, '').toLowerCase(),
    pools: (cluster.agentPoolProfiles ?? []).map((pool) => ({ name: pool.name, count: pool.count })),
    provisioningState: cluster.provisioningState,
    powerState: cluster.powerState?.code,
    workspaceResourceId: monitoringWorkspaceOf(cluster.addonProfiles),
  };
}

import { clusterAddressOfId, type ClusterAddress } from '../../domain/fleet/clusterAddress';

/** The subscription, resource group and name of a member's cluster id (the SDK calls take them apart). */
export function clusterTargetOf(clusterId: string): ClusterAddress {
  const address = clusterAddressOfId(clusterId);
  if (!address) throw new Error(`Not a managed cluster id: ${clusterId}`);
  return address;
}

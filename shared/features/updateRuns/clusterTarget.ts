import type { ClusterAddress } from '../../domain/fleet/clusterAddress';

const CLUSTER_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i;

/** The subscription, resource group and name of a member's cluster id (the SDK calls take them apart). */
export function clusterTargetOf(clusterId: string): ClusterAddress {
  const match = CLUSTER_ID.exec(clusterId);
  if (!match) throw new Error(`Not a managed cluster id: ${clusterId}`);
  return { subscriptionId: match[1]!, resourceGroup: match[2]!, clusterName: match[3]! };
}

/** Where a cluster lives in ARM, as given in the API path. */
export interface ClusterAddress {
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
}

export interface NodePoolAddress extends ClusterAddress {
  nodePoolName: string;
}

/** The cluster's ARM id: also the scope access is checked at. */
export function clusterArmId(address: ClusterAddress): string {
  return (
    `/subscriptions/${address.subscriptionId.toLowerCase()}/resourceGroups/${address.resourceGroup}` +
    `/providers/Microsoft.ContainerService/managedClusters/${address.clusterName}`
  );
}

export function nodePoolArmId(address: NodePoolAddress): string {
  return `${clusterArmId(address)}/agentPools/${address.nodePoolName}`;
}

const CLUSTER_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i;

/** The address of a managed cluster's ARM id (case-insensitive path words); undefined for any other shape. */
export function clusterAddressOfId(id: string | undefined): ClusterAddress | undefined {
  const match = CLUSTER_ID.exec(id ?? '');
  return match ? { subscriptionId: match[1]!, resourceGroup: match[2]!, clusterName: match[3]! } : undefined;
}

const CLUSTER_PREFIX = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+/i;

/** The cluster an operation target (a cluster or one of its pools) belongs to, for access checks. */
export function clusterScopeOfTarget(target: string): string {
  const match = CLUSTER_PREFIX.exec(target);
  if (!match) throw new Error(`Not a managed cluster id: ${target}`);
  return match[0];
}

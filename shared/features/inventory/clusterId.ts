const CLUSTER_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i;

export interface ClusterCoordinates {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** The parts of a managed cluster's ARM id; undefined when the id has another shape. */
export function parseClusterId(id: string | undefined): ClusterCoordinates | undefined {
  const match = CLUSTER_ID.exec(id ?? '');
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = match;
  return { subscriptionId: subscriptionId.toLowerCase(), resourceGroup, name };
}

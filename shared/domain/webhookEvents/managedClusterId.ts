/** A managed cluster named by an event's topic or an alert's target, with its id in Fleetplane's canonical form. */
export interface ManagedClusterRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** `/subscriptions/{lower-case id}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}` */
  resourceId: string;
}

// Anchored and case-insensitive: alert targets are lower-cased (`resourcegroups`, `microsoft.containerservice`).
const MANAGED_CLUSTER_ID =
  /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/resourcegroups\/([^/]{1,90})\/providers\/microsoft\.containerservice\/managedclusters\/([A-Za-z0-9][A-Za-z0-9_-]{0,62})$/i;

const SUBSCRIPTION_PREFIX =
  /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;

/** The managed cluster an ARM id names; undefined for anything else (a pool, a VM, a malformed path). */
export function parseManagedClusterId(id: string): ManagedClusterRef | undefined {
  const match = MANAGED_CLUSTER_ID.exec(id.replace(/\/+$/, ''));
  if (!match) return undefined;
  const [, subscription = '', resourceGroup = '', name = ''] = match;
  const subscriptionId = subscription.toLowerCase();
  return {
    subscriptionId,
    resourceGroup,
    name,
    resourceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`,
  };
}

/** The subscription an ARM path lies in (lower case), or undefined when it does not start with one. */
export function subscriptionOfResourcePath(path: string): string | undefined {
  return SUBSCRIPTION_PREFIX.exec(path)?.[1]?.toLowerCase();
}

/** Whether an ARM path lies in one of the fleet's subscriptions. */
export function isInFleetSubscriptions(path: string, fleetSubscriptions: readonly string[]): boolean {
  const subscription = subscriptionOfResourcePath(path);
  return subscription !== undefined && fleetSubscriptions.some((id) => id.toLowerCase() === subscription);
}

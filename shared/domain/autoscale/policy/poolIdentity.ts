/** What a policy can be selected by: where the pool lives, its mode, and the tags of its cluster and itself. */
export interface PoolIdentity {
  /** `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{c}` */
  clusterResourceId: string;
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
  poolName: string;
  poolMode: 'System' | 'User';
  clusterTags: Record<string, string>;
  poolTags: Record<string, string>;
}

/** One key per pool, the same whatever the case ARM answered the id in. */
export function poolKeyOf(pool: { clusterResourceId: string; poolName: string }): string {
  return `${pool.clusterResourceId.toLowerCase()}/agentpools/${pool.poolName.toLowerCase()}`;
}

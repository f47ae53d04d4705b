import { toNodePoolView } from './agentPoolMapping';
import { toClusterView } from './clusterMapping';
import type { NodePoolView } from '../../domain/fleet/nodePoolSpec';
import { getAgentPool, requireManagedCluster } from '../../platform/arm/armCalls';
import { clusterArmId, type ClusterAddress, type NodePoolAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import { controlPlaneVersionOf } from './nodePoolWrite';
import type { ReadContext } from '../../platform/http/requestContext';

/** `GET …/clusters/{c}/nodePools`: every pool's effective settings, as in the cluster view. */
export async function listNodePools(deps: ClusterDependencies, context: ReadContext, address: ClusterAddress): Promise<NodePoolView[]> {
  await context.authorize('clusters/nodepools', 'list', clusterArmId(address));
  const cluster = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
  return toClusterView(cluster).nodePools;
}

/** `GET …/nodePools/{p}`: the pool's effective settings (defaults depend on the cluster's network and version). */
export async function getNodePool(
  deps: ClusterDependencies,
  context: ReadContext,
  address: NodePoolAddress,
): Promise<{ view: NodePoolView; etag?: string }> {
  await context.authorize('clusters/nodepools', 'get', clusterArmId(address));
  const client = deps.containerService(address.subscriptionId);
  const [cluster, pool] = await Promise.all([requireManagedCluster(client, address), getAgentPool(client, address)]);
  const clusterView = toClusterView(cluster);
  const view = toNodePoolView(pool, { networkPlugin: clusterView.network.plugin, ...controlPlaneVersionOf(clusterView) });
  return { view, ...(pool.eTag ? { etag: pool.eTag } : {}) };
}

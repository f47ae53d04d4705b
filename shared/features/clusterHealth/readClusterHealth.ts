import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import { requireManagedCluster } from '../../platform/arm/armCalls';
import type { ReadContext } from '../../platform/http/requestContext';
import { assessTargets } from './assessTargets';
import type { ClusterHealthQuery, ClusterHealthView } from './clusterHealth.api';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import { targetOfCluster } from './healthTarget';
import { healthWindowOf } from './healthWindow';

/** `GET …/clusters/{c}/health`: the cluster from ARM (its pools and add-on now), then one metrics and one logs batch. */
export async function readClusterHealth(deps: ClusterHealthDependencies, context: ReadContext, address: ClusterAddress, query: ClusterHealthQuery): Promise<ClusterHealthView> {
  await context.authorize('clusters', 'get', clusterArmId(address));
  const window = healthWindowOf(query, deps.now());
  const cluster = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
  const [view] = await assessTargets(deps, [targetOfCluster(address, cluster)], window);
  return view!;
}

import type { ClusterAddress } from '../../domain/fleet/clusterAddress';
import { requireManagedCluster } from '../../platform/arm/armCalls';
import { assessTargets } from './assessTargets';
import type { ClusterHealthView, HealthWindow } from './clusterHealth.api';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import { targetOfCluster } from './healthTarget';
import { healthWindowOf } from './healthWindow';

/**
 * The same assessment as `GET …/clusters/{c}/health`, for system work (an update run's health gate) rather than a
 * caller: no authorization, and the window ends at the time the caller's clock says (the run's clock).
 */
export async function assessClusterForSystem(deps: ClusterHealthDependencies, address: ClusterAddress, window: HealthWindow, now: Date): Promise<ClusterHealthView> {
  const range = healthWindowOf({ window }, now);
  const cluster = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
  const [view] = await assessTargets(deps, [targetOfCluster(address, cluster)], range);
  return view!;
}

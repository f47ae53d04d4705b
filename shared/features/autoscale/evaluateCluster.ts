import { requireManagedCluster } from '../../platform/arm/armCalls';
import type { ClusterAddress } from '../../domain/fleet/clusterAddress';
import type { AutoscaleDependencies } from './autoscaleDependencies';
import type { DecisionRecord } from './decisionRecord';
import { evaluateClusters } from './evaluateClusters';
import { listedClusterOf } from './listedClusters';

/** An evaluation of one cluster outside the cycle (the API, an alert): the cluster from ARM, then its pools. */
export async function evaluateCluster(
  deps: AutoscaleDependencies,
  address: ClusterAddress,
  request: { trigger: 'onDemand' | 'alert'; reason?: string; dryRun: boolean; correlationId: string },
): Promise<DecisionRecord[]> {
  const cluster = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
  return evaluateClusters(deps, {
    subscriptionId: address.subscriptionId,
    clusters: [listedClusterOf(cluster, address.subscriptionId)],
    at: await deps.clock.now(),
    trigger: request.trigger,
    ...(request.reason === undefined ? {} : { reason: request.reason }),
    dryRun: request.dryRun,
    correlationId: request.correlationId,
  });
}

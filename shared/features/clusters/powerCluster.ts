import { startArmChange } from './acceptedOperation';
import { requireManagedCluster } from '../../platform/arm/armCalls';
import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import { idempotent } from './idempotentRequest';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

export type PowerAction = 'start' | 'stop';

/** `POST …/clusters/{c}/start|stop` (Operator: it changes the cluster like an update). */
export async function powerCluster(
  deps: ClusterDependencies,
  context: WriteContext,
  address: ClusterAddress,
  action: PowerAction,
): Promise<ApiResponse> {
  const scope = clusterArmId(address);
  await context.authorize('clusters', 'update', scope);
  return idempotent(deps, context, async () => {
    await requireManagedCluster(deps.containerService(address.subscriptionId), address);
    return startArmChange(deps, context, {
      kind: action === 'start' ? 'startCluster' : 'stopCluster',
      target: scope,
      subscriptionId: address.subscriptionId,
      expectedOutcome: { kind: 'powerState', code: action === 'start' ? 'Running' : 'Stopped' },
      submit: (arm, options) =>
        action === 'start'
          ? arm.managedClusters.start(address.resourceGroup, address.clusterName, options)
          : arm.managedClusters.stop(address.resourceGroup, address.clusterName, options),
    });
  });
}

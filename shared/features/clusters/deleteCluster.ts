import { startArmChange } from './acceptedOperation';
import { clusterLabel, requireManagedCluster } from '../../platform/arm/armCalls';
import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import { requireIfMatch } from '../../domain/preconditions';
import { armIfMatch } from '../../platform/http/etags';
import { idempotent } from './idempotentRequest';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

/** `DELETE …/clusters/{c}` (Admin). A missing cluster is 404; If-Match is checked against ARM's eTag. */
export async function deleteCluster(deps: ClusterDependencies, context: WriteContext, address: ClusterAddress): Promise<ApiResponse> {
  const scope = clusterArmId(address);
  await context.authorize('clusters', 'delete', scope);
  return idempotent(deps, context, async () => {
    const existing = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
    requireIfMatch(context.ifMatch, existing.eTag, clusterLabel(address));
    return startArmChange(deps, context, {
      kind: 'deleteCluster',
      target: scope,
      subscriptionId: address.subscriptionId,
      expectedOutcome: { kind: 'deleted' },
      submit: (arm, options) =>
        arm.managedClusters.delete(address.resourceGroup, address.clusterName, { ...options, ...armIfMatch(existing.eTag) }),
    });
  });
}

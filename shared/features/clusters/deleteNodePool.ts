import { startArmChange } from './acceptedOperation';
import { getAgentPool, nodePoolLabel } from '../../platform/arm/armCalls';
import { clusterArmId, nodePoolArmId, type NodePoolAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import { requireIfMatch } from '../../domain/preconditions';
import { armIfMatch } from '../../platform/http/etags';
import { idempotent } from './idempotentRequest';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

/** `DELETE …/nodePools/{p}` (Operator). AKS refuses to delete the last System pool and keeps its message. */
export async function deleteNodePool(deps: ClusterDependencies, context: WriteContext, address: NodePoolAddress): Promise<ApiResponse> {
  await context.authorize('clusters/nodepools', 'delete', clusterArmId(address));
  return idempotent(deps, context, async () => {
    const pool = await getAgentPool(deps.containerService(address.subscriptionId), address);
    requireIfMatch(context.ifMatch, pool.eTag, nodePoolLabel(address));
    return startArmChange(deps, context, {
      kind: 'deleteNodePool',
      target: nodePoolArmId(address),
      subscriptionId: address.subscriptionId,
      expectedOutcome: { kind: 'deleted' },
      submit: (arm, options) =>
        arm.agentPools.delete(address.resourceGroup, address.clusterName, address.nodePoolName, {
          ...options,
          ...armIfMatch(pool.eTag),
        }),
    });
  });
}

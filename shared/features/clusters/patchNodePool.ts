import { nodePoolSpecFromView } from './agentPoolMapping';
import { toClusterView } from './clusterMapping';
import { NotFoundError } from '../../domain/errors';
import { mergeNodePoolPatch } from '../../domain/fleet';
import type { NodePoolPatch } from '../../domain/fleet/nodePoolSpec';
import { nodePoolLabel, requireManagedCluster } from '../../platform/arm/armCalls';
import { clusterArmId, type NodePoolAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import { requireIfMatch } from '../../domain/preconditions';
import { idempotent } from './idempotentRequest';
import { writeNodePool } from './nodePoolWrite';
import { NO_SCHEMA_PROBLEMS, type SchemaProblems } from './bodyProblems';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

/** `PATCH …/nodePools/{p}` (Operator): the patch is merged into the pool's current settings, then PUT. */
export async function patchNodePool(
  deps: ClusterDependencies,
  context: WriteContext,
  address: NodePoolAddress,
  patch: NodePoolPatch,
  schema: SchemaProblems = NO_SCHEMA_PROBLEMS,
): Promise<ApiResponse> {
  await context.authorize('clusters/nodepools', 'update', clusterArmId(address));
  return idempotent(deps, context, async () => {
    const managed = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
    const existingPool = managed.agentPoolProfiles?.find((pool) => pool.name === address.nodePoolName);
    if (!existingPool) throw new NotFoundError(nodePoolLabel(address));
    requireIfMatch(context.ifMatch, existingPool.eTag, nodePoolLabel(address));
    const view = toClusterView(managed);
    const currentPool = view.nodePools.find((pool) => pool.name === address.nodePoolName);
    if (!currentPool) throw new NotFoundError(nodePoolLabel(address));
    const merged = mergeNodePoolPatch(nodePoolSpecFromView(currentPool), patch);
    return writeNodePool(deps, context, address, { managed, view }, merged, {
      kind: 'patchNodePool',
      currentEtag: existingPool.eTag,
      currentSubnetId: existingPool.vnetSubnetID,
    }, schema);
  });
}

import { toClusterView } from './clusterMapping';
import type { NodePoolPut } from '../../domain/fleet/nodePoolSpec';
import { nodePoolLabel, requireManagedCluster } from '../../platform/arm/armCalls';
import { clusterArmId, type NodePoolAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import { requireIfMatch } from '../../domain/preconditions';
import { idempotent } from './idempotentRequest';
import { writeNodePool } from './nodePoolWrite';
import { NO_SCHEMA_PROBLEMS, type SchemaProblems } from './bodyProblems';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

/** `PUT …/nodePools/{p}` (Operator): create or replace one pool of an existing cluster. */
export async function putNodePool(
  deps: ClusterDependencies,
  context: WriteContext,
  address: NodePoolAddress,
  body: NodePoolPut,
  schema: SchemaProblems = NO_SCHEMA_PROBLEMS,
): Promise<ApiResponse> {
  const scope = clusterArmId(address);
  await context.authorize('clusters/nodepools', 'update', scope);
  return idempotent(deps, context, async () => {
    const managed = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
    const existingPool = managed.agentPoolProfiles?.find((pool) => pool.name === address.nodePoolName);
    if (!existingPool) await context.authorize('clusters/nodepools', 'create', scope);
    requireIfMatch(context.ifMatch, existingPool?.eTag, nodePoolLabel(address));
    return writeNodePool(deps, context, address, { managed, view: toClusterView(managed) }, { name: address.nodePoolName, ...body }, {
      kind: existingPool ? 'updateNodePool' : 'createNodePool',
      currentEtag: existingPool?.eTag,
      currentSubnetId: existingPool?.vnetSubnetID,
    }, schema);
  });
}

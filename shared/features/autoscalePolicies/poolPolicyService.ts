import type { AutoscalePolicy } from '../../domain/autoscale/policy';
import { NotFoundError } from '../../domain/errors';
import { clusterArmId, type NodePoolAddress } from '../../domain/fleet/clusterAddress';
import type { Stored } from '../../platform/storage/tableRepository';
import type { ReadContext } from '../../platform/http/requestContext';
import type { AutoscalePolicyStore } from './autoscalePolicyStore';
import type { PoolPolicyRecord } from './policyRecords';
import { validatePoolPolicy } from './policyValidation';

const RESOURCE = 'clusters/autoscalepolicies';

export interface PoolPolicyDependencies {
  store: AutoscalePolicyStore;
  /** The pool's mode from ARM (throws NotFoundError when the cluster or pool does not exist). */
  poolModeOf(address: NodePoolAddress): Promise<'System' | 'User'>;
  now(): Date;
  /** Told after a policy is stored enabled, so that the autoscale cycle starts now rather than at its next repair. */
  policyEnabled(): Promise<void>;
}

export interface WriteCaller extends ReadContext {
  caller: { tenantId: string; objectId: string };
}

const label = (address: NodePoolAddress) => `Autoscale policy of node pool "${address.nodePoolName}" of cluster "${address.clusterName}"`;

function poolOf(address: NodePoolAddress) {
  return { clusterResourceId: clusterArmId(address), poolName: address.nodePoolName };
}

/** `GET …/nodePools/{p}/autoscalePolicy`: authorized at the cluster like node-pool reads. */
export async function getPoolPolicy(deps: PoolPolicyDependencies, context: ReadContext, address: NodePoolAddress): Promise<Stored<PoolPolicyRecord>> {
  await context.authorize(RESOURCE, 'get', clusterArmId(address));
  const found = await deps.store.getPoolPolicy(poolOf(address));
  if (found === undefined) throw new NotFoundError(label(address));
  return found;
}

/** `PUT …/nodePools/{p}/autoscalePolicy`: the policy is checked against the pool's mode, read from ARM. */
export async function putPoolPolicy(
  deps: PoolPolicyDependencies,
  context: WriteCaller,
  address: NodePoolAddress,
  policy: AutoscalePolicy,
  ifMatch: string | undefined,
): Promise<{ stored: Stored<PoolPolicyRecord>; created: boolean }> {
  const scope = clusterArmId(address);
  await context.authorize(RESOURCE, 'update', scope);
  const existing = await deps.store.getPoolPolicy(poolOf(address));
  if (existing === undefined) await context.authorize(RESOURCE, 'create', scope);
  const poolMode = await deps.poolModeOf(address);
  validatePoolPolicy(policy, poolMode);
  return deps.store.putPoolPolicy(
    {
      ...poolOf(address),
      poolMode,
      policy,
      updatedAt: deps.now().toISOString(),
      updatedBy: `${context.caller.tenantId}/${context.caller.objectId}`,
    },
    ifMatch,
  );
}

export async function deletePoolPolicy(deps: PoolPolicyDependencies, context: ReadContext, address: NodePoolAddress, ifMatch: string | undefined): Promise<void> {
  await context.authorize(RESOURCE, 'delete', clusterArmId(address));
  if (!(await deps.store.deletePoolPolicy(poolOf(address), ifMatch))) throw new NotFoundError(label(address));
}

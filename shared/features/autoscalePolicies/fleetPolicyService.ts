import type { FleetAutoscalePolicy } from '../../domain/autoscale/policy';
import { NotFoundError } from '../../domain/errors';
import type { ReadContext } from '../../platform/http/requestContext';
import type { Stored } from '../../platform/storage/tableRepository';
import type { AutoscalePolicyStore } from './autoscalePolicyStore';
import type { FleetPolicyRecord } from './policyRecords';
import type { WriteCaller } from './poolPolicyService';
import { validateFleetPolicy } from './policyValidation';

const RESOURCE = 'clusters/autoscalepolicies';
/** Fleet-wide policies can select any pool, so they are read and changed at tenant scope. */
export const FLEET_POLICY_SCOPE = 'tenant';

const label = (name: string) => `Fleet autoscale policy "${name}"`;

export async function listFleetPolicies(store: AutoscalePolicyStore, context: ReadContext): Promise<Stored<FleetPolicyRecord>[]> {
  await context.authorize(RESOURCE, 'list', FLEET_POLICY_SCOPE);
  return store.listFleetPolicies();
}

export async function getFleetPolicy(store: AutoscalePolicyStore, context: ReadContext, name: string): Promise<Stored<FleetPolicyRecord>> {
  await context.authorize(RESOURCE, 'get', FLEET_POLICY_SCOPE);
  const found = await store.getFleetPolicy(name);
  if (found === undefined) throw new NotFoundError(label(name));
  return found;
}

export async function putFleetPolicy(
  deps: { store: AutoscalePolicyStore; now(): Date },
  context: WriteCaller,
  name: string,
  policy: FleetAutoscalePolicy,
  ifMatch: string | undefined,
): Promise<{ stored: Stored<FleetPolicyRecord>; created: boolean }> {
  await context.authorize(RESOURCE, 'update', FLEET_POLICY_SCOPE);
  const existing = await deps.store.getFleetPolicy(name);
  if (existing === undefined) await context.authorize(RESOURCE, 'create', FLEET_POLICY_SCOPE);
  validateFleetPolicy(policy);
  const record = { name, policy, updatedAt: deps.now().toISOString(), updatedBy: `${context.caller.tenantId}/${context.caller.objectId}` };
  return deps.store.putFleetPolicy(record, ifMatch);
}

export async function deleteFleetPolicy(store: AutoscalePolicyStore, context: ReadContext, name: string, ifMatch: string | undefined): Promise<void> {
  await context.authorize(RESOURCE, 'delete', FLEET_POLICY_SCOPE);
  if (!(await store.deleteFleetPolicy(name, ifMatch))) throw new NotFoundError(label(name));
}

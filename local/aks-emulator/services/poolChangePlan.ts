import { ArmError } from '../errors';
import type { ClusterState, JsonObject, PoolState } from '../model';
import type { Fleet } from '../engine/fleet';
import { validatePool } from '../rules/poolRules';
import { clusterRuleContext, poolRuleInput, stripReadOnlyPoolFields } from './poolFactory';
import { without } from './requestShapes';

/**
 * The validated effect of a PUT on an existing pool: an agent-pool PUT, or the pool's profile inside a managed-cluster
 * PUT. Planning changes nothing; `applyPoolSettings` does, once every check of the request has passed.
 */
export interface PoolChangePlan {
  pool: PoolState;
  /** The pool's writable properties after the change (absent fields keep their current value). */
  properties: JsonObject;
  mode: 'System' | 'User';
  count: number;
  /** Nodes the change adds beyond the current count, for the vCPU quota check (0 unless it scales up). */
  addedNodes: number;
}

/** Fields AKS refuses to change on an existing pool, with how the current value is read. */
const IMMUTABLE_POOL_FIELDS: Record<string, (pool: PoolState) => unknown> = {
  vmSize: (pool) => pool.vmSize,
  osType: (pool) => pool.osType,
  vnetSubnetID: (pool) => pool.properties['vnetSubnetID'],
  availabilityZones: (pool) => pool.properties['availabilityZones'],
  maxPods: (pool) => pool.maxPods,
};

/** Held as first-class pool state (or as a version), not among the stored settings. */
const FIRST_CLASS_POOL_FIELDS = ['count', 'vmSize', 'osType', 'mode', 'maxPods', 'orchestratorVersion'];

/** `targetPrefix` names the field in the error target: '' for an agent-pool PUT, 'agentPoolProfile.' inline. */
export function planPoolChange(fleet: Fleet, cluster: ClusterState, pool: PoolState, props: JsonObject, targetPrefix = ''): PoolChangePlan {
  assertImmutableFieldsKept(pool, props, targetPrefix);
  const input = poolRuleInput(pool.name, { ...pool.properties, ...props, count: props['count'] ?? pool.count }, pool);
  validatePool(input, clusterRuleContext(fleet, cluster), false);
  const activeNodes = pool.nodes.filter((n) => !n.surge).length;
  return {
    pool,
    properties: without({ ...pool.properties, ...stripReadOnlyPoolFields(props) }, ['orchestratorVersion', 'count']),
    mode: input.mode,
    count: input.count,
    addedNodes: input.count > activeNodes ? Math.max(0, input.count - pool.count) : 0,
  };
}

function assertImmutableFieldsKept(pool: PoolState, props: JsonObject, targetPrefix: string): void {
  for (const [field, current] of Object.entries(IMMUTABLE_POOL_FIELDS)) {
    const sent = props[field];
    if (sent !== undefined && sent !== null && comparable(sent) !== comparable(current(pool))) {
      throw new ArmError(400, 'PropertyChangeNotAllowed', `Changing property '${field}' is not allowed.`, `${targetPrefix}${field}`);
    }
  }
}

/** Case-insensitive JSON, with an empty list or string the same as an unset field. */
function comparable(value: unknown): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  return JSON.stringify(value).toLowerCase();
}

/** Whether applying the plan would change anything a client can see (a re-sent GET body changes nothing). */
export function planChangesPool(plan: PoolChangePlan): boolean {
  const { pool } = plan;
  return plan.count !== pool.count || plan.mode !== pool.mode || !sameJson(settingsOf(plan.properties), settingsOf(pool.properties));
}

function settingsOf(properties: JsonObject): JsonObject {
  return without(properties, FIRST_CLASS_POOL_FIELDS);
}

/** Structural equality that ignores the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}

/** Writes the new settings and mode (not the count: the operation that scales the pool owns that). */
export function applyPoolSettings(fleet: Fleet, plan: PoolChangePlan): void {
  plan.pool.properties = plan.properties;
  plan.pool.mode = plan.mode;
  plan.pool.eTag = fleet.newETag();
}

import type { AutoscalePolicy, FleetAutoscalePolicy } from './autoscalePolicySchema';
import { poolKeyOf, type PoolIdentity } from './poolIdentity';
import type { PoolSelector } from './selectorSchema';

export interface NamedFleetPolicy {
  name: string;
  policy: FleetAutoscalePolicy;
}

export type PolicySource = { kind: 'pool' } | { kind: 'fleet'; name: string; specificity: number };

export interface SelectedPolicy {
  source: PolicySource;
  policy: AutoscalePolicy;
}

function tagsMatch(wanted: Record<string, string> | undefined, actual: Record<string, string>): boolean {
  if (wanted === undefined) return true;
  const byName = new Map(Object.entries(actual).map(([name, value]) => [name.toLowerCase(), value]));
  return Object.entries(wanted).every(([name, value]) => byName.get(name.toLowerCase()) === value);
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function selectorMatches(selector: PoolSelector, pool: PoolIdentity): boolean {
  return (
    (selector.subscriptionId === undefined || sameText(selector.subscriptionId, pool.subscriptionId)) &&
    (selector.resourceGroup === undefined || sameText(selector.resourceGroup, pool.resourceGroup)) &&
    (selector.poolMode === undefined || selector.poolMode === pool.poolMode) &&
    tagsMatch(selector.clusterTags, pool.clusterTags) &&
    tagsMatch(selector.poolTags, pool.poolTags)
  );
}

/** How specific a selector is: one point per condition it states (each tag counts once). */
export function specificityOf(selector: PoolSelector): number {
  return (
    (selector.subscriptionId === undefined ? 0 : 1) +
    (selector.resourceGroup === undefined ? 0 : 1) +
    (selector.poolMode === undefined ? 0 : 1) +
    Object.keys(selector.clusterTags ?? {}).length +
    Object.keys(selector.poolTags ?? {}).length
  );
}

/** Most specific first; equal specificity: the name first in code-unit order (so the outcome never depends on listing order). */
function compareCandidates(a: NamedFleetPolicy & { specificity: number }, b: NamedFleetPolicy & { specificity: number }): number {
  if (a.specificity !== b.specificity) return b.specificity - a.specificity;
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

function withoutSelector(fleetPolicy: FleetAutoscalePolicy): AutoscalePolicy {
  const { selector: _selector, description: _description, ...policy } = fleetPolicy;
  return policy;
}

/**
 * The policy that governs one pool: its own policy beats every fleet-wide one; among the fleet-wide policies
 * whose selector matches, the most specific wins, ties going to the name that sorts first. Disabled policies
 * still count: disabling the winner does not hand the pool to a looser policy.
 */
export function policyForPool(
  pool: PoolIdentity,
  poolPolicy: AutoscalePolicy | undefined,
  fleetPolicies: readonly NamedFleetPolicy[],
): SelectedPolicy | undefined {
  if (poolPolicy !== undefined) return { source: { kind: 'pool' }, policy: poolPolicy };
  const winner = fleetPolicies
    .filter((candidate) => selectorMatches(candidate.policy.selector, pool))
    .map((candidate) => ({ ...candidate, specificity: specificityOf(candidate.policy.selector) }))
    .sort(compareCandidates)[0];
  if (winner === undefined) return undefined;
  return { source: { kind: 'fleet', name: winner.name, specificity: winner.specificity }, policy: withoutSelector(winner.policy) };
}

/** `policyForPool` for many pools; pool policies are looked up by `poolKeyOf`. */
export function policiesForPools(
  pools: readonly PoolIdentity[],
  poolPolicies: ReadonlyMap<string, AutoscalePolicy>,
  fleetPolicies: readonly NamedFleetPolicy[],
): Map<string, SelectedPolicy> {
  const selected = new Map<string, SelectedPolicy>();
  for (const pool of pools) {
    const key = poolKeyOf(pool);
    const found = policyForPool(pool, poolPolicies.get(key), fleetPolicies);
    if (found !== undefined) selected.set(key, found);
  }
  return selected;
}

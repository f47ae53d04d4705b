import {
  policiesForPools,
  poolKeyOf,
  type EffectivePolicy,
  type PoolIdentity,
  type SelectedPolicy,
} from '../../domain/autoscale/policy';
import type { AutoscalePolicyStore } from './autoscalePolicyStore';
import { effectivePolicyAt, type WindowCache } from './scheduleWindows';

export interface PoolPolicy {
  pool: PoolIdentity;
  selected: SelectedPolicy;
  /** The policy at `now`, schedules folded in. */
  effective: EffectivePolicy;
}

/**
 * For each pool that a policy governs: which policy (its own, else the most specific fleet-wide one) and
 * how it applies at `now`. Reads the store once (every pool policy and fleet-wide policy); pools without a
 * policy are left out. Keyed by `poolKeyOf`.
 */
export async function policiesFor(
  store: AutoscalePolicyStore,
  pools: readonly PoolIdentity[],
  now: Date,
): Promise<Map<string, PoolPolicy>> {
  const { poolPolicies, fleetPolicies } = await store.snapshot();
  const selected = policiesForPools(pools, poolPolicies, fleetPolicies);
  const result = new Map<string, PoolPolicy>();
  const windows: WindowCache = new Map();
  for (const pool of pools) {
    const key = poolKeyOf(pool);
    const found = selected.get(key);
    if (found !== undefined) result.set(key, { pool, selected: found, effective: effectivePolicyAt(found, now, windows) });
  }
  return result;
}

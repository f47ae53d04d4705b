import type { ClusterState, JsonObject } from '../model';
import type { Fleet } from '../engine/fleet';
import type { InlinePoolUpdate } from '../engine/simulations';
import { validateModeChangeToUser } from '../rules/poolRules';
import type { PoolChangePlan } from './poolChangePlan';
import { applyPoolSettings, planChangesPool, planPoolChange } from './poolChangePlan';
import { asString } from './requestShapes';

// A managed-cluster PUT's `agentPoolProfiles` applied to the pools the cluster already has, under the agent-pool PUT's
// rules. A pool left out of the body, or a field left out of a profile, keeps its current value; pools are never added
// (see rejectIntroducedPools) nor removed this way.

/** Validates every inline change (each pool, the System-pool rule over the result, quota for all scale-ups); changes nothing. */
export function planInlinePoolChanges(fleet: Fleet, cluster: ClusterState, profiles: readonly JsonObject[]): PoolChangePlan[] {
  const plans = cluster.pools.flatMap((pool) => {
    const profile = profiles.find((p) => asString(p['name'])?.toLowerCase() === pool.name.toLowerCase());
    return profile ? [planPoolChange(fleet, cluster, pool, profile, 'agentPoolProfile.')] : [];
  });
  const changing = plans.filter(planChangesPool);
  validateResultingModes(cluster, changing);
  fleet.assertQuotaForNodes(
    cluster,
    changing.map((plan) => ({ vmSize: plan.pool.vmSize, nodes: plan.addedNodes })),
  );
  return changing;
}

/** Several pools may switch mode in one PUT; at least one System pool must remain afterwards. */
function validateResultingModes(cluster: ClusterState, plans: readonly PoolChangePlan[]): void {
  const after = cluster.pools.map((pool) => ({ name: pool.name, mode: plans.find((plan) => plan.pool === pool)?.mode ?? pool.mode }));
  for (const plan of plans) {
    if (plan.mode === 'User' && plan.pool.mode === 'System') validateModeChangeToUser(after, plan.pool.name);
  }
}

/** Writes settings, modes and target counts; the cluster's operation then scales or updates each pool. */
export function applyInlinePoolChanges(fleet: Fleet, plans: readonly PoolChangePlan[]): InlinePoolUpdate[] {
  return plans.map((plan) => {
    const scales = plan.count !== plan.pool.count;
    applyPoolSettings(fleet, plan);
    plan.pool.count = plan.count;
    return { pool: plan.pool, scales };
  });
}

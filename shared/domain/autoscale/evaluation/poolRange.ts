import type { EffectivePolicy } from '../policy/effectivePolicy';
import { SYSTEM_POOL_MIN_NODES } from '../policy/limits';
import type { PoolState } from './poolEvaluationTypes';

export interface PoolRange {
  minNodes: number;
  maxNodes: number;
  /** The rule that set the range: `schedule:<name>` or `policy`. */
  rule: string;
  /** Said in the decision when the pool's mode overrode the policy. */
  note: string | undefined;
}

/**
 * The node range at this moment: a ScaleToZero window makes it [0, 0] for a User pool; an OverrideRange
 * window's bounds replace the policy's; a System pool never goes below one node whatever the policy says.
 */
export function poolRangeOf(policy: EffectivePolicy, pool: PoolState): PoolRange {
  const isSystem = pool.mode === 'System';
  if (policy.scaleToZeroSchedule !== undefined && !isSystem) {
    return { minNodes: 0, maxNodes: 0, rule: `schedule:${policy.scaleToZeroSchedule}`, note: undefined };
  }
  const rule = policy.rangeSchedule === undefined ? 'policy' : `schedule:${policy.rangeSchedule}`;
  if (!isSystem || policy.minNodes >= SYSTEM_POOL_MIN_NODES) {
    const note = policy.scaleToZeroSchedule !== undefined ? `schedule "${policy.scaleToZeroSchedule}" cannot scale a System pool to zero` : undefined;
    return { minNodes: policy.minNodes, maxNodes: policy.maxNodes, rule, note };
  }
  return {
    minNodes: SYSTEM_POOL_MIN_NODES,
    maxNodes: Math.max(policy.maxNodes, SYSTEM_POOL_MIN_NODES),
    rule,
    note: 'a System pool keeps at least one node',
  };
}

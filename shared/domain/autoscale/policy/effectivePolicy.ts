import type { PolicySource, SelectedPolicy } from './policySelection';
import type { Schedule } from './scheduleSchema';
import type { AutoscaleBehavior } from './behaviorSchema';
import type { AutoscaleTargets } from './targetsSchema';

/** A policy as it applies at one moment: its schedules' open windows folded in. */
export interface EffectivePolicy {
  source: PolicySource;
  enabled: boolean;
  mode: 'Enforce' | 'DryRun';
  minNodes: number;
  maxNodes: number;
  targets: AutoscaleTargets;
  behavior: AutoscaleBehavior | undefined;
  /** Names of the schedules whose window is open, in the policy's order. */
  openSchedules: string[];
  /** The schedule whose OverrideRange set min/max, if any. */
  rangeSchedule: string | undefined;
  /** The open ScaleToZero schedule, if any: the pool goes to 0 nodes (User pools only). */
  scaleToZeroSchedule: string | undefined;
  /** The open StopCluster schedule, if any: the cluster is stopped until no such window is open. */
  stopClusterSchedule: string | undefined;
}

function firstOpen(open: readonly Schedule[], type: Schedule['action']['type']): Schedule | undefined {
  return open.find((schedule) => schedule.action.type === type);
}

/**
 * Folds the open windows into the policy. Several open OverrideRange windows: the first in the policy's list
 * sets the range (list order is the precedence, so reordering schedules is how an owner states it). A window
 * that gives only min or max keeps the policy's other bound, widened if needed so min ≤ max holds.
 */
export function effectivePolicyOf(selected: SelectedPolicy, open: readonly Schedule[]): EffectivePolicy {
  const { policy } = selected;
  const range = firstOpen(open, 'OverrideRange');
  let { minNodes, maxNodes } = policy;
  if (range?.action.type === 'OverrideRange') {
    minNodes = range.action.minNodes ?? Math.min(policy.minNodes, range.action.maxNodes ?? policy.minNodes);
    maxNodes = range.action.maxNodes ?? Math.max(policy.maxNodes, minNodes);
  }
  return {
    source: selected.source,
    enabled: policy.enabled,
    mode: policy.mode,
    minNodes,
    maxNodes,
    targets: policy.targets,
    behavior: policy.behavior,
    openSchedules: open.map((schedule) => schedule.name),
    rangeSchedule: range?.name,
    scaleToZeroSchedule: firstOpen(open, 'ScaleToZero')?.name,
    stopClusterSchedule: firstOpen(open, 'StopCluster')?.name,
  };
}


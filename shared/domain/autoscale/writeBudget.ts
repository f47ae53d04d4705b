import type { PoolDecision } from './evaluation/poolEvaluationTypes';

/** Why a write goes first; lower ranks are spent first. */
export type WritePriority = 'ScaleUpForPendingPods' | 'ScaleUp' | 'ScheduleChange' | 'ScaleDown';

const RANK: Record<WritePriority, number> = { ScaleUpForPendingPods: 0, ScaleUp: 1, ScheduleChange: 2, ScaleDown: 3 };

export interface PlannedWrite {
  decision: PoolDecision;
  priority: WritePriority;
}

export interface DeferredWrite extends PlannedWrite {
  reason: string;
}

export interface WriteBudgetPlan {
  now: PlannedWrite[];
  deferred: DeferredWrite[];
}

function isScheduleChange(decision: PoolDecision): boolean {
  return decision.clusterAction !== null || decision.action.type === 'SetRange' || decision.rule.startsWith('schedule:');
}

/** Where a decision that needs a write stands in the queue for the subscription's scarce agent-pool writes. */
export function priorityOf(decision: PoolDecision): WritePriority {
  const { action } = decision;
  if (action.type === 'SetCount' && action.to > action.from) {
    if (decision.hasPendingPods) return 'ScaleUpForPendingPods';
    return isScheduleChange(decision) ? 'ScheduleChange' : 'ScaleUp';
  }
  if (isScheduleChange(decision)) return 'ScheduleChange';
  return 'ScaleDown';
}

/** Larger steps first within a priority, then a stable order by pool, so the plan never depends on listing order. */
function compareWrites(a: PlannedWrite, b: PlannedWrite): number {
  const byRank = RANK[a.priority] - RANK[b.priority];
  if (byRank !== 0) return byRank;
  const byStep = stepOf(b.decision) - stepOf(a.decision);
  if (byStep !== 0) return byStep;
  const keyA = `${a.decision.clusterResourceId.toLowerCase()}/${a.decision.poolName}`;
  const keyB = `${b.decision.clusterResourceId.toLowerCase()}/${b.decision.poolName}`;
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

function stepOf(decision: PoolDecision): number {
  return decision.action.type === 'SetCount' ? Math.abs(decision.action.to - decision.action.from) : 0;
}

const ONE_OPERATION_PER_CLUSTER = 'AKS runs one operation per cluster at a time and another change of this cluster goes first in this cycle; retried next cycle.';

/**
 * Splits one subscription's decisions that need an ARM write into those to do now and those deferred to a later
 * cycle, by priority: scale-ups for pending pods, other scale-ups, schedule changes (range, stop/start, windows),
 * scale-downs. At most `budget` agent-pool writes (a cluster's stop or start is not one), and at most one change per
 * cluster (AKS refuses a second operation while one runs). Decisions that need no write are ignored.
 */
export function planWrites(decisions: readonly PoolDecision[], budget: number): WriteBudgetPlan {
  const ordered = decisions
    .filter((decision) => decision.needsWrite)
    .map((decision) => ({ decision, priority: priorityOf(decision) }))
    .sort(compareWrites);
  const allowed = Math.max(0, Math.floor(budget));
  const now: PlannedWrite[] = [];
  const deferred: DeferredWrite[] = [];
  const changedClusters = new Set<string>();
  let poolWrites = 0;
  for (const write of ordered) {
    const cluster = write.decision.clusterResourceId.toLowerCase();
    const isPoolWrite = write.decision.clusterAction === null;
    if (changedClusters.has(cluster)) {
      deferred.push({ ...write, reason: ONE_OPERATION_PER_CLUSTER });
    } else if (isPoolWrite && poolWrites >= allowed) {
      deferred.push({ ...write, reason: budgetReason(allowed, poolWrites) });
    } else {
      now.push(write);
      changedClusters.add(cluster);
      if (isPoolWrite) poolWrites += 1;
    }
  }
  return { now, deferred };
}

function budgetReason(allowed: number, spent: number): string {
  return allowed === 0
    ? 'The subscription\'s agent-pool write budget is spent for now; retried next cycle.'
    : `The subscription's write budget (${allowed}) went to ${spent} higher-priority write(s); retried next cycle.`;
}

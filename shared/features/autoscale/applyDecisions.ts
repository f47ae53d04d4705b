import { recordScaleEvent, type PoolDecision } from '../../domain/autoscale/evaluatePool';
import { planWrites } from '../../domain/autoscale/writeBudget';
import type { AutoscaleDependencies } from './autoscaleDependencies';
import type { DecisionOutcome } from './decisionRecord';
import type { AppliedDecision, EvaluationRun, Evaluated } from './evaluationRun';
import { submitChange, type PoolChange } from './poolWrites';
import { PoolMovedError, writableProfileOf } from './livePool';

const THROTTLED = /answered 429/;

/**
 * Turns the claimed decisions into ARM writes, as far as the subscription's write budget goes: `planWrites` orders
 * them (scale-ups for pending pods first), one per cluster, and defers the rest with the reason. A write AKS throttles empties the mirror of
 * its bucket. Only a count change that was sent enters the pool's history as a scale event (the rate limits count it).
 */
export async function applyDecisions(deps: AutoscaleDependencies, run: EvaluationRun, evaluated: readonly Evaluated[]): Promise<AppliedDecision[]> {
  const outcomes = new Map<PoolDecision, DecisionOutcome>();
  for (const { decision } of evaluated) {
    const settled = outcomeWithoutWrite(decision, run.dryRun);
    if (settled) outcomes.set(decision, settled);
  }
  const needing = evaluated.filter(({ decision }) => !outcomes.has(decision));
  if (needing.length > 0) {
    const budget = await deps.writeBudget.available(run.subscriptionId, run.at);
    const plan = planWrites(needing.map((entry) => entry.decision), budget);
    for (const deferred of plan.deferred) outcomes.set(deferred.decision, { kind: 'Deferred', reason: deferred.reason });
    let poolWrites = 0;
    let clusterWrites = 0;
    for (const { decision } of plan.now) {
      const entry = needing.find((candidate) => candidate.decision === decision)!;
      const change = changeOf(decision);
      try {
        const profile = await writableProfileOf(deps.containerService, entry.candidate.cluster, entry.candidate.profile, change);
        const { operationId, answered } = await submitChange(deps.runner, entry.candidate.cluster, profile, change, run.correlationId);
        if (change.type === 'SetCount' || change.type === 'SetRange') poolWrites += 1;
        else clusterWrites += 1;
        outcomes.set(decision, { kind: 'Submitted', operationId, answered });
      } catch (error) {
        if (error instanceof PoolMovedError) {
          outcomes.set(decision, { kind: 'Skipped', reason: error.message });
          continue;
        }
        const message = (error as Error).message;
        if (THROTTLED.test(message)) await deps.writeBudget.exhaust(run.subscriptionId, run.at);
        outcomes.set(decision, { kind: 'Failed', reason: `ARM refused the change: ${message}` });
      }
    }
    await deps.writeBudget.spend(run.subscriptionId, poolWrites, run.at, { stampEvenIfNone: clusterWrites > 0 });
  }
  const applied = evaluated.map(({ candidate, decision }) => ({ candidate, decision, outcome: outcomes.get(decision)! }));
  await Promise.all(evaluated.map((entry, index) => rememberSentScaleEvent(deps, entry, applied[index]!.outcome)));
  return applied;
}

function outcomeWithoutWrite(decision: PoolDecision, dryRun: boolean): DecisionOutcome | undefined {
  const wouldChange = decision.action.type !== 'None' || decision.clusterAction !== null;
  if ((dryRun || decision.mode === 'DryRun') && wouldChange) return { kind: 'DryRun', reason: 'Dry run: nothing was sent to ARM.' };
  if (decision.needsWrite && !dryRun) return undefined;
  if (decision.skipped !== null) return { kind: 'Skipped', reason: `Skipped (${decision.skipped}).` };
  return { kind: 'NoChange', reason: 'Nothing to change.' };
}

function changeOf(decision: PoolDecision): PoolChange {
  if (decision.clusterAction !== null) return { type: decision.clusterAction.type };
  const { action } = decision;
  if (action.type === 'SetCount') return { type: 'SetCount', to: action.to };
  if (action.type === 'SetRange') return { type: 'SetRange', minCount: action.to.minCount, maxCount: action.to.maxCount };
  throw new Error(`Decision for ${decision.poolName} needs a write but changes nothing.`);
}

/** The claim stored the history without this cycle's change; a count change that was sent is added now. */
async function rememberSentScaleEvent(deps: AutoscaleDependencies, entry: Evaluated, outcome: DecisionOutcome): Promise<void> {
  const { action } = entry.decision;
  if (entry.etag === undefined || outcome.kind !== 'Submitted' || action.type !== 'SetCount') return;
  const history = recordScaleEvent(entry.decision.history, { from: action.from, to: action.to, at: entry.decision.evaluatedAt });
  await deps.poolStates.claim(
    entry.candidate.cluster.subscriptionId,
    entry.candidate.key,
    { clusterResourceId: entry.candidate.cluster.id, poolName: entry.candidate.profile.name ?? '', cycle: entry.cycle, history, evaluatedAt: entry.decision.evaluatedAt },
    entry.etag,
  );
}

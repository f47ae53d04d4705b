import { randomUUID } from 'node:crypto';
import { EMPTY_POOL_HISTORY, evaluatePool, type PoolDecision } from '../../domain/autoscale/evaluatePool';
import { poolKeyOf } from '../../domain/autoscale/policy';
import type { AutoscaleDependencies } from './autoscaleDependencies';
import { applyDecisions } from './applyDecisions';
import type { AppliedDecision, Candidate, EvaluationRun, Evaluated } from './evaluationRun';
import { decisionRecordOf } from './decisionRecords';
import type { DecisionRecord } from './decisionRecord';
import { measurePools, type PoolMeasurements } from './poolMeasurements';
import { observationsOf, poolIdentityOf, poolStateOf } from './poolInputs';
import { PoolStateStore, type ClaimablePool, type PoolStateRow } from './poolStateStore';
import { runBounded } from '../../platform/concurrency/runBounded';

/** Conditional writes of pool rows in flight at once (one round trip each). */
const PARALLEL_CLAIMS = 8;
/** An on-request evaluation racing others for a pool's row tries this many times before it gives way. */
const ON_REQUEST_CLAIM_ATTEMPTS = 3;

/**
 * Evaluates the governed pools of some clusters of one subscription (the cycle's batch, or one cluster on demand):
 * policies, then one metrics pass and one pending-pod pass for all of them, `evaluatePool` per pool, the claim,
 * the writes the budget allows, and a decision record per pool. Returns the records.
 */
export async function evaluateClusters(deps: AutoscaleDependencies, run: EvaluationRun): Promise<DecisionRecord[]> {
  const candidates = await governedPools(deps, run);
  if (candidates.length === 0) return [];
  const rows = await deps.poolStates.ofSubscription(run.subscriptionId);
  const unclaimed = candidates.filter((candidate) => run.cycle === undefined || (PoolStateStore.find(rows, candidate.key).row?.cycle ?? 0) < run.cycle);
  if (unclaimed.length === 0) return [];
  const [measured, inUpdateRun] = await Promise.all([measurePools(deps, unclaimed, run.at), deps.clustersInUpdateRun()]);

  const claims = await runBounded(
    unclaimed.map((candidate) => () => evaluateAndClaim(deps, run, candidate, PoolStateStore.find(rows, candidate.key), { ...measured, inUpdateRun })),
    PARALLEL_CLAIMS,
  );
  const evaluated = claims.filter((entry): entry is Evaluated => entry !== undefined);
  const applied = await applyDecisions(deps, run, evaluated);
  return recordAndAnnounce(deps, run, applied, measured);
}

interface PoolSignals extends PoolMeasurements {
  inUpdateRun: ReadonlySet<string>;
}

/**
 * Evaluates a pool on its stored row and claims it with that row's ETag. A cycle's lost claim means another host
 * evaluated the pool for the cycle: it records and writes, this one does nothing. An evaluation asked for (an alert,
 * the API) that loses to a concurrent one evaluates again on the row the winner wrote, so it is never dropped.
 */
async function evaluateAndClaim(deps: AutoscaleDependencies, run: EvaluationRun, candidate: Candidate, stored: ClaimablePool, signals: PoolSignals): Promise<Evaluated | undefined> {
  let current = stored;
  for (let attempt = 1; ; attempt += 1) {
    const decision = evaluateOn(run, candidate, current.row, signals);
    const cycle = run.cycle ?? current.row?.cycle ?? 0;
    if (run.dryRun) return { candidate, decision, etag: current.etag, cycle };
    const claimed = await claim(deps, candidate, decision, cycle, current.etag);
    if (claimed !== undefined) return { candidate, decision, etag: claimed, cycle };
    if (run.cycle !== undefined || attempt === ON_REQUEST_CLAIM_ATTEMPTS) return undefined;
    current = await deps.poolStates.read(candidate.cluster.subscriptionId, candidate.key);
  }
}

function evaluateOn(run: EvaluationRun, candidate: Candidate, row: PoolStateRow | undefined, signals: PoolSignals): PoolDecision {
  const clusterId = candidate.cluster.id.toLowerCase();
  return evaluatePool({
    policy: run.dryRun ? { ...candidate.policy, mode: 'DryRun' } : candidate.policy,
    pool: poolStateOf(candidate.cluster, candidate.profile, signals.inUpdateRun.has(clusterId)),
    observations: observationsOf(signals, clusterId, candidate.profile.name ?? '', run.at),
    history: row?.history ?? EMPTY_POOL_HISTORY,
    now: run.at.toISOString(),
  });
}

async function governedPools(deps: AutoscaleDependencies, run: EvaluationRun): Promise<Candidate[]> {
  const pools = run.clusters.flatMap((cluster) => cluster.pools.map((profile) => ({ cluster, profile, identity: poolIdentityOf(cluster, profile) })));
  if (pools.length === 0) return [];
  const policies = await deps.policies.forPools(pools.map((pool) => pool.identity), run.at);
  return pools.flatMap(({ cluster, profile, identity }) => {
    const key = poolKeyOf(identity);
    const policy = policies.get(key)?.effective;
    // The cycle leaves disabled policies alone; an evaluation asked for explains them.
    if (!policy || (run.trigger === 'cycle' && !policy.enabled)) return [];
    return [{ key, cluster, profile, policy }];
  });
}

/** The new cycle number and history, conditional on the row read: the pool's ETag when this host won it. */
function claim(deps: AutoscaleDependencies, candidate: Candidate, decision: PoolDecision, cycle: number, etag: string | undefined) {
  return deps.poolStates.claim(
    candidate.cluster.subscriptionId,
    candidate.key,
    { clusterResourceId: candidate.cluster.id, poolName: candidate.profile.name ?? '', cycle, history: decision.history, evaluatedAt: decision.evaluatedAt },
    etag,
  );
}

async function recordAndAnnounce(deps: AutoscaleDependencies, run: EvaluationRun, applied: readonly AppliedDecision[], measured: PoolMeasurements): Promise<DecisionRecord[]> {
  const records = applied.map((entry) => decisionRecordOf(run, entry, measured, randomUUID()));
  const byCluster = new Map<string, DecisionRecord[]>();
  for (const record of records) byCluster.set(record.clusterResourceId.toLowerCase(), [...(byCluster.get(record.clusterResourceId.toLowerCase()) ?? []), record]);
  await Promise.all([...byCluster].map(([clusterId, ofCluster]) => deps.decisions.record(clusterId, ofCluster)));
  for (const [index, record] of records.entries()) {
    const dedupe = `${poolKeyOf(record)}|${run.cycle ?? record.id}`;
    const subject = `${record.clusterResourceId}/agentPools/${record.poolName}`;
    await deps.emitEvent({ type: 'fleetplane.autoscale.decision', subject, dedupeKey: `decision|${dedupe}`, data: { ...record } });
    const action = applied[index]!.decision.action;
    if (record.outcome.kind === 'Submitted' && action.type === 'SetCount') {
      await deps.emitEvent({ type: 'fleetplane.nodePool.scaled', subject, dedupeKey: `scaled|${record.outcome.operationId}`, data: { from: action.from, to: action.to, operationId: record.outcome.operationId, rule: record.rule } });
    }
  }
  return records;
}

import type { Logger } from '../../platform/observability/logger';
import { readMemberFacts } from './memberFactsReader';
import { awaitsPreflight, completePreflight, type PreflightOutcome } from './preflightOutcome';
import { planRun } from './runPlanning';
import { isoSeconds } from './runTime';
import type { UpdateRunDependencies } from './updateRunDependencies';
import type { RunPreflightMessage } from './updateRunsQueue';

/**
 * A preflight message (system work on the update-runs queue, outside any caller's request, so its ARM reads come
 * out of the system's share of the read budget): read every member live, plan, and store the outcome with ONE
 * conditional write that keeps what people decided meanwhile; on a lost ETag race it is decided again on the fresh
 * run. A message for a preflight the run no longer waits for (a duplicate, or one a start superseded) does nothing,
 * not even a read. Throttling or an outage throws: the queue retries the message, the repair timer re-sends it.
 */
export async function runPreflight(deps: UpdateRunDependencies, message: RunPreflightMessage, log: Logger): Promise<PreflightOutcome | 'stale'> {
  const stored = await deps.store.get(message.runId);
  if (!awaitsPreflight(stored?.value, message.preflightId)) return 'stale';
  const run = stored.value;
  const now = await deps.clock.now();
  const reads = await readMemberFacts(
    deps,
    run.members.map((member) => member.clusterId),
    run.request.upgradeType,
    now,
  ).catch(async (error: unknown) => {
    await noteFailedAttempt(deps, message, error, isoSeconds(now), log);
    throw error;
  });
  const planned = planRun({ id: run.id, request: run.request, createdBy: run.createdBy, createdAt: run.createdAt, now: isoSeconds(now), members: reads });
  const decided: { outcome: PreflightOutcome | 'stale' } = { outcome: 'stale' };
  await deps.store.update(run.id, (latest) => {
    // The member list changes only with a new preflight (a start), which makes this one stale.
    if (!awaitsPreflight(latest, message.preflightId)) {
      decided.outcome = 'stale';
      return undefined;
    }
    const completed = completePreflight(latest, planned, isoSeconds(now));
    decided.outcome = completed.outcome;
    return completed.run;
  });
  const { outcome } = decided;
  if (outcome === 'started') await deps.kickRun(run.id);
  log.info('Update-run preflight done', { run: run.id, purpose: run.preflight.purpose, outcome, members: reads.length });
  return outcome;
}

/** Shows on the run why the preflight is not done yet (throttled, an outage); the retry clears it. Best effort. */
async function noteFailedAttempt(deps: UpdateRunDependencies, message: RunPreflightMessage, error: unknown, at: string, log: Logger): Promise<void> {
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 800);
  try {
    await deps.store.update(message.runId, (latest) =>
      awaitsPreflight(latest, message.preflightId) ? { ...latest, preflight: { ...latest.preflight, error: `The attempt at ${at} failed (it is retried): ${reason}` } } : undefined,
    );
  } catch (noteError) {
    log.warn('Could not note the failed preflight attempt on the run', { run: message.runId, error: String(noteError) });
  }
}

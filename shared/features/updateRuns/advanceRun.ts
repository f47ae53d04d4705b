import { runBounded } from '../../platform/concurrency/runBounded';
import { randomUUID } from 'node:crypto';
import { PreconditionFailedError } from '../../domain/errors';
import { decideAdvance, observationNeeds, type OperationObservation, type RunEventState } from '../../domain/upgrades/run';
import type { Logger } from '../../platform/observability/logger';
import { nextAdvanceDelay } from './nextAdvance';
import { readNodeRolls } from './nodeRollReads';
import type { RunEngineDependencies } from './runEngineDependencies';
import { observe } from './runObservations';
import { isoSeconds } from './runTime';
import { submitMemberStep } from './submitMemberStep';
import type { UpdateRun } from './updateRunDocument';

/** Steps submitted by one advance; more are left claimed and go at once in the next (bounded work per invocation). */
const MAX_SUBMISSIONS_PER_ADVANCE = 20;
const SUBMISSION_CONCURRENCY = 5;
/** Run events that also go to the audit trail (the step-by-step ones stay in the run's own log). */
const AUDITED: ReadonlySet<RunEventState['kind']> = new Set(['Started', 'GatePassed', 'GateFailed', 'MemberFailed', 'MemberRolledBack', 'StageCompleted', 'Paused', 'Stopped', 'Completed', 'Failed']);

export type AdvanceOutcome = 'idle' | 'raced' | 'advanced';

/**
 * One advance of a run (an `updateRunsAdvance` message): read the run, observe, decide (pure), emit the decided
 * events (each with its dedupeKey), write the run with ONE conditional replace, then submit the claimed steps and
 * schedule the next advance. A kill anywhere repeats nothing: before the write nothing happened; after it, the
 * claims name their operation ids, and the runner starts each id once.
 */
export async function advanceRun(deps: RunEngineDependencies, runId: string, preSubmissionFailures: Map<string, OperationObservation>, log: Logger): Promise<AdvanceOutcome> {
  const stored = await deps.store.get(runId);
  if (!stored || !['Running', 'Paused', 'Stopping'].includes(stored.value.status)) return 'idle';
  const now = await deps.clock.now();
  const observed = await observe(deps, stored.value, observationNeeds(stored.value), now, preSubmissionFailures, log);
  const rolling = await readNodeRolls(deps, stored.value, now, log);
  const draft = structuredClone(stored.value);
  const decision = decideAdvance(draft, { ...observed, rolling, newOperationId: randomUUID });

  for (const announcement of decision.announcements) await deps.emitEvent(announcement);
  const submitted = decision.actions.slice(0, MAX_SUBMISSIONS_PER_ADVANCE);
  const delay = nextAdvanceDelay(draft, now, { pollSeconds: deps.pollSeconds, deferredActions: submitted.length < decision.actions.length });
  const sendNext = delay !== undefined && !advanceAlreadyDue(draft, delay);
  if (sendNext) draft.nextAdvanceAt = new Date(Date.now() + delay * 1000).toISOString();

  let written: UpdateRun = draft;
  if (decision.changed || sendNext) {
    try {
      written = (await deps.store.replace(draft, stored.etag)).value;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      // Someone (an API call, another advance) changed the run since it was read: decide again from that.
      await deps.kickRun(runId, 0);
      return 'raced';
    }
  }
  for (const step of decision.actions.map((a) => a.operationId)) preSubmissionFailures.delete(step);
  await auditEvents(deps, written, decision.events, now, log);
  await runBounded(submitted.map((action) => () => submitMemberStep(deps, written, action, preSubmissionFailures, log)), SUBMISSION_CONCURRENCY);
  if (sendNext) await deps.kickRun(runId, delay);
  if (decision.events.length > 0) log.info('Run advanced', { run: runId, status: written.status, events: decision.events.length, submitted: submitted.length });
  return 'advanced';
}

/** A message already due no later than wanted: sending another would only double the advances. */
function advanceAlreadyDue(run: UpdateRun, delaySeconds: number): boolean {
  if (!run.nextAdvanceAt) return false;
  const due = Date.parse(run.nextAdvanceAt);
  return due > Date.now() && due <= Date.now() + delaySeconds * 1000;
}

async function auditEvents(deps: RunEngineDependencies, run: UpdateRun, events: readonly RunEventState[], now: Date, log: Logger): Promise<void> {
  for (const event of events.filter((e) => AUDITED.has(e.kind))) {
    try {
      await deps.recordAudit({
        time: isoSeconds(now),
        action: `updateRun.${event.kind}`,
        method: 'ENGINE',
        target: event.clusterId ? `/updateRuns/${run.id}/members${event.clusterId}` : `/updateRuns/${run.id}`,
        decision: 'allowed',
        reason: event.message,
        outcome: ['MemberFailed', 'GateFailed', 'Failed'].includes(event.kind) ? 'failed' : 'succeeded',
        status: 0,
        correlationId: `updateRun-${run.id}`,
      });
    } catch (error) {
      log.warn('Could not write a run event to the audit trail', { run: run.id, kind: event.kind, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

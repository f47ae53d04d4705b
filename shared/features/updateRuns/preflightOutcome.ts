import { isBlocking } from '../../domain/updateRuns';
import { keepDecisions } from './keepDecisions';
import { withEvent, type RunPreflight, type UpdateRun } from './updateRunDocument';

export type PreflightOutcome = 'planned' | 'started' | 'refused';

/** Members named in a refused start's message (all of them are in the run, each with every problem). */
const NAMED_IN_REFUSAL = 10;

/** Whether `run` still waits for the preflight `preflightId` (else a message for it is a duplicate or was superseded). */
export function awaitsPreflight(run: UpdateRun | undefined, preflightId: string): run is UpdateRun & { preflight: RunPreflight } {
  return run?.status === 'NotStarted' && run.preflight?.status === 'Pending' && run.preflight.id === preflightId;
}

/**
 * The run after its pending preflight, from the fresh plan of its members (pure). `plan`: the plan is stored,
 * decisions kept. `start`: a blocking problem on a member not skipped refuses the start (the run stays NotStarted,
 * the preflight Failed says why); otherwise the run turns Running with its members frozen.
 */
export function completePreflight(latest: UpdateRun & { preflight: RunPreflight }, planned: UpdateRun, at: string): { run: UpdateRun; outcome: PreflightOutcome } {
  const replanned = keepDecisions(latest, planned);
  // A failed attempt's note goes: the outcome speaks now.
  const { error: _lastAttempt, ...preflight } = latest.preflight;
  const blocked = replanned.members.filter((member) => member.status !== 'Skipped' && member.problems.some(isBlocking));
  if (preflight.purpose === 'plan') {
    const message = `Preflighted ${replanned.members.length} member(s): ${blocked.length} with blocking problems.`;
    return { run: withEvent({ ...replanned, preflight: { ...preflight, status: 'Completed', completedAt: at } }, { at, kind: 'Planned', message }), outcome: 'planned' };
  }
  if (blocked.length > 0) {
    const detail = blocked
      .slice(0, NAMED_IN_REFUSAL)
      .map((member) => `${member.name}: ${member.problems.filter(isBlocking).map((problem) => problem.code).join(', ')}`)
      .join('; ');
    const error = `The preflight found blocking problems (fix them or skip those members): ${detail}${blocked.length > NAMED_IN_REFUSAL ? `; and ${blocked.length - NAMED_IN_REFUSAL} more` : ''}.`;
    const refused: UpdateRun = { ...replanned, preflight: { ...preflight, status: 'Failed', completedAt: at, error: error.slice(0, 1000) } };
    return { run: withEvent(refused, { at, kind: 'PreflightFailed', message: `Start refused: ${blocked.length} member(s) have blocking problems.`, by: preflight.requestedBy }), outcome: 'refused' };
  }
  const started: UpdateRun = { ...replanned, status: 'Running', startedAt: at, frozenAt: at, preflight: { ...preflight, status: 'Completed', completedAt: at } };
  return { run: withEvent(started, { at, kind: 'Started', message: `Started with ${replanned.members.length} member(s).`, by: preflight.requestedBy }), outcome: 'started' };
}

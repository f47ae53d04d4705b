import type { Stored } from '../../platform/storage/tableRepository';
import { actorOf, authorizeMembers, type RunCall } from './runAccess';
import { isoSeconds } from './runTime';
import type { Actor } from './runTransitions';
import type { UpdateRunDependencies } from './updateRunDependencies';
import type { RunMember, UpdateRun } from './updateRunDocument';

export interface RunChange {
  /** `clusters/upgrades.<verb>` the caller needs on each of `membersConcerned`. */
  verb: string;
  membersConcerned: (run: UpdateRun) => RunMember[];
  transition: (run: UpdateRun, actor: Actor) => UpdateRun | undefined;
}

/**
 * One API transition: authorize on the members it concerns, apply it as ONE conditional write (re-decided on the
 * fresh document after a 412), then kick the engine when the run has work to do.
 */
export async function changeUpdateRun(deps: Pick<UpdateRunDependencies, 'store' | 'clock' | 'kickRun'>, call: RunCall, runId: string, change: RunChange): Promise<Stored<UpdateRun>> {
  const current = await deps.store.require(runId);
  await authorizeMembers(call, change.verb, change.membersConcerned(current.value).map((member) => member.clusterId));
  const actor = { by: actorOf(call), at: isoSeconds(await deps.clock.now()) };
  const stored = await deps.store.update(runId, (run) => change.transition(run, actor));
  if (stored.etag !== current.etag && ['Running', 'Stopping'].includes(stored.value.status)) await deps.kickRun(runId);
  return stored;
}

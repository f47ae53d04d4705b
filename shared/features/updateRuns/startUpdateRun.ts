import { ConflictError } from '../../domain/errors';
import type { Logger } from '../../platform/observability/logger';
import type { Stored } from '../../platform/storage/tableRepository';
import { requestedPreflight, sendPreflight } from './preflightRequest';
import { resolveMembers } from './memberResolution';
import { actorOf, authorizeMembers, type RunCall } from './runAccess';
import { unplannedMember } from './runPlanning';
import { isoSeconds } from './runTime';
import type { UpdateRunDependencies } from './updateRunDependencies';
import type { RunMember, UpdateRun } from './updateRunDocument';

export interface StartAnswer {
  stored: Stored<UpdateRun>;
  /** A start preflight is queued or pending (202); false when the run was already Running (200). */
  accepted: boolean;
}

/**
 * Asks to start a NotStarted run, without a live ARM read: the members are resolved again (a tag selector may match
 * other clusters now; this list is the one the run starts with), the caller is authorized on each, and a `start`
 * preflight is queued — it supersedes a `plan` preflight still pending, so a start during planning is not lost.
 * `runPreflight` then turns the run Running, or refuses the start (PreflightFailed) and leaves it NotStarted.
 * A start while a start preflight is pending answers the same without queuing another.
 */
export async function startUpdateRun(deps: UpdateRunDependencies, call: RunCall & { log: Logger }, runId: string): Promise<StartAnswer> {
  const current = await deps.store.require(runId);
  if (current.value.status === 'Running') return { stored: current, accepted: false };
  refuseUnstartable(current.value);
  const clusterIds = await resolveMembers(deps, current.value.request.members);
  await authorizeMembers(call, 'create', clusterIds);
  if (current.value.preflight?.status === 'Pending' && current.value.preflight.purpose === 'start') return { stored: current, accepted: true };
  const preflight = requestedPreflight('start', actorOf(call), isoSeconds(await deps.clock.now()));
  const stored = await deps.store.update(runId, (run) => {
    if (run.status === 'Running') return undefined; // another start's preflight got there first
    refuseUnstartable(run);
    return { ...run, members: membersResolved(run.members, clusterIds), preflight };
  });
  if (stored.value.preflight?.id !== preflight.id) return { stored, accepted: false };
  await sendPreflight(deps, runId, preflight.id, call.log);
  return { stored, accepted: true };
}

function refuseUnstartable(run: UpdateRun): void {
  if (run.dryRun) throw new ConflictError(`Update run ${run.id} is a dry run: it is planned and read, never started. Create it without dryRun to run it.`, 'DryRunNotStartable');
  if (run.status !== 'NotStarted') throw new ConflictError(`Update run ${run.id} is ${run.status}: only a NotStarted run starts.`, 'RunStateConflict');
}

/** The members resolved now: those already in the run keep their entry (and its decisions), new ones are listed unplanned. */
function membersResolved(members: readonly RunMember[], clusterIds: readonly string[]): RunMember[] {
  const known = new Map(members.map((member) => [member.clusterId.toLowerCase(), member]));
  return clusterIds.map((clusterId) => known.get(clusterId.toLowerCase()) ?? unplannedMember(clusterId));
}

import { ConflictError, PreconditionFailedError, UnprocessableError } from '../../domain/errors';
import { isBlocking } from '../../domain/updateRuns';
import type { Stored } from '../../platform/storage/tableRepository';
import { readMemberFacts } from './memberFactsReader';
import { resolveMembers } from './memberResolution';
import { actorOf, authorizeMembers, type RunCall } from './runAccess';
import { planRun } from './runPlanning';
import { isoSeconds } from './runTime';
import type { UpdateRunDependencies } from './updateRunDependencies';
import { withEvent, type UpdateRun } from './updateRunDocument';

/**
 * Starts a NotStarted run: the members are resolved again (a tag selector may match other clusters now) and frozen,
 * preflighted again, and planned again. A blocking problem on a member not skipped refuses the start (422) and the
 * fresh problems are stored for GET to show. Otherwise the run turns Running in one conditional write and the
 * engine is kicked. Skips and approvals made before the start are kept.
 */
export async function startUpdateRun(deps: UpdateRunDependencies, call: RunCall, runId: string): Promise<Stored<UpdateRun>> {
  const current = await deps.store.require(runId);
  if (current.value.status === 'Running') return current;
  if (current.value.status !== 'NotStarted') throw new ConflictError(`Update run ${runId} is ${current.value.status}: only a NotStarted run starts.`, 'RunStateConflict');
  const { request } = current.value;
  const clusterIds = await resolveMembers(deps, request.members);
  await authorizeMembers(call, 'create', clusterIds);
  const now = await deps.clock.now();
  const reads = await readMemberFacts(deps, clusterIds, request.upgradeType, now);
  const replanned = keepDecisions(current.value, planRun({ id: runId, request, createdBy: current.value.createdBy, createdAt: current.value.createdAt, now: isoSeconds(now), members: reads }));
  const actor = { at: isoSeconds(now), by: actorOf(call) };
  const blocked = replanned.members.filter((member) => member.status !== 'Skipped' && member.problems.some(isBlocking));
  if (blocked.length > 0) {
    const refused = withEvent(replanned, { at: actor.at, kind: 'PreflightFailed', message: `Start refused: ${blocked.length} member(s) have blocking problems.`, by: actor.by });
    await replaceOrConflict(deps, refused, current.etag);
    const detail = blocked
      .slice(0, 10)
      .map((member) => `${member.name}: ${member.problems.filter(isBlocking).map((problem) => problem.code).join(', ')}`)
      .join('; ');
    throw new UnprocessableError(`The preflight found blocking problems (fix them or skip those members): ${detail}.`, 'PreflightFailed');
  }
  const started = withEvent({ ...replanned, status: 'Running', startedAt: actor.at, frozenAt: actor.at }, { at: actor.at, kind: 'Started', message: `Started with ${replanned.members.length} member(s).`, by: actor.by });
  const stored = await replaceOrConflict(deps, started, current.etag);
  await deps.kickRun(runId);
  return stored;
}

/** The fresh plan with what people decided before the start: skipped members and groups, approved gates, the event log. */
function keepDecisions(previous: UpdateRun, replanned: UpdateRun): UpdateRun {
  const skipped = new Map(previous.members.filter((member) => member.status === 'Skipped').map((member) => [member.clusterId.toLowerCase(), member]));
  const approved = new Map(previous.gates.filter((gate) => gate.status === 'Approved').map((gate) => [gate.id, gate]));
  const skippedGroups = new Set(previous.stages.flatMap((stage) => stage.groups.filter((group) => group.status === 'Skipped').map((group) => `${stage.name}/${group.name}`)));
  return {
    ...replanned,
    members: replanned.members.map((member) => {
      const before = skipped.get(member.clusterId.toLowerCase());
      const groupSkipped = skippedGroups.has(`${member.stage}/${member.group}`);
      return before || groupSkipped ? { ...member, status: 'Skipped' as const, statusReason: before?.statusReason ?? 'Its group was skipped.', steps: member.steps.map((step) => ({ ...step, status: 'Skipped' as const })) } : member;
    }),
    stages: replanned.stages.map((stage) => ({
      ...stage,
      groups: stage.groups.map((group) => (skippedGroups.has(`${stage.name}/${group.name}`) ? { ...group, status: 'Skipped' as const } : group)),
    })),
    gates: replanned.gates.map((gate) => approved.get(gate.id) ?? gate),
    events: previous.events,
    eventsDropped: previous.eventsDropped,
  };
}

async function replaceOrConflict(deps: Pick<UpdateRunDependencies, 'store'>, run: UpdateRun, etag: string): Promise<Stored<UpdateRun>> {
  try {
    return await deps.store.replace(run, etag);
  } catch (error) {
    if (error instanceof PreconditionFailedError) throw new ConflictError(`Update run ${run.id} changed while it was being started; read it and retry.`, 'RunChanged');
    throw error;
  }
}

import { ConflictError, NotFoundError } from '../../domain/errors';
import { isFinished, withEvent, type RunMember, type UpdateRun } from './updateRunDocument';
import type { SkipBody } from './updateRuns.api';

/**
 * The API's transitions of a run: pure, on the document as read; each returns the next document, undefined when the
 * run is already there (a repeated request changes nothing), or throws ConflictError when the state forbids it.
 * The engine does the rest (see kickRun).
 */

export interface Actor {
  by: string;
  at: string;
}

function refuse(run: UpdateRun, action: string): never {
  throw new ConflictError(`Update run ${run.id} is ${run.status}: it cannot ${action}.`, 'RunStateConflict');
}

export function stopRun(run: UpdateRun, actor: Actor): UpdateRun | undefined {
  if (run.status === 'Stopping' || run.status === 'Stopped') return undefined;
  if (run.status === 'Completed' || run.status === 'Failed') refuse(run, 'be stopped');
  const stopped: UpdateRun =
    run.status === 'NotStarted'
      ? { ...run, status: 'Stopped', finishedAt: actor.at, statusReason: 'Stopped before it started.', ...cancelledPreflight(run, actor) }
      : { ...run, status: 'Stopping', statusReason: 'Stop requested: no member starts; running operations finish.' };
  return withEvent(stopped, { at: actor.at, kind: stopped.status === 'Stopped' ? 'Stopped' : 'Stopping', message: 'Stop requested.', by: actor.by });
}

/** A preflight still pending when the run stops is never done (its message finds the run Stopped). */
function cancelledPreflight(run: UpdateRun, actor: Actor): Partial<UpdateRun> {
  return run.preflight?.status === 'Pending' ? { preflight: { ...run.preflight, status: 'Cancelled', completedAt: actor.at } } : {};
}

export function resumeRun(run: UpdateRun, actor: Actor): UpdateRun | undefined {
  if (run.status === 'Running') return undefined;
  if (run.status === 'NotStarted') refuse(run, 'be resumed (start it)');
  if (run.status === 'Completed' || run.status === 'Failed') refuse(run, 'be resumed');
  const { finishedAt: _finished, statusReason: _reason, ...rest } = run;
  return withEvent({ ...rest, status: 'Running' }, { at: actor.at, kind: 'Resumed', message: `Resumed from ${run.status}.`, by: actor.by });
}

const NOT_STARTED: readonly RunMember['status'][] = ['NotStarted', 'Waiting'];

/** The members a skip names; 404 for a name the run does not have. */
export function membersToSkip(run: UpdateRun, target: SkipBody): RunMember[] {
  if (target.member) {
    const member = run.members.find((candidate) => candidate.clusterId.toLowerCase() === target.member?.toLowerCase());
    if (!member) throw new NotFoundError(`Member ${target.member} of update run ${run.id}`);
    return [member];
  }
  const stage = run.stages.find((candidate) => candidate.name === target.stage);
  if (!stage) throw new NotFoundError(`Stage ${target.stage} of update run ${run.id}`);
  if (target.group && !stage.groups.some((group) => group.name === target.group)) throw new NotFoundError(`Group ${target.stage}/${target.group} of update run ${run.id}`);
  return run.members.filter((member) => member.stage === stage.name && (target.group === undefined || member.group === target.group));
}

export function skipInRun(run: UpdateRun, target: SkipBody, actor: Actor): UpdateRun | undefined {
  if (isFinished(run.status)) refuse(run, 'skip anything');
  const named = membersToSkip(run, target);
  const started = named.filter((member) => !NOT_STARTED.includes(member.status) && member.status !== 'Skipped');
  if (started.length > 0) {
    throw new ConflictError(`Already started, cannot be skipped: ${started.map((member) => member.name).join(', ')}.`, 'AlreadyStarted');
  }
  const skipped = new Set(named.filter((member) => member.status !== 'Skipped').map((member) => member.clusterId));
  const groupSkipped = target.member === undefined;
  if (skipped.size === 0 && !groupSkipped) return undefined;
  const reason = `Skipped by ${actor.by}.`;
  const members = run.members.map((member) =>
    skipped.has(member.clusterId) ? { ...member, status: 'Skipped' as const, statusReason: reason, steps: member.steps.map((step) => ({ ...step, status: 'Skipped' as const })) } : member,
  );
  const stages = run.stages.map((stage) => {
    if (!groupSkipped || stage.name !== target.stage) return stage;
    const groups = stage.groups.map((group) => (target.group === undefined || group.name === target.group ? { ...group, status: 'Skipped' as const } : group));
    return { ...stage, groups, ...(target.group === undefined ? { status: 'Skipped' as const } : {}) };
  });
  const what = target.member ?? [target.stage, target.group].filter(Boolean).join('/');
  return withEvent({ ...run, members, stages }, { at: actor.at, kind: 'Skipped', message: `Skipped ${what}.`, by: actor.by, ...(target.stage ? { stage: target.stage } : {}), ...(target.group ? { group: target.group } : {}), ...(target.member ? { clusterId: target.member } : {}) });
}

/** The members a gate guards: those of its group, or of its stage. */
export function membersOfGate(run: UpdateRun, gateId: string): RunMember[] {
  const gate = run.gates.find((candidate) => candidate.id === gateId);
  if (!gate) throw new NotFoundError(`Gate ${gateId} of update run ${run.id}`);
  return run.members.filter((member) => member.stage === gate.placement.stage && (gate.placement.group === undefined || member.group === gate.placement.group));
}

export function approveGate(run: UpdateRun, gateId: string, actor: Actor): UpdateRun | undefined {
  const gate = run.gates.find((candidate) => candidate.id === gateId);
  if (!gate) throw new NotFoundError(`Gate ${gateId} of update run ${run.id}`);
  if (gate.definition.type !== 'Approval') throw new ConflictError(`Gate ${gateId} is a ${gate.definition.type} gate; only approval gates are approved.`, 'NotAnApprovalGate');
  if (gate.status === 'Approved') return undefined;
  if (isFinished(run.status)) refuse(run, 'take approvals');
  if (gate.status !== 'Pending' && gate.status !== 'Waiting') throw new ConflictError(`Gate ${gateId} is ${gate.status}.`, 'GateDecided');
  const gates = run.gates.map((candidate) => (candidate.id === gateId ? { ...candidate, status: 'Approved' as const, decidedAt: actor.at, decidedBy: actor.by } : candidate));
  return withEvent({ ...run, gates }, { at: actor.at, kind: 'GateApproved', message: `Gate ${gateId} approved.`, gateId, by: actor.by });
}

import type { AdvanceContext, OperationObservation } from './observations';
import type { RunAction } from './runActions';
import type { RunJournal } from './runEvents';
import { MAX_MEMBER_FAILURES, type RunMemberState, type RunState } from './runState';

/** A submission Azure never took (ARM's answer lost and the change not found) is tried again, this often at most. */
export const MAX_SUBMISSION_RETRIES = 3;
const NOT_APPLIED = 'SubmissionInterrupted';

/** Marks the member's current step as submitted under a fresh operation id (written before the runner is called). */
export function claimCurrentStep(member: RunMemberState, context: AdvanceContext, journal: RunJournal): RunAction[] {
  const step = member.steps[member.currentStep];
  if (!step) return [];
  step.status = 'Running';
  step.startedAt = context.now;
  step.operationId = context.newOperationId();
  delete step.finishedAt;
  delete step.error;
  journal.record({ kind: 'MemberStepStarted', clusterId: member.clusterId, stage: member.stage, group: member.group, message: `Step ${member.currentStep + 1} of ${member.steps.length}: ${describeStep(member, member.currentStep)}` });
  return [{ kind: 'submitStep', clusterId: member.clusterId, stepIndex: member.currentStep, operationId: step.operationId }];
}

export function describeStep(member: RunMemberState, index: number): string {
  const step = member.steps[index];
  if (!step) return 'done';
  const pools = Object.entries(step.nodePools ?? {}).map(([pool, version]) => `${pool} → ${version}`);
  if (step.rollback) return `roll back ${pools.join(', ')}`;
  if (step.nodeImage) return `node image of ${Object.keys(step.nodePools ?? {}).join(', ') || 'every pool'}`;
  return [step.controlPlane ? `control plane → ${step.controlPlane}` : undefined, ...pools].filter(Boolean).join(', ');
}

/**
 * Reads the outcome of every member step in flight. `mayContinue(member)` says whether a member whose step just
 * succeeded may submit its next one now (a paused or stopping run only finishes rollbacks).
 */
export function recordOperationOutcomes(run: RunState, context: AdvanceContext, journal: RunJournal, mayContinue: (member: RunMemberState) => boolean): RunAction[] {
  const actions: RunAction[] = [];
  for (const member of run.members) {
    const step = member.steps[member.currentStep];
    if (!step || step.status !== 'Running' || !step.operationId) continue;
    const observed: OperationObservation = context.operations[step.operationId] ?? { status: 'Missing' };
    if (observed.status === 'Missing') {
      // Claimed, but its record was never created: no ARM call can have happened under this id. Submit it now.
      actions.push({ kind: 'submitStep', clusterId: member.clusterId, stepIndex: member.currentStep, operationId: step.operationId });
    } else if (observed.status === 'Succeeded') {
      actions.push(...stepSucceeded(run, member, context, journal, mayContinue(member)));
    } else if (observed.status === 'Failed' || observed.status === 'Canceled') {
      stepFailed(run, member, observed.error ?? { code: observed.status, message: `The operation ended ${observed.status}.` }, context, journal);
    }
  }
  for (const member of run.members) {
    const step = member.steps[member.currentStep];
    // A step put back (not applied), or held while the run was paused: submitted again when allowed.
    if (member.status === 'Running' && step?.status === 'Pending' && (mayContinue(member) || step.rollback)) actions.push(...claimCurrentStep(member, context, journal));
  }
  return actions;
}

function stepSucceeded(run: RunState, member: RunMemberState, context: AdvanceContext, journal: RunJournal, mayContinue: boolean): RunAction[] {
  const step = member.steps[member.currentStep]!;
  step.status = 'Succeeded';
  step.finishedAt = context.now;
  journal.record({ kind: 'MemberStepSucceeded', clusterId: member.clusterId, stage: member.stage, group: member.group, message: describeStep(member, member.currentStep) });
  member.currentStep += 1;
  if (member.currentStep >= member.steps.length) {
    finishMember(member, context, journal);
    return [];
  }
  const next = member.steps[member.currentStep]!;
  return mayContinue || next.rollback ? claimCurrentStep(member, context, journal) : [];
}

function finishMember(member: RunMemberState, context: AdvanceContext, journal: RunJournal): void {
  const rolledBack = member.steps.some((step) => step.rollback);
  member.finishedAt = context.now;
  if (rolledBack) {
    member.status = 'RolledBack';
    member.statusReason = 'Its node pools went back to their previous version after a failed health gate.';
    journal.record({ kind: 'MemberRolledBack', clusterId: member.clusterId, stage: member.stage, group: member.group, message: member.statusReason });
  } else {
    member.status = 'Succeeded';
    delete member.statusReason;
    journal.record({ kind: 'MemberSucceeded', clusterId: member.clusterId, stage: member.stage, group: member.group, message: 'Upgraded' });
  }
}

function stepFailed(run: RunState, member: RunMemberState, error: { code: string; message: string }, context: AdvanceContext, journal: RunJournal): void {
  const step = member.steps[member.currentStep]!;
  const retries = member.failures.filter((failure) => failure.code === NOT_APPLIED).length;
  if (error.code === NOT_APPLIED && retries < MAX_SUBMISSION_RETRIES) {
    // Azure never took it: the same step goes again under a new operation id on the next advance.
    addFailure(member, { at: context.now, code: error.code, message: error.message });
    step.status = 'Pending';
    delete step.operationId;
    return;
  }
  step.status = 'Failed';
  step.finishedAt = context.now;
  step.error = `${error.code}: ${error.message}`.slice(0, 500);
  // AKS's answer is what ended the roll: a drain a PodDisruptionBudget refused (nodes read since may look otherwise).
  if (member.rolling && isDrainRefusedByPdb(error)) member.rolling = { ...member.rolling, drain: 'BlockedByPdb', updatedAt: context.now };
  for (const later of member.steps.slice(member.currentStep + 1)) later.status = 'Skipped';
  const wasRollingBack = step.rollback === true;
  failMember(run, member, error, context, journal, { counted: !wasRollingBack });
}

/** AKS's drain failures (`PodDrainFailure`, or an upgrade failed on a restrictive Pod Disruption Budget). */
function isDrainRefusedByPdb(error: { code: string; message: string }): boolean {
  return error.code === 'PodDrainFailure' || /pod disruption budget|disruption budget/i.test(error.message);
}

/** The member ends Failed; `counted` adds it to its group's failures (a rollback failing after a counted failure is not counted again). */
export function failMember(run: RunState, member: RunMemberState, error: { code: string; message: string }, context: AdvanceContext, journal: RunJournal, options: { counted: boolean }): void {
  member.status = 'Failed';
  member.statusReason = `${error.code}: ${error.message}`.slice(0, 500);
  member.finishedAt = context.now;
  addFailure(member, { at: context.now, code: error.code, message: error.message });
  if (options.counted) {
    const group = run.stages.find((stage) => stage.name === member.stage)?.groups.find((g) => g.name === member.group);
    if (group) group.failureCount += 1;
  }
  journal.record({ kind: 'MemberFailed', clusterId: member.clusterId, stage: member.stage, group: member.group, message: member.statusReason });
  journal.announce('fleetplane.updateRun.memberFailed', `memberFailed:${member.clusterId.toLowerCase()}:${member.currentStep}:${error.code}`, {
    clusterId: member.clusterId,
    stage: member.stage,
    group: member.group,
    code: error.code,
    message: error.message.slice(0, 500),
  });
}

function addFailure(member: RunMemberState, failure: { at: string; code: string; message: string }): void {
  member.failures = [...member.failures, { ...failure, code: failure.code.slice(0, 80), message: failure.message.slice(0, 500) }].slice(-MAX_MEMBER_FAILURES);
}

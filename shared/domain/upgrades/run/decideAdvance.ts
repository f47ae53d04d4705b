import { gatesAt } from './gateScope';
import { passGates, type GatesOutcome } from './gateDecisions';
import { progressGroup } from './groupProgress';
import { claimCurrentStep, failMember, recordOperationOutcomes } from './memberProgress';
import { recordRollingReads, refreshMemberProgress } from './memberEta';
import { hasOperationInFlight } from './memberSelection';
import type { AdvanceContext } from './observations';
import type { RunAction } from './runActions';
import { RunJournal } from './runEvents';
import type { FleetEventDraft } from '../../events';
import type { RunEventState, RunStageState, RunState } from './runState';

export interface AdvanceDecision {
  /** Steps to submit, each already recorded (claimed) in the run. */
  actions: RunAction[];
  /** Run events added to the run's log by this decision (also for the audit trail). */
  events: RunEventState[];
  /** Fleetplane events to emit, each with a dedupeKey. */
  announcements: FleetEventDraft[];
  /** Whether the decision changed the run at all. */
  changed: boolean;
}

const TERMINAL_STAGE = new Set(['Completed', 'Failed', 'Skipped', 'Stopped']);
const TERMINAL_GROUP = TERMINAL_STAGE;

/**
 * One advance of a run, decided purely from the run and what was just observed. It changes `draft` in place
 * (pass a copy of the stored run) and returns the side effects to perform after the change is written:
 * 0. node progress read this advance goes into the members' rolling picture;
 * 1. outcomes of operations in flight are recorded (a member's next step is claimed at once);
 * 2. a Stopping run stops once nothing is in flight; a Paused one only finishes rollbacks;
 * 3. a Running run moves through its stages in order: before-stage gates, groups (≤ the stage's maxConcurrency
 *    at once; before-group gates, members by window, ≤ the group's maxConcurrency, after-group gates), after-stage
 *    gates, the after-stage wait, the next stage; a failed health gate fails its members (rolled back when the
 *    strategy asks) and pauses the run.
 */
export function decideAdvance(draft: RunState, context: AdvanceContext): AdvanceDecision {
  const before = JSON.stringify(draft);
  const journal = new RunJournal(draft, context.now);
  const running = draft.status === 'Running';
  recordRollingReads(draft.members, context.rolling ?? {}, context.operations);
  const actions = recordOperationOutcomes(draft, context, journal, () => running);
  if (draft.status === 'Stopping') stopWhenIdle(draft, context, journal);
  else if (draft.status === 'Running') actions.push(...advanceStages(draft, context, journal));
  for (const member of draft.members) refreshMemberProgress(member, context.now);
  return { actions, events: journal.recorded, announcements: journal.announcements, changed: JSON.stringify(draft) !== before };
}

function stopWhenIdle(run: RunState, context: AdvanceContext, journal: RunJournal): void {
  if (run.members.some(hasOperationInFlight)) return;
  for (const member of run.members) {
    if (member.status === 'NotStarted' || member.status === 'Waiting' || member.status === 'Running') {
      member.status = 'Stopped';
      member.statusReason = 'The run was stopped.';
    }
  }
  for (const stage of run.stages) {
    for (const group of stage.groups) if (!TERMINAL_GROUP.has(group.status)) group.status = 'Stopped';
    if (!TERMINAL_STAGE.has(stage.status)) stage.status = 'Stopped';
  }
  run.status = 'Stopped';
  run.finishedAt = context.now;
  journal.record({ kind: 'Stopped', message: 'Stopped: no operation is in flight any more.' });
  journal.announce('fleetplane.updateRun.completed', 'finished', { status: 'Stopped' });
}

function advanceStages(run: RunState, context: AdvanceContext, journal: RunJournal): RunAction[] {
  if (run.stages.every((stage) => stage.status === 'NotStarted' || stage.status === 'Skipped')) {
    // The first advance of a started run (the API logged 'Started' when it froze the members).
    if (!run.events.some((event) => event.kind === 'Started')) journal.record({ kind: 'Started', message: `Started with ${run.members.length} member(s) in ${run.stages.length} stage(s)` });
    journal.announce('fleetplane.updateRun.started', 'started', { members: run.members.length, stages: run.stages.map((stage) => stage.name) });
  }
  const actions: RunAction[] = [];
  for (const stage of run.stages) {
    if (TERMINAL_STAGE.has(stage.status) && stage.status !== 'Failed') continue;
    if (stage.status === 'Failed') {
      finishRun(run, 'Failed', `Stage ${stage.name} failed.`, context, journal);
      return actions;
    }
    const outcome = advanceStage(run, stage, context, journal, actions);
    if (outcome.kind === 'failed') pauseForFailedGate(run, outcome, context, journal, actions);
    if (stage.status !== 'Completed') return actions;
  }
  if (run.stages.every((stage) => stage.status === 'Completed' || stage.status === 'Skipped')) {
    finishRun(run, 'Completed', undefined, context, journal);
  }
  return actions;
}

function advanceStage(run: RunState, stage: RunStageState, context: AdvanceContext, journal: RunJournal, actions: RunAction[]): GatesOutcome {
  if (stage.status === 'NotStarted' || stage.status === 'Waiting') {
    const gates = passGates(run, gatesAt(run, stage.name, undefined, 'before'), context, journal);
    if (gates.kind !== 'passed') {
      stage.status = 'Waiting';
      return gates;
    }
    stage.status = 'Running';
    stage.startedAt = context.now;
    journal.record({ kind: 'StageStarted', stage: stage.name, message: `${stage.groups.length} group(s)` });
  }
  let runningGroups = stage.groups.filter((group) => group.status === 'Running').length;
  for (const group of stage.groups) {
    if (group.status === 'NotStarted' || group.status === 'Waiting') {
      if (runningGroups >= stage.maxConcurrency) continue;
      const gates = passGates(run, gatesAt(run, stage.name, group.name, 'before'), context, journal);
      if (gates.kind === 'failed') return gates;
      if (gates.kind === 'waiting') {
        group.status = 'Waiting';
        continue;
      }
      group.status = 'Running';
      group.startedAt = context.now;
      runningGroups += 1;
      journal.record({ kind: 'GroupStarted', stage: stage.name, group: group.name, message: `maxConcurrency ${group.maxConcurrency}, maxAllowedFailures ${group.maxAllowedFailures}` });
    }
    if (group.status === 'Running') {
      const step = progressGroup(run, stage, group, context, journal);
      actions.push(...step.actions);
      if (step.failedGate) return step.failedGate;
    }
  }
  if (!stage.groups.every((group) => TERMINAL_GROUP.has(group.status))) return { kind: 'waiting' };
  if (stage.groups.some((group) => group.status === 'Failed')) {
    stage.status = 'Failed';
    stage.finishedAt = context.now;
    finishRun(run, 'Failed', `Stage ${stage.name} failed: a group had more failures than it allows.`, context, journal);
    return { kind: 'waiting' };
  }
  const gates = passGates(run, gatesAt(run, stage.name, undefined, 'after'), context, journal);
  if (gates.kind !== 'passed') return gates;
  if (stage.afterStageWaitInSeconds > 0) {
    stage.waitUntil ??= new Date(Date.parse(context.now) + stage.afterStageWaitInSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (Date.parse(context.now) < Date.parse(stage.waitUntil)) return { kind: 'waiting' };
  }
  stage.status = 'Completed';
  stage.finishedAt = context.now;
  journal.record({ kind: 'StageCompleted', stage: stage.name, message: 'Completed' });
  return { kind: 'passed' };
}

/**
 * A failed health gate: its failing members fail (counted against their groups) and, when the strategy asks,
 * roll their node pools back to the versions they had when the run planned them; the run pauses.
 */
function pauseForFailedGate(run: RunState, outcome: Extract<GatesOutcome, { kind: 'failed' }>, context: AdvanceContext, journal: RunJournal, actions: RunAction[]): void {
  const rollback = run.request.strategy?.rollbackOnFailedHealthGate === true;
  for (const member of outcome.members) {
    const reasons = outcome.gate.observations.find((o) => o.clusterId.toLowerCase() === member.clusterId.toLowerCase())?.reasons ?? [];
    failMember(run, member, { code: 'HealthGateFailed', message: `Health gate ${outcome.gate.id}: ${reasons.join('; ') || 'condition not met'}` }, context, journal, { counted: true });
    const rollbackSteps = rollback ? rollbackStepsOf(member) : [];
    if (rollbackSteps.length > 0) {
      member.steps = [...member.steps, ...rollbackSteps].slice(-12);
      member.currentStep = member.steps.length - rollbackSteps.length;
      member.status = 'Running';
      member.statusReason = 'Rolling its node pools back after a failed health gate.';
      delete member.finishedAt;
      actions.push(...claimCurrentStep(member, context, journal));
    }
  }
  run.status = 'Paused';
  run.statusReason = `Health gate ${outcome.gate.id} failed${rollback ? '; failing members are rolled back' : ''}. Resume to continue.`;
  journal.record({ kind: 'Paused', gateId: outcome.gate.id, message: run.statusReason });
}

/** One rollback step per pool that moved during the run, back to the version it had when planned. */
function rollbackStepsOf(member: RunState['members'][number]): RunState['members'][number]['steps'] {
  const from = member.from?.nodePools ?? {};
  const moved = new Set(member.steps.filter((step) => step.status === 'Succeeded' && !step.rollback).flatMap((step) => Object.keys(step.nodePools ?? {})));
  return Object.entries(from)
    .filter(([pool]) => moved.has(pool))
    .map(([pool, version]) => ({ nodePools: { [pool]: version }, rollback: true, status: 'Pending' as const }));
}

function finishRun(run: RunState, status: 'Completed' | 'Failed', reason: string | undefined, context: AdvanceContext, journal: RunJournal): void {
  run.status = status;
  run.finishedAt = context.now;
  if (reason) run.statusReason = reason;
  const counts = countMembers(run);
  journal.record({ kind: status, message: reason ?? `Completed: ${JSON.stringify(counts)}` });
  journal.announce('fleetplane.updateRun.completed', 'finished', { status, members: counts });
}

function countMembers(run: RunState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const member of run.members) counts[member.status] = (counts[member.status] ?? 0) + 1;
  return counts;
}

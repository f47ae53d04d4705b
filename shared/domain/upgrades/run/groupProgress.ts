import { maintenanceWindowOccurrences } from '../maintenanceWindow';
import { orderMembersByWindow } from '../memberOrder';
import { gatesAt } from './gateScope';
import { passGates, type GatesOutcome } from './gateDecisions';
import { claimCurrentStep } from './memberProgress';
import { membersOfGroup } from './memberSelection';
import type { AdvanceContext } from './observations';
import type { RunAction } from './runActions';
import type { RunJournal } from './runEvents';
import { isMemberFinished, type RunGroupState, type RunMemberState, type RunMemberWindow, type RunStageState, type RunState } from './runState';

export interface GroupStep {
  actions: RunAction[];
  /** A gate of the group failed (the run pauses). */
  failedGate?: Extract<GatesOutcome, { kind: 'failed' }>;
}

/**
 * One look at a running group: members start in window order while fewer than maxConcurrency run; once every
 * member is done, the after-group gates, then the group's outcome (Failed when failures exceed maxAllowedFailures).
 */
export function progressGroup(run: RunState, stage: RunStageState, group: RunGroupState, context: AdvanceContext, journal: RunJournal): GroupStep {
  const members = membersOfGroup(run, stage.name, group.name);
  const tooManyFailures = group.failureCount > group.maxAllowedFailures;
  const actions = tooManyFailures ? [] : startMembers(members, group, context, journal);
  if (tooManyFailures) skipUnstarted(members, 'Its group failed: more members failed than maxAllowedFailures allows.', context);
  if (!members.every(isMemberFinished)) return { actions };

  const gates = tooManyFailures ? { kind: 'passed' as const } : passGates(run, gatesAt(run, stage.name, group.name, 'after'), context, journal);
  if (gates.kind === 'failed') return { actions, failedGate: gates };
  if (gates.kind === 'waiting') return { actions };
  const failed = group.failureCount > group.maxAllowedFailures;
  group.status = failed ? 'Failed' : 'Completed';
  group.finishedAt = context.now;
  journal.record({
    kind: failed ? 'GroupFailed' : 'GroupCompleted',
    stage: stage.name,
    group: group.name,
    message: `${group.failureCount} of ${members.length} member(s) failed; ${group.maxAllowedFailures} allowed`,
  });
  return { actions };
}

function startMembers(members: RunMemberState[], group: RunGroupState, context: AdvanceContext, journal: RunJournal): RunAction[] {
  let running = members.filter((m) => m.status === 'Running').length;
  const candidates = members.filter((m) => (m.status === 'NotStarted' || m.status === 'Waiting') && context.windows[m.clusterId.toLowerCase()] !== undefined);
  const byId = new Map(candidates.map((m) => [m.clusterId, m]));
  const order = orderMembersByWindow({
    now: context.now,
    members: candidates.map((m) => ({ name: m.clusterId, maintenanceWindow: context.windows[m.clusterId.toLowerCase()]!.maintenanceWindow })),
  });
  const actions: RunAction[] = [];
  for (const clusterId of order) {
    const member = byId.get(clusterId)!;
    const window = windowNow(context.windows[clusterId.toLowerCase()]!.maintenanceWindow, context.now);
    member.window = window;
    if (window.hasWindow && !window.open) {
      waitForWindow(member, window, journal);
      continue;
    }
    if (running >= group.maxConcurrency) {
      member.statusReason = CONCURRENCY_REASON;
      continue;
    }
    running += 1;
    actions.push(...startMember(member, context, journal));
  }
  return actions;
}

const CONCURRENCY_REASON = 'Waiting for a free slot (maxConcurrency of its group).';

function waitForWindow(member: RunMemberState, window: RunMemberWindow, journal: RunJournal): void {
  const reason = window.opensAt ? `Maintenance window closed; it opens at ${window.opensAt}.` : 'Maintenance window closed and no opening is known.';
  if (member.status !== 'Waiting') {
    member.status = 'Waiting';
    journal.record({ kind: 'GateWaiting', clusterId: member.clusterId, stage: member.stage, group: member.group, message: reason });
  }
  member.statusReason = reason;
}

function startMember(member: RunMemberState, context: AdvanceContext, journal: RunJournal): RunAction[] {
  member.status = 'Running';
  member.startedAt = context.now;
  delete member.statusReason;
  journal.record({ kind: 'MemberStarted', clusterId: member.clusterId, stage: member.stage, group: member.group, message: `${member.steps.length} step(s)` });
  if (member.steps.length === 0 || member.currentStep >= member.steps.length) {
    member.status = 'Succeeded';
    member.finishedAt = context.now;
    member.statusReason = 'Already at the target.';
    journal.record({ kind: 'MemberSucceeded', clusterId: member.clusterId, stage: member.stage, group: member.group, message: member.statusReason });
    return [];
  }
  return claimCurrentStep(member, context, journal);
}

function skipUnstarted(members: RunMemberState[], reason: string, context: AdvanceContext): void {
  for (const member of members) {
    if (member.status !== 'NotStarted' && member.status !== 'Waiting') continue;
    member.status = 'Skipped';
    member.statusReason = reason;
    member.finishedAt = context.now;
  }
}

/** Whether the member's window is open now, and when it opens or closes. A window that cannot be read is closed. */
export function windowNow(maintenanceWindow: unknown, now: string): RunMemberWindow {
  if (maintenanceWindow === null || maintenanceWindow === undefined) return { hasWindow: false, open: true };
  const schedule = maintenanceWindowOccurrences({ maintenanceWindow, now, count: 1 });
  if (!schedule.ok) return { hasWindow: true, open: false };
  if (schedule.open && schedule.current) return { hasWindow: true, open: true, opensAt: schedule.current.start, closesAt: schedule.current.end };
  const next = schedule.next[0];
  return { hasWindow: true, open: false, ...(next ? { opensAt: next.start, closesAt: next.end } : {}) };
}

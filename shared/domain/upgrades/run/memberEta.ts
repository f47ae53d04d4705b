import type { OperationObservation } from './observations';
import { applyRollingUpdate, type RollingUpdate } from './rollingProgress';
import { isMemberFinished, type RunMemberState } from './runState';

const MINUTE_MS = 60_000;

/**
 * The member's live progress fields after an advance: `operationId` names the step running now; `eta` is when the
 * member should be done — the running step's end (its start plus its estimate, or now when overdue) plus the
 * estimates of the steps after it, rounded up to the minute. Without step estimates: the member's start plus its
 * estimated minutes. A finished member keeps neither; its roll, when it succeeded, is finalised as Done.
 */
export function refreshMemberProgress(member: RunMemberState, now: string): void {
  if (isMemberFinished(member)) {
    delete member.operationId;
    delete member.eta;
    if (member.rolling && (member.status === 'Succeeded' || member.status === 'RolledBack')) {
      member.rolling = applyRollingUpdate(member.rolling, { pool: member.rolling.pool, drain: 'Done', at: member.finishedAt ?? now });
    }
    return;
  }
  const step = member.steps[member.currentStep];
  if (member.status !== 'Running' || step?.status !== 'Running' || !step.operationId) {
    delete member.operationId;
    return;
  }
  member.operationId = step.operationId;
  const eta = memberEta(member, now);
  if (eta === undefined) delete member.eta;
  else member.eta = eta;
}

export function memberEta(member: RunMemberState, now: string): string | undefined {
  const step = member.steps[member.currentStep];
  const later = member.steps.slice(member.currentStep + 1).filter((s) => s.status === 'Pending');
  const nowMs = Date.parse(now);
  if (step?.startedAt && step.estimatedSeconds !== undefined && later.every((s) => s.estimatedSeconds !== undefined)) {
    const stepEnd = Math.max(nowMs, Date.parse(step.startedAt) + step.estimatedSeconds * 1000);
    return minuteCeiling(stepEnd + later.reduce((total, s) => total + (s.estimatedSeconds ?? 0) * 1000, 0));
  }
  if (member.startedAt && member.estimatedMinutes !== undefined) return minuteCeiling(Math.max(nowMs, Date.parse(member.startedAt) + member.estimatedMinutes * MINUTE_MS));
  return undefined;
}

const ENDED: ReadonlySet<OperationObservation['status']> = new Set(['Succeeded', 'Failed', 'Canceled', 'Missing']);

/**
 * Node progress read this advance (by lower-cased cluster id) applied to the members whose step runs. A member whose
 * step's operation is seen ended in this same advance keeps the picture it had while it ran: nodes read after the end
 * (a drain given up, say) would no longer say what happened.
 */
export function recordRollingReads(members: readonly RunMemberState[], reads: Readonly<Record<string, RollingUpdate>>, operations: Readonly<Record<string, OperationObservation>> = {}): void {
  for (const member of members) {
    const read = reads[member.clusterId.toLowerCase()];
    const operationId = member.steps[member.currentStep]?.operationId;
    const ended = operationId !== undefined && operations[operationId] !== undefined && ENDED.has(operations[operationId].status);
    if (read && member.status === 'Running' && !ended) member.rolling = applyRollingUpdate(member.rolling, read);
  }
}

function minuteCeiling(ms: number): string {
  return new Date(Math.ceil(ms / MINUTE_MS) * MINUTE_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

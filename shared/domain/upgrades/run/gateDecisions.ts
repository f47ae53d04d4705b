import { scheduledStartTime } from '../scheduledStart';
import { healthGateScope } from './gateScope';
import type { AdvanceContext, HealthReading } from './observations';
import type { RunJournal } from './runEvents';
import { MAX_GATE_OBSERVATIONS, type GateDefinitionState, type HealthObservationState, type RunGateState, type RunMemberState, type RunState } from './runState';

const HEALTH_RANK = { Healthy: 0, Unknown: 1, Degraded: 2, Unhealthy: 3 } as const;

export type GatesOutcome = { kind: 'passed' } | { kind: 'waiting' } | { kind: 'failed'; gate: RunGateState; members: RunMemberState[] };

/** Gates in order: the first that is not through decides (a failed health gate was settled when it failed). */
export function passGates(run: RunState, gates: readonly RunGateState[], context: AdvanceContext, journal: RunJournal): GatesOutcome {
  for (const gate of gates) {
    const outcome = evaluateGate(run, gate, context, journal);
    if (outcome.kind !== 'passed') return outcome;
  }
  return { kind: 'passed' };
}

function evaluateGate(run: RunState, gate: RunGateState, context: AdvanceContext, journal: RunJournal): GatesOutcome {
  if (gate.status === 'Passed' || gate.status === 'Approved' || gate.status === 'Skipped' || gate.status === 'Failed') return { kind: 'passed' };
  if (gate.status === 'Pending') startWaiting(run, gate, context, journal);
  switch (gate.definition.type) {
    case 'Approval':
      return { kind: 'waiting' };
    case 'ScheduledStart':
      if (gate.opensAt !== undefined && Date.parse(context.now) >= Date.parse(gate.opensAt)) {
        pass(gate, context, journal, `Scheduled start ${gate.opensAt} reached`);
        return { kind: 'passed' };
      }
      return { kind: 'waiting' };
    case 'Health':
      return evaluateHealthGate(run, gate, gate.definition, context, journal);
  }
}

function startWaiting(run: RunState, gate: RunGateState, context: AdvanceContext, journal: RunJournal): void {
  gate.status = 'Waiting';
  gate.waitingSince = context.now;
  const definition = gate.definition;
  if (definition.type === 'ScheduledStart') {
    gate.opensAt = scheduledStartTime({ startDay: definition.startDay, startTime: definition.startTime, utcOffset: definition.utcOffset, reachedAt: context.now });
  } else if (definition.type === 'Health') {
    gate.opensAt = new Date(Date.parse(context.now) + definition.soakSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const message = `${definition.type} gate ${gate.id} is waiting${gate.opensAt ? ` (until ${gate.opensAt} at the earliest)` : ''}`;
  journal.record({ kind: 'GateWaiting', gateId: gate.id, stage: gate.placement.stage, group: gate.placement.group, message });
  journal.announce('fleetplane.updateRun.gateWaiting', `gateWaiting:${gate.id}`, { gateId: gate.id, gateType: definition.type, placement: gate.placement, ...(gate.opensAt ? { opensAt: gate.opensAt } : {}) });
}

function pass(gate: RunGateState, context: AdvanceContext, journal: RunJournal, message: string): void {
  gate.status = 'Passed';
  gate.decidedAt = context.now;
  gate.decidedBy = 'system';
  gate.message = message;
  journal.record({ kind: 'GatePassed', gateId: gate.id, stage: gate.placement.stage, group: gate.placement.group, message });
}

/**
 * The condition must hold for every member in scope at every check from the gate's start until its soak ends
 * (`opensAt`); one failing check, or an alert that fires on a member meanwhile, fails the gate.
 */
function evaluateHealthGate(run: RunState, gate: RunGateState, definition: Extract<GateDefinitionState, { type: 'Health' }>, context: AdvanceContext, journal: RunJournal): GatesOutcome {
  const scope = healthGateScope(run, gate);
  // A failing observation already on a waiting gate was recorded by an alert that fired (onAlert).
  const alerted = new Set(gate.observations.filter((o) => !o.passed).map((o) => o.clusterId.toLowerCase()));
  const failing: RunMemberState[] = [];
  let unobserved = 0;
  for (const member of scope) {
    const key = member.clusterId.toLowerCase();
    if (alerted.has(key)) {
      failing.push(member);
      continue;
    }
    const reading = context.health[key];
    if (!reading) {
      unobserved += 1;
      continue;
    }
    const observation = judge(member.clusterId, reading, definition, context.now);
    recordObservation(gate, observation);
    if (!observation.passed) failing.push(member);
  }
  if (failing.length > 0) {
    gate.status = 'Failed';
    gate.decidedAt = context.now;
    gate.decidedBy = 'system';
    gate.message = `Health condition failed on ${failing.map((m) => m.name).join(', ')}`.slice(0, 500);
    journal.record({ kind: 'GateFailed', gateId: gate.id, stage: gate.placement.stage, group: gate.placement.group, message: gate.message });
    return { kind: 'failed', gate, members: failing };
  }
  const soaked = gate.opensAt !== undefined && Date.parse(context.now) >= Date.parse(gate.opensAt);
  if (soaked && unobserved === 0) {
    pass(gate, context, journal, scope.length === 0 ? 'No upgraded member to check' : `Healthy for ${definition.soakSeconds}s on ${scope.length} member(s)`);
    return { kind: 'passed' };
  }
  return { kind: 'waiting' };
}

/** One check of a member: its overall status no worse than `worstStatus`, every condition's signal read and within bounds. */
export function judge(clusterId: string, reading: HealthReading, definition: Extract<GateDefinitionState, { type: 'Health' }>, at: string): HealthObservationState {
  const reasons: string[] = [];
  if (HEALTH_RANK[reading.status] > HEALTH_RANK[definition.worstStatus]) {
    reasons.push(`Status ${reading.status} is worse than ${definition.worstStatus}${reading.reasons.length > 0 ? `: ${reading.reasons.slice(0, 3).join('; ')}` : ''}`);
  }
  for (const condition of definition.conditions) {
    const value = reading.signals[condition.signal];
    if (value === undefined) reasons.push(`${condition.signal} could not be read`);
    else if (value > condition.atMost) reasons.push(`${condition.signal} is ${value}, above ${condition.atMost}`);
  }
  return { clusterId, at, status: reading.status, passed: reasons.length === 0, reasons: reasons.map((r) => r.slice(0, 300)).slice(0, 10) };
}

/** An alert that fired on a member fails every waiting health gate that checks it (recorded as a failing observation). */
export function recordFiredAlert(run: RunState, alert: { clusterId: string; alertRule: string; firedAt: string; severity: string }): RunGateState[] {
  const hit = run.gates.filter(
    (gate) => gate.definition.type === 'Health' && gate.status === 'Waiting' && healthGateScope(run, gate).some((m) => m.clusterId.toLowerCase() === alert.clusterId.toLowerCase()),
  );
  for (const gate of hit) {
    recordObservation(gate, { clusterId: alert.clusterId, at: alert.firedAt, status: 'Unhealthy', passed: false, reasons: [`Alert ${alert.alertRule} (${alert.severity}) fired at ${alert.firedAt}`.slice(0, 300)] });
  }
  return hit;
}

/** Keeps the latest observation per member, bounded. */
function recordObservation(gate: RunGateState, observation: HealthObservationState): void {
  const others = gate.observations.filter((o) => o.clusterId.toLowerCase() !== observation.clusterId.toLowerCase());
  gate.observations = [...others, observation].slice(-MAX_GATE_OBSERVATIONS);
}

import { describe, expect, it } from 'vitest';
import { decideAdvance, observationNeeds, recordFiredAlert, type AdvanceContext, type RunGateState, type RunMemberState, type RunState } from '../../../shared/domain/upgrades/run';

const SUB = '00000000-0000-0000-0000-000000000000';
const id = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;

function member(name: string, stage: string, group: string, hops = 1): RunMemberState {
  return {
    clusterId: id(name),
    name,
    stage,
    group,
    status: 'NotStarted',
    from: { controlPlane: '1.34.3', nodePools: { system: '1.34.3' } },
    steps: Array.from({ length: hops }, (_, i) => ({ controlPlane: `1.3${5 + i}.1`, nodePools: { system: `1.3${5 + i}.1` }, status: 'Pending' as const })),
    currentStep: 0,
    failures: [],
  };
}

function run(members: RunMemberState[], gates: RunGateState[] = [], options: { groupConcurrency?: number; allowedFailures?: number; rollback?: boolean } = {}): RunState {
  const stages = [...new Set(members.map((m) => m.stage))].map((stage) => ({
    name: stage,
    status: 'NotStarted' as const,
    maxConcurrency: 50,
    afterStageWaitInSeconds: 0,
    groups: [...new Set(members.filter((m) => m.stage === stage).map((m) => m.group))].map((group) => ({
      name: group,
      status: 'NotStarted' as const,
      maxConcurrency: options.groupConcurrency ?? 1,
      maxAllowedFailures: options.allowedFailures ?? 0,
      failureCount: 0,
    })),
  }));
  return { id: 'run1', status: 'Running', request: { strategy: { rollbackOnFailedHealthGate: options.rollback ?? false } }, stages, gates, members, events: [], eventsDropped: 0 };
}

/** Runs advances against a fake world in which every submitted operation succeeds at the next advance. */
class World {
  now = Date.parse('2026-12-07T10:00:00Z');
  next = 0;
  readonly operations: AdvanceContext['operations'] = {};
  readonly windows: AdvanceContext['windows'] = {};
  readonly health: AdvanceContext['health'] = {};
  readonly submitted: string[] = [];
  failing = new Set<string>();

  constructor(readonly state: RunState) {
    for (const m of state.members) this.windows[m.clusterId.toLowerCase()] = { maintenanceWindow: null };
  }

  advance(seconds = 60) {
    this.now += seconds * 1000;
    const needs = observationNeeds(this.state);
    const context: AdvanceContext = {
      now: new Date(this.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      newOperationId: () => `op${(this.next += 1)}`,
      operations: Object.fromEntries(needs.operationIds.map((opId) => [opId, this.operations[opId] ?? { status: 'Missing' as const }])),
      windows: this.windows,
      health: this.health,
    };
    const decision = decideAdvance(this.state, context);
    for (const action of decision.actions) {
      this.submitted.push(`${action.clusterId.split('/').pop()}#${action.stepIndex}`);
      const cluster = action.clusterId.split('/').pop()!;
      this.operations[action.operationId] = this.failing.has(cluster) ? { status: 'Failed', error: { code: 'UpgradeFailed', message: `drain failed ${'x'.repeat(600)}` } } : { status: 'Succeeded' };
    }
    return decision;
  }

  until(done: (s: RunState) => boolean, max = 100) {
    for (let i = 0; i < max && !done(this.state); i += 1) this.advance();
    return this.state;
  }
}

describe('decideAdvance (the update-run state machine)', () => {
  it('runs stages in order and every member step once, one member at a time per group', () => {
    const world = new World(run([member('a1', 's1', 'g'), member('a2', 's1', 'g', 2), member('b1', 's2', 'g')]));
    const first = world.advance();
    expect(first.announcements.map((a) => a.type)).toEqual(['fleetplane.updateRun.started']);
    expect(world.submitted).toEqual(['a1#0']);
    world.until((s) => s.status !== 'Running');
    expect(world.state.status).toBe('Completed');
    expect(world.submitted).toEqual(['a1#0', 'a2#0', 'a2#1', 'b1#0']);
    expect(world.state.members.map((m) => m.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(world.state.events.filter((e) => e.kind === 'StageCompleted').map((e) => e.stage)).toEqual(['s1', 's2']);
  });

  it('never lets two members of a group exceed maxConcurrency, and never two operations on one member', () => {
    const world = new World(run(['c1', 'c2', 'c3', 'c4', 'c5'].map((n) => member(n, 's1', 'g', 2)), [], { groupConcurrency: 2 }));
    for (let i = 0; i < 30 && world.state.status === 'Running'; i += 1) {
      world.advance();
      expect(world.state.members.filter((m) => m.status === 'Running').length).toBeLessThanOrEqual(2);
      for (const m of world.state.members) expect(m.steps.filter((s) => s.status === 'Running').length).toBeLessThanOrEqual(1);
    }
    expect(world.state.status).toBe('Completed');
    expect(new Set(world.submitted).size).toBe(world.submitted.length);
  });

  it('re-submits a claimed step whose operation record is missing under the same id, and never a step in flight', () => {
    const world = new World(run([member('a1', 's1', 'g')]));
    const first = world.advance();
    const opId = first.actions[0]!.operationId;
    delete world.operations[opId]; // the host died between the claim and the runner's record
    const again = world.advance();
    expect(again.actions).toEqual([{ kind: 'submitStep', clusterId: id('a1'), stepIndex: 0, operationId: opId }]);
    world.operations[opId] = { status: 'InProgress' };
    expect(world.advance().actions).toEqual([]);
  });

  it('counts failures against maxAllowedFailures: within it the group completes, beyond it the run fails', () => {
    const tolerant = new World(run([member('a1', 's1', 'g'), member('a2', 's1', 'g')], [], { allowedFailures: 1 }));
    tolerant.failing.add('a1');
    tolerant.until((s) => s.status !== 'Running');
    expect(tolerant.state.events.every((event) => event.message.length <= 300)).toBe(true);
    expect(tolerant.state.status).toBe('Completed');
    expect(tolerant.state.members.map((m) => m.status)).toEqual(['Failed', 'Succeeded']);

    const strict = new World(run([member('a1', 's1', 'g'), member('a2', 's1', 'g'), member('b1', 's2', 'g')]));
    strict.failing.add('a1');
    const decisions = [];
    for (let i = 0; i < 10 && strict.state.status === 'Running'; i += 1) decisions.push(strict.advance());
    expect(strict.state.status).toBe('Failed');
    expect(strict.state.members.map((m) => m.status)).toEqual(['Failed', 'Skipped', 'NotStarted']);
    expect(decisions.flatMap((d) => d.announcements).map((a) => a.type)).toEqual([
      'fleetplane.updateRun.started',
      'fleetplane.updateRun.memberFailed',
      'fleetplane.updateRun.completed',
    ]);
  });

  it('waits at an approval gate until it is approved', () => {
    const gate: RunGateState = { id: 's2.before.0', placement: { stage: 's2', position: 'before' }, definition: { type: 'Approval' }, status: 'Pending', observations: [] };
    const world = new World(run([member('a1', 's1', 'g'), member('b1', 's2', 'g')], [gate]));
    world.until((s) => s.gates[0]!.status === 'Waiting');
    for (let i = 0; i < 5; i += 1) world.advance();
    expect(world.submitted).toEqual(['a1#0']);
    world.state.gates[0]!.status = 'Approved';
    world.until((s) => s.status !== 'Running');
    expect(world.state.status).toBe('Completed');
    expect(world.submitted).toEqual(['a1#0', 'b1#0']);
  });

  it('starts a member only inside its maintenance window, taking open windows first', () => {
    const world = new World(run([member('closed', 's1', 'g'), member('open', 's1', 'g')], [], { groupConcurrency: 2 }));
    // 10:00 UTC now; "closed" opens daily at 22:00 UTC, "open" runs 08:00-16:00 UTC.
    const daily = (startTime: string) => ({ schedule: { daily: { intervalDays: 1 } }, durationHours: 8, utcOffset: '+00:00', startDate: '2026-01-01', startTime });
    world.windows[id('closed').toLowerCase()] = { maintenanceWindow: daily('22:00') };
    world.windows[id('open').toLowerCase()] = { maintenanceWindow: daily('08:00') };
    world.advance();
    expect(world.submitted).toEqual(['open#0']);
    const waiting = world.state.members[0]!;
    expect(waiting).toMatchObject({ status: 'Waiting', window: { hasWindow: true, open: false, opensAt: '2026-12-07T22:00:00Z' } });
    world.advance(60);
    expect(world.submitted).toEqual(['open#0']);
    world.advance(12 * 3600);
    expect(world.submitted).toEqual(['open#0', 'closed#0']);
  });

  it('fails a health gate on an unhealthy member, rolls its pools back and pauses the run', () => {
    const gate: RunGateState = {
      id: 's1.g.after.0',
      placement: { stage: 's1', group: 'g', position: 'after' },
      definition: { type: 'Health', worstStatus: 'Healthy', conditions: [{ signal: 'pendingPods', atMost: 0 }], window: 'PT15M', soakSeconds: 600 },
      status: 'Pending',
      observations: [],
    };
    const world = new World(run([member('a1', 's1', 'g'), member('b1', 's2', 'g')], [gate], { rollback: true, allowedFailures: 1 }));
    world.until((s) => s.gates[0]!.status === 'Waiting');
    world.health[id('a1').toLowerCase()] = { status: 'Healthy', reasons: [], signals: { pendingPods: 0 } };
    world.advance(60);
    expect(world.state.gates[0]!.status).toBe('Waiting');
    world.health[id('a1').toLowerCase()] = { status: 'Degraded', reasons: ['pods pending'], signals: { pendingPods: 4 } };
    const failed = world.advance(60);
    expect(world.state.status).toBe('Paused');
    expect(world.state.gates[0]).toMatchObject({ status: 'Failed' });
    expect(failed.actions).toEqual([expect.objectContaining({ clusterId: id('a1'), stepIndex: 1 })]);
    expect(world.state.members[0]!.steps[1]).toMatchObject({ rollback: true, nodePools: { system: '1.34.3' } });
    world.advance();
    expect(world.state.members[0]).toMatchObject({ status: 'RolledBack' });
    expect(world.state.status).toBe('Paused');
    expect(world.submitted).toEqual(['a1#0', 'a1#1']);
    // Resumed: the gate's failure was settled; the group tolerates one failure, so the run goes on.
    world.state.status = 'Running';
    world.until((s) => s.status !== 'Running');
    expect(world.state.status).toBe('Completed');
    expect(world.state.members.map((m) => m.status)).toEqual(['RolledBack', 'Succeeded']);
  });

  it('passes a health gate once the condition held for the soak time', () => {
    const gate: RunGateState = {
      id: 's1.after.0',
      placement: { stage: 's1', position: 'after' },
      definition: { type: 'Health', worstStatus: 'Degraded', conditions: [], window: 'PT15M', soakSeconds: 600 },
      status: 'Pending',
      observations: [],
    };
    const world = new World(run([member('a1', 's1', 'g'), member('b1', 's2', 'g')], [gate]));
    world.health[id('a1').toLowerCase()] = { status: 'Degraded', reasons: [], signals: {} };
    world.until((s) => s.gates[0]!.status === 'Waiting');
    const waitingSince = Date.parse(world.state.gates[0]!.waitingSince!);
    world.until((s) => s.gates[0]!.status !== 'Waiting');
    expect(world.state.gates[0]!.status).toBe('Passed');
    expect(Date.parse(world.state.gates[0]!.decidedAt!) - waitingSince).toBeGreaterThanOrEqual(600_000);
  });

  it('fails a waiting health gate when an alert fires on a member it checks, though the metrics look fine', () => {
    const gate: RunGateState = {
      id: 's1.after.0',
      placement: { stage: 's1', position: 'after' },
      definition: { type: 'Health', worstStatus: 'Healthy', conditions: [], window: 'PT15M', soakSeconds: 600 },
      status: 'Pending',
      observations: [],
    };
    const world = new World(run([member('a1', 's1', 'g'), member('b1', 's2', 'g')], [gate]));
    world.health[id('a1').toLowerCase()] = { status: 'Healthy', reasons: [], signals: {} };
    world.until((s) => s.gates[0]!.status === 'Waiting');
    const other = recordFiredAlert(world.state, { clusterId: id('b1'), alertRule: 'cpu', firedAt: '2026-12-07T10:05:00Z', severity: 'Sev2' });
    expect(other).toEqual([]);
    const hit = recordFiredAlert(world.state, { clusterId: id('a1'), alertRule: 'api-5xx', firedAt: '2026-12-07T10:05:00Z', severity: 'Sev1' });
    expect(hit.map((g) => g.id)).toEqual(['s1.after.0']);
    world.advance();
    expect(world.state.gates[0]).toMatchObject({ status: 'Failed' });
    expect(world.state.status).toBe('Paused');
    expect(world.state.members[0]!.failures.at(-1)).toMatchObject({ code: 'HealthGateFailed', message: expect.stringContaining('api-5xx') });
  });

  it('stops once nothing is in flight', () => {
    const world = new World(run([member('a1', 's1', 'g', 2), member('a2', 's1', 'g')]));
    world.advance();
    world.state.status = 'Stopping';
    world.advance();
    expect(world.state.status).toBe('Stopped');
    expect(world.submitted).toEqual(['a1#0']);
    expect(world.state.members.map((m) => m.status)).toEqual(['Stopped', 'Stopped']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRollingUpdate, decideAdvance, memberEta, rollingFromNodes, type InventoryNode, type RollingState, type RollingUpdate, type RunMemberState, type RunState } from '../../../shared/domain/upgrades/run';

const at = (minute: number) => `2026-12-07T10:${String(minute).padStart(2, '0')}:00Z`;
const rolling = (pool: string, drain: RollingState['drain'], minute: number, counts = { surgeNodes: 1, nodesUpgraded: 1, nodesTotal: 3 }): RollingState => ({ pool, ...counts, drain, updatedAt: at(minute) });

describe('applyRollingUpdate: the newer update wins, the further-along one at the same instant', () => {
  it.each<[string, RollingState | undefined, RollingUpdate, Partial<RollingState>]>([
    ['first event', undefined, { pool: 'apps', drain: 'Draining', at: at(1) }, { pool: 'apps', drain: 'Draining', nodesTotal: 0 }],
    ['Succeeded after Started', rolling('apps', 'Draining', 1), { pool: 'apps', drain: 'Done', at: at(5) }, { drain: 'Done', nodesUpgraded: 3, surgeNodes: 0, updatedAt: at(5) }],
    ['Started delivered after its Succeeded', rolling('apps', 'Done', 5), { pool: 'apps', drain: 'Draining', at: at(1) }, { drain: 'Done', updatedAt: at(5) }],
    ['Started and Succeeded at the same instant', rolling('apps', 'Done', 5), { pool: 'apps', drain: 'Draining', at: at(5) }, { drain: 'Done' }],
    ['same instant, other order', rolling('apps', 'Draining', 5), { pool: 'apps', drain: 'Done', at: at(5) }, { drain: 'Done' }],
    ['a later roll of the next step', rolling('apps', 'Done', 5), { pool: 'apps', drain: 'Draining', at: at(9) }, { drain: 'Draining', updatedAt: at(9) }],
    ['an old event of another pool', rolling('system', 'Draining', 5), { pool: 'apps', drain: 'Done', at: at(2) }, { pool: 'system', drain: 'Draining' }],
    ['a newer pool starts at zero counts', rolling('system', 'Done', 5), { pool: 'apps', drain: 'Draining', at: at(6) }, { pool: 'apps', nodesUpgraded: 0, nodesTotal: 0 }],
    ['a log read older than the event', rolling('apps', 'Done', 5), { pool: 'apps', drain: 'Draining', at: at(4), counts: { surgeNodes: 1, nodesUpgraded: 2, nodesTotal: 3 } }, { drain: 'Done', updatedAt: at(5) }],
    ['a newer log read brings counts', rolling('apps', 'Draining', 1), { pool: 'apps', drain: 'BlockedByPdb', at: at(3), counts: { surgeNodes: 1, nodesUpgraded: 0, nodesTotal: 3 } }, { drain: 'BlockedByPdb', nodesUpgraded: 0, surgeNodes: 1 }],
    ['an event keeps the counts of its pool', rolling('apps', 'BlockedByPdb', 3), { pool: 'apps', drain: 'Draining', at: at(4) }, { drain: 'Draining', nodesUpgraded: 1, nodesTotal: 3 }],
    ['same time, different formats', rolling('apps', 'Done', 5), { pool: 'apps', drain: 'Draining', at: '2026-12-07T10:05:00.000Z' }, { drain: 'Done' }],
  ])('%s', (_name, current, update, expected) => {
    expect(applyRollingUpdate(current, update)).toMatchObject(expected);
  });

  it('ends the same whatever order the updates of one roll arrive in', () => {
    const update = fc.record({
      pool: fc.constantFrom('system', 'apps'),
      drain: fc.constantFrom('NotStarted' as const, 'Draining' as const, 'BlockedByPdb' as const, 'Done' as const),
      at: fc.integer({ min: 0, max: 5 }).map(at),
      counts: fc.option(fc.record({ surgeNodes: fc.integer({ min: 0, max: 2 }), nodesUpgraded: fc.integer({ min: 0, max: 3 }), nodesTotal: fc.constant(3) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(update, { minLength: 1, maxLength: 6 }).chain((updates) => fc.tuple(fc.constant(updates), fc.shuffledSubarray(updates, { minLength: updates.length }))), ([inOrder, shuffled]) => {
        const apply = (list: RollingUpdate[]) => list.reduce<RollingState | undefined>((state, u) => applyRollingUpdate(state, u), undefined);
        const a = apply(inOrder);
        const b = apply(shuffled);
        expect(b?.drain).toBe(a?.drain);
        expect(b?.pool).toBe(a?.pool);
        expect(b?.updatedAt).toBe(a?.updatedAt);
      }),
    );
  });
});

describe('rollingFromNodes: counts and drain state from the node inventory', () => {
  const node = (name: string, pool: string, version: string, minute = 10, image?: string): InventoryNode => ({ name, pool, kubeletVersion: `v${version}`, nodeImageVersion: image, at: at(minute) });
  const apps = { pool: 'apps', target: '1.36.1', kind: 'version' as const, count: 3 };
  it.each<[string, InventoryNode[], string[], Partial<RollingUpdate> & { counts?: RollingUpdate['counts'] }]>([
    ['nothing moved yet', [node('a0', 'apps', '1.35.2'), node('a1', 'apps', '1.35.2'), node('a2', 'apps', '1.35.2')], [], { drain: 'NotStarted', counts: { surgeNodes: 0, nodesUpgraded: 0, nodesTotal: 3 } }],
    ['a surge node up (at the target, not counted as upgraded)', [node('a0', 'apps', '1.35.2'), node('a1', 'apps', '1.35.2'), node('a2', 'apps', '1.35.2'), node('a3', 'apps', '1.36.1')], [], { drain: 'Draining', counts: { surgeNodes: 1, nodesUpgraded: 0, nodesTotal: 3 } }],
    ['one reimaged', [node('a0', 'apps', '1.36.1'), node('a1', 'apps', '1.35.2'), node('a2', 'apps', '1.35.2'), node('a3', 'apps', '1.36.1')], [], { drain: 'Draining', counts: { surgeNodes: 1, nodesUpgraded: 1, nodesTotal: 3 } }],
    ['eviction refused on an old node', [node('a0', 'apps', '1.35.2'), node('a1', 'apps', '1.35.2'), node('a2', 'apps', '1.35.2'), node('a3', 'apps', '1.36.1')], ['a0'], { drain: 'BlockedByPdb', counts: { surgeNodes: 1, nodesUpgraded: 0, nodesTotal: 3 } }],
    ['a refusal on a node already upgraded is over', [node('a0', 'apps', '1.36.1'), node('a1', 'apps', '1.36.1'), node('a2', 'apps', '1.36.1')], ['a0'], { drain: 'Done' }],
    ['all upgraded, surge gone', [node('a0', 'apps', '1.36.1'), node('a1', 'apps', '1.36.1'), node('a2', 'apps', '1.36.1')], [], { drain: 'Done', counts: { surgeNodes: 0, nodesUpgraded: 3, nodesTotal: 3 } }],
    ['a removed surge node\'s old row is not counted', [node('a0', 'apps', '1.36.1'), node('a1', 'apps', '1.36.1'), node('a2', 'apps', '1.36.1'), node('a3', 'apps', '1.36.1', 6)], [], { drain: 'Done', at: at(10) }],
    ['other pools are ignored', [node('s0', 'system', '1.35.2'), node('a0', 'apps', '1.36.1'), node('a1', 'apps', '1.36.1'), node('a2', 'apps', '1.36.1')], ['s0'], { pool: 'apps', drain: 'Done' }],
  ])('%s', (_name, nodes, blocked, expected) => {
    expect(rollingFromNodes([apps], nodes, new Set(blocked))).toMatchObject(expected);
  });

  it('reports the first pool of the step not done, or the last one', () => {
    const system = { pool: 'system', target: '1.36.1', kind: 'version' as const, count: 1 };
    const nodes = [node('s0', 'system', '1.36.1'), node('a0', 'apps', '1.35.2'), node('a1', 'apps', '1.35.2'), node('a2', 'apps', '1.35.2')];
    expect(rollingFromNodes([system, apps], nodes, new Set())).toMatchObject({ pool: 'apps', drain: 'NotStarted' });
    expect(rollingFromNodes([system], nodes, new Set())).toMatchObject({ pool: 'system', drain: 'Done' });
  });

  it('compares node images on a node-image step, and reads nothing from no rows', () => {
    const images = { pool: 'apps', target: 'AKSUbuntu-2204gen2containerd-202612.01.0', kind: 'nodeImage' as const, count: 1 };
    expect(rollingFromNodes([images], [node('a0', 'apps', '1.35.2', 10, 'AKSUbuntu-2204gen2containerd-202612.01.0')], new Set())).toMatchObject({ drain: 'Done' });
    expect(rollingFromNodes([images], [node('a0', 'apps', '1.35.2', 10, 'AKSUbuntu-2204gen2containerd-202611.01.0')], new Set())).toMatchObject({ drain: 'NotStarted' });
    expect(rollingFromNodes([apps], [], new Set())).toBeUndefined();
  });
});

function member(overrides: Partial<RunMemberState> = {}): RunMemberState {
  return {
    clusterId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1',
    name: 'c1',
    stage: 's',
    group: 'g',
    status: 'Running',
    startedAt: at(0),
    estimatedMinutes: 30,
    steps: [
      { controlPlane: '1.35.1', nodePools: { apps: '1.35.1' }, status: 'Running', operationId: 'op1', startedAt: at(0), estimatedSeconds: 600 },
      { controlPlane: '1.36.1', nodePools: { apps: '1.36.1' }, status: 'Pending', estimatedSeconds: 900 },
    ],
    currentStep: 0,
    failures: [],
    ...overrides,
  };
}

describe('memberEta: the running step end plus the steps left, rounded up to the minute', () => {
  it.each<[string, RunMemberState, string, string | undefined]>([
    ['on time: start + step + next step', member(), at(5), at(25)],
    ['overdue step: from now', member(), at(20), '2026-12-07T10:35:00Z'],
    ['rounded up to the minute', member(), '2026-12-07T10:20:30Z', '2026-12-07T10:36:00Z'],
    ['last step', member({ currentStep: 1, steps: [{ status: 'Succeeded', estimatedSeconds: 600 }, { status: 'Running', operationId: 'op2', startedAt: at(12), estimatedSeconds: 900 }] }), at(13), at(27)],
    ['no step estimates: the member start + its estimated minutes', member({ steps: [{ status: 'Running', operationId: 'op1', startedAt: at(0) }] }), at(5), at(30)],
    ['a rollback step without an estimate falls back', member({ steps: [{ status: 'Running', operationId: 'op1', startedAt: at(0), estimatedSeconds: 600 }, { nodePools: { apps: '1.35.2' }, rollback: true, status: 'Pending' }] }), at(5), at(30)],
    ['nothing to estimate from', member({ startedAt: undefined, estimatedMinutes: undefined, steps: [{ status: 'Running', operationId: 'op1' }] }), at(5), undefined],
  ])('%s', (_name, m, now, expected) => {
    expect(memberEta(m, now)).toBe(expected);
  });
});

describe('decideAdvance keeps operationId, eta and rolling', () => {
  function runOf(m: RunMemberState): RunState {
    return {
      id: 'r',
      status: 'Running',
      request: {},
      stages: [{ name: 's', status: 'Running', maxConcurrency: 1, afterStageWaitInSeconds: 0, groups: [{ name: 'g', status: 'Running', maxConcurrency: 1, maxAllowedFailures: 0, failureCount: 0 }] }],
      gates: [],
      members: [m],
      events: [],
      eventsDropped: 0,
    };
  }
  const context = (now: string, operations: Record<string, { status: 'InProgress' | 'Succeeded' | 'Failed' }>, rolling?: Record<string, RollingUpdate>) => ({
    now,
    newOperationId: () => 'op2',
    operations,
    windows: {},
    health: {},
    ...(rolling ? { rolling } : {}),
  });
  const key = member().clusterId.toLowerCase();

  it('names the running operation and its ETA, and takes the node read', () => {
    const run = runOf(member());
    const read: RollingUpdate = { pool: 'apps', drain: 'Draining', at: at(4), counts: { surgeNodes: 1, nodesUpgraded: 1, nodesTotal: 3 } };
    const decision = decideAdvance(run, context(at(5), { op1: { status: 'InProgress' } }, { [key]: read }));
    expect(decision.changed).toBe(true);
    expect(run.members[0]).toMatchObject({ operationId: 'op1', eta: at(25), rolling: { pool: 'apps', drain: 'Draining', nodesUpgraded: 1, surgeNodes: 1, updatedAt: at(4) } });
  });

  it('moves to the next step\'s operation when a step succeeds', () => {
    const run = runOf(member());
    decideAdvance(run, context(at(11), { op1: { status: 'Succeeded' } }));
    expect(run.members[0]).toMatchObject({ operationId: 'op2', eta: at(26) });
  });

  it('clears them when the member ends, and finalises a succeeded roll', () => {
    const done = runOf(member({ currentStep: 1, rolling: rolling('apps', 'Draining', 20), steps: [{ status: 'Succeeded' }, { status: 'Running', operationId: 'op2', startedAt: at(12), estimatedSeconds: 900 }] }));
    decideAdvance(done, context(at(28), { op2: { status: 'Succeeded' } }));
    expect(done.members[0]?.status).toBe('Succeeded');
    expect(done.members[0]?.operationId).toBeUndefined();
    expect(done.members[0]?.eta).toBeUndefined();
    expect(done.members[0]?.rolling).toMatchObject({ drain: 'Done', nodesUpgraded: 3, surgeNodes: 0 });

    const failed = runOf(member({ rolling: rolling('apps', 'BlockedByPdb', 20) }));
    decideAdvance(failed, context(at(40), { op1: { status: 'Failed' } }));
    expect(failed.members[0]).toMatchObject({ status: 'Failed', rolling: { drain: 'BlockedByPdb' } });
    expect(failed.members[0]?.operationId).toBeUndefined();
  });

  it('a drain AKS gave up on a PodDisruptionBudget ends BlockedByPdb, whatever the last node read showed', () => {
    const failed = runOf(member({ rolling: rolling('apps', 'Draining', 20) }));
    const error = { code: 'UpgradeFailed', message: "Drain node n-0 failed when evicting pod api-0 ... Cannot evict pod as it would violate the pod's disruption budget." };
    decideAdvance(failed, { ...context(at(40), {}), operations: { op1: { status: 'Failed', error } } });
    expect(failed.members[0]).toMatchObject({ status: 'Failed', rolling: { drain: 'BlockedByPdb', pool: 'apps' } });
    const other = runOf(member({ rolling: rolling('apps', 'Draining', 20) }));
    decideAdvance(other, { ...context(at(40), {}), operations: { op1: { status: 'Failed', error: { code: 'QuotaExceeded', message: 'no cores' } } } });
    expect(other.members[0]).toMatchObject({ status: 'Failed', rolling: { drain: 'Draining' } });
  });

  it('a node read taken as the operation is seen ended does not overwrite what the roll showed while it ran', () => {
    const failed = runOf(member({ rolling: rolling('apps', 'BlockedByPdb', 20) }));
    const afterTheEnd: RollingUpdate = { pool: 'apps', drain: 'Draining', at: at(39), counts: { surgeNodes: 0, nodesUpgraded: 0, nodesTotal: 3 } };
    decideAdvance(failed, context(at(40), { op1: { status: 'Failed' } }, { [key]: afterTheEnd }));
    expect(failed.members[0]).toMatchObject({ status: 'Failed', rolling: { drain: 'BlockedByPdb' } });
  });
});

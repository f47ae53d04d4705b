import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePool, recordScaleEvent } from '../../../shared/domain/autoscale/evaluatePool';
import type { Schedule } from '../../../shared/domain/autoscale/policy';
import { NOW, effective, input, pool, reading, secondsBefore } from './support/poolFixtures';

const window = (name: string, action: Schedule['action']): Schedule => ({ name, cron: '0 0 20 * * *', timeZone: 'UTC', durationMinutes: 60, action });

describe('evaluatePool: the count from the targets', () => {
  it.each([
    ['CPU 90 % against 60 % on 3 nodes asks for ceil(3 × 1.5) = 5', { cpuPercent: reading(90) }, 3, 5, 'metric:cpu'],
    ['CPU within the 10 % tolerance keeps the count', { cpuPercent: reading(64) }, 3, 3, 'metrics:onTarget'],
    ['CPU 20 % on 6 nodes scales down to 2 (no stabilisation history yet: the first cycle holds)', { cpuPercent: reading(20) }, 6, 6, 'stabilization:scaleDown'],
  ])('%s', (_case, observations, count, to, rule) => {
    const decision = evaluatePool(input({ pool: pool({ count }), observations }));
    expect({ to: decision.action.type === 'SetCount' ? decision.action.to : count, rule: decision.rule }).toEqual({ to, rule });
  });

  it('scales down once the stabilisation window (300 s by default) has passed', () => {
    const history = { recommendations: [{ replicas: 6, at: secondsBefore(301) }], scaleEvents: [] };
    const decision = evaluatePool(input({ pool: pool({ count: 6 }), observations: { cpuPercent: reading(20) }, history }));
    expect(decision.action).toEqual({ type: 'SetCount', from: 6, to: 2 });
    expect(decision.sentence).toBe('Scale down from 6 nodes to 2 nodes: cpu: 20 against 60 asks for 2 nodes.');
  });

  it('the largest proposal wins: pending pods need more than CPU', () => {
    const policy = effective({ targets: { cpuUtilizationPercent: 60, pendingPods: true } });
    const observations = { cpuPercent: reading(70), pendingPods: { groups: [{ count: 10, cpuMilli: 1000, memoryBytes: 1e9 }], sampledAt: NOW } };
    const decision = evaluatePool(input({ policy, observations }));
    expect(decision.steps.metrics.map((m) => [m.metric, m.proposedNodes])).toEqual([['cpu', 4], ['pendingPods', 7]]);
    expect(decision).toMatchObject({ action: { type: 'SetCount', from: 3, to: 7 }, rule: 'metric:pendingPods', hasPendingPods: true });
  });

  it('nothing pending does not hold a CPU scale-down back', () => {
    const policy = effective({ targets: { cpuUtilizationPercent: 60, pendingPods: true } });
    const history = { recommendations: [{ replicas: 6, at: secondsBefore(400) }], scaleEvents: [] };
    const observations = { cpuPercent: reading(20), pendingPods: { groups: [], sampledAt: NOW } };
    expect(evaluatePool(input({ policy, pool: pool({ count: 6 }), observations, history })).action).toEqual({ type: 'SetCount', from: 6, to: 2 });
  });

  it('the behavior\'s scale-up policy limits the step (Pods: 1 per 60 s)', () => {
    const policy = effective({ behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } });
    const decision = evaluatePool(input({ policy, observations: { cpuPercent: reading(100) } }));
    expect(decision).toMatchObject({ action: { to: 4 }, rule: 'rateLimit:scaleUp', steps: { decided: { condition: 'ScaleUpLimit' } } });
  });

  it('the API\'s default scale-up rule allows max(4 nodes, 100 %) per 15 s', () => {
    const decision = evaluatePool(input({ policy: effective({ maxNodes: 50, targets: { cpuUtilizationPercent: 20 } }), observations: { cpuPercent: reading(100) } }));
    expect(decision).toMatchObject({ action: { to: 7 }, rule: 'rateLimit:scaleUp' });
  });

  it('the range clamps: max 4', () => {
    const decision = evaluatePool(input({ policy: effective({ maxNodes: 4 }), observations: { cpuPercent: reading(100) } }));
    expect(decision.action).toEqual({ type: 'SetCount', from: 3, to: 4 });
  });

  it('a custom metric against a target average per node', () => {
    const policy = effective({ targets: { customMetric: { name: 'queueDepth', targetAverageValue: 100 } } });
    const decision = evaluatePool(input({ policy, observations: { customMetricValue: reading(550) } }));
    expect(decision).toMatchObject({ action: { to: 6 }, rule: 'metric:custom' });
    expect(decision.steps.metrics).toMatchObject([{ metric: 'custom', value: 550, source: 'Microsoft.ContainerService/managedClusters/queueDepth' }]);
  });

  it('a Log Analytics value against a total target', () => {
    const query = 'Perf | summarize value = avg(CounterValue) by _ResourceId, NodePool = "user"';
    const policy = effective({ targets: { logAnalyticsMetric: { query, targetValue: 50 } } });
    const decision = evaluatePool(input({ policy, observations: { logAnalyticsValue: reading(100) } }));
    expect(decision).toMatchObject({ action: { to: 6 }, rule: 'metric:logAnalytics' });
    expect(decision.steps.metrics).toMatchObject([{ metric: 'logAnalytics', value: 100, source: query }]);
  });
});

describe('evaluatePool: missing and stale readings', () => {
  const history = { recommendations: [{ replicas: 6, at: secondsBefore(400) }], scaleEvents: [] };

  it.each([
    ['missing', {}],
    ['stale (older than 300 s)', { cpuPercent: reading(10, secondsBefore(301)) }],
  ])('a %s reading never scales down', (_case, observations) => {
    const decision = evaluatePool(input({ pool: pool({ count: 6 }), observations, history }));
    expect(decision).toMatchObject({ action: { type: 'None' }, rule: 'metrics:unavailable' });
    expect(decision.steps.metrics[0]?.status).toBe(_case === 'missing' ? 'missing' : 'stale');
  });

  it('a missing memory reading still lets CPU scale up', () => {
    const policy = effective({ targets: { cpuUtilizationPercent: 60, memoryUtilizationPercent: 70 } });
    expect(evaluatePool(input({ policy, observations: { cpuPercent: reading(90) } })).action).toEqual({ type: 'SetCount', from: 3, to: 5 });
  });
});

describe('evaluatePool: skips, schedules, the cluster autoscaler, dry run', () => {
  it.each([
    [{ inOperation: true }, 'InOperation'],
    [{ upgrading: true }, 'Upgrading'],
    [{ inUpdateRun: true }, 'InUpdateRun'],
    [{ clusterPowerState: 'Stopped' as const }, 'ClusterStopped'],
    [{ provisioningState: 'Scaling' }, 'PoolNotReady'],
  ])('skips %o with %s', (state, reason) => {
    const decision = evaluatePool(input({ pool: pool(state), observations: { cpuPercent: reading(100) } }));
    expect(decision).toMatchObject({ skipped: reason, action: { type: 'None' }, needsWrite: false, rule: `skip:${reason}` });
  });

  it('a disabled policy is skipped', () => {
    expect(evaluatePool(input({ policy: effective({ enabled: false }) })).skipped).toBe('PolicyDisabled');
  });

  it('a ScaleToZero window takes a User pool to 0 and the end of the window brings it back to min', () => {
    const open = [window('night', { type: 'ScaleToZero' })];
    const down = evaluatePool(input({ policy: effective({}, open) }));
    expect(down).toMatchObject({ action: { type: 'SetCount', from: 3, to: 0 }, rule: 'schedule:night' });
    const back = evaluatePool(input({ pool: pool({ count: 0 }), observations: {} }));
    expect(back).toMatchObject({ action: { type: 'SetCount', from: 0, to: 1 }, rule: 'range:min' });
  });

  it('a System pool is never scaled to zero, and the decision says why', () => {
    const decision = evaluatePool(input({ policy: effective({}, [window('night', { type: 'ScaleToZero' })]), pool: pool({ mode: 'System' }) }));
    expect(decision.action).toEqual({ type: 'None' });
    expect(decision.sentence).toContain('cannot scale a System pool to zero');
  });

  it('pending pods bring a pool at zero back up by binpacking', () => {
    const policy = effective({ minNodes: 0, targets: { pendingPods: true } });
    const observations = { pendingPods: { groups: [{ count: 5, cpuMilli: 1500, memoryBytes: 1e9 }], sampledAt: NOW } };
    expect(evaluatePool(input({ policy, pool: pool({ count: 0 }), observations })).action).toEqual({ type: 'SetCount', from: 0, to: 3 });
  });

  it('an OverrideRange window sets the range', () => {
    const policy = effective({}, [window('business', { type: 'OverrideRange', minNodes: 5 })]);
    expect(evaluatePool(input({ policy }))).toMatchObject({ action: { to: 5 }, rule: 'schedule:business' });
  });

  it('a StopCluster window stops a running cluster, and its end starts it again', () => {
    const stop = evaluatePool(input({ policy: effective({}, [window('weekend', { type: 'StopCluster' })]) }));
    expect(stop).toMatchObject({ clusterAction: { type: 'Stop', schedule: 'weekend' }, needsWrite: true, history: { stoppedBySchedule: 'weekend' } });
    const start = evaluatePool(input({ pool: pool({ clusterPowerState: 'Stopped' }), history: stop.history }));
    expect(start).toMatchObject({ clusterAction: { type: 'Start', schedule: 'weekend' }, needsWrite: true });
    expect(start.history.stoppedBySchedule).toBeUndefined();
    const stoppedByHand = evaluatePool(input({ pool: pool({ clusterPowerState: 'Stopped' }) }));
    expect(stoppedByHand).toMatchObject({ clusterAction: null, skipped: 'ClusterStopped' });
  });

  it('a cluster-autoscaler pool gets only a new min/max, never a count, and says so', () => {
    const decision = evaluatePool(input({ pool: pool({ clusterAutoscaler: { enabled: true, minCount: 1, maxCount: 3 } }), observations: { cpuPercent: reading(100) } }));
    expect(decision).toMatchObject({ action: { type: 'SetRange', to: { minCount: 1, maxCount: 10 } }, clusterAutoscalerManaged: true, needsWrite: true });
    expect(decision.sentence).toContain('never its count');
  });

  it('a dry run decides the same but plans no write', () => {
    const decision = evaluatePool(input({ policy: effective({ mode: 'DryRun' }), observations: { cpuPercent: reading(90) } }));
    expect(decision).toMatchObject({ action: { to: 5 }, needsWrite: false });
    expect(decision.sentence).toMatch(/^Dry run: would scale up/);
  });

  it('recordScaleEvent feeds the rate limits of the next cycle', () => {
    const policy = effective({ behavior: { scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 300 }] } } });
    const first = evaluatePool(input({ policy, observations: { cpuPercent: reading(100) } }));
    expect(first.action).toEqual({ type: 'SetCount', from: 3, to: 5 });
    const history = recordScaleEvent(first.history, { from: 3, to: 5, at: NOW });
    const later = new Date(Date.parse(NOW) + 60_000).toISOString();
    const second = evaluatePool(input({ policy, pool: pool({ count: 5 }), observations: { cpuPercent: reading(100, later) }, history, now: later }));
    expect(second).toMatchObject({ action: { type: 'None' }, rule: 'rateLimit:scaleUp' });
  });
});

describe('evaluatePool: properties', () => {
  const scenario = fc.record({
    count: fc.integer({ min: 1, max: 60 }),
    min: fc.integer({ min: 1, max: 20 }),
    span: fc.integer({ min: 0, max: 40 }),
    cpu: fc.double({ min: 0, max: 100, noNaN: true }),
    ageSeconds: fc.integer({ min: 0, max: 1000 }),
    past: fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 80 }), age: fc.integer({ min: 0, max: 3000 }) }), { maxLength: 6 }),
    dryRun: fc.boolean(),
  });

  it('the count stays within [min, max] whenever it changes, and a dry run never plans a write', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const policy = effective({ minNodes: s.min, maxNodes: s.min + s.span, mode: s.dryRun ? 'DryRun' : 'Enforce' });
        const history = { recommendations: s.past.map((p) => ({ replicas: p.replicas, at: secondsBefore(p.age) })), scaleEvents: [] };
        const decision = evaluatePool(input({ policy, pool: pool({ count: s.count }), observations: { cpuPercent: reading(s.cpu, secondsBefore(s.ageSeconds)) }, history }));
        if (decision.action.type === 'SetCount') {
          expect(decision.action.to).toBeGreaterThanOrEqual(s.min);
          expect(decision.action.to).toBeLessThanOrEqual(s.min + s.span);
        }
        if (s.dryRun) expect(decision.needsWrite).toBe(false);
      }),
    );
  });

  it('stale or missing readings never scale down a pool inside its range', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), (s, missing) => {
        const policy = effective({ minNodes: 1, maxNodes: 100, targets: { cpuUtilizationPercent: 60, memoryUtilizationPercent: 60 } });
        const history = { recommendations: s.past.map((p) => ({ replicas: p.replicas, at: secondsBefore(p.age) })), scaleEvents: [] };
        const stale = reading(s.cpu, secondsBefore(301 + s.ageSeconds));
        const observations = missing ? { cpuPercent: reading(s.cpu) } : { cpuPercent: reading(s.cpu), memoryPercent: stale };
        const decision = evaluatePool(input({ policy, pool: pool({ count: s.count }), observations, history }));
        if (decision.action.type === 'SetCount') expect(decision.action.to).toBeGreaterThan(s.count);
      }),
    );
  });
});

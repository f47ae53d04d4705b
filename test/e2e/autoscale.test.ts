import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB } from '../emulator/harness';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import {
  GIB,
  RESOURCE_GROUP,
  apiOf,
  clusterRoute,
  createCluster,
  createWorkspace,
  decisionAtOrAfter,
  decisionsOf,
  nextCycle,
  poolCount,
  quickCycles,
  type Api,
} from './support/autoscaleStack';

const AUDIENCE = 'api://fleetplane-autoscale-e2e';
/** Monday 7 December 2026, 19:00 in Berlin (CET = UTC+1): the night schedule opens an hour later. */
const START = Date.parse('2026-12-07T18:00:00Z');
const MINUTE = 60_000;

/**
 * The autoscale cycle through the local host (queue chain, one-second period) over Azurite and the emulator, with
 * the emulator's virtual clock as "now": each test step moves the clock a minute and waits for that minute's cycle.
 */
describe('autoscale acceptance through the local host', () => {
  let stack: FleetStack;
  let emulator: RunningAksEmulator;
  let api: Api;

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      emulator: { speed: 0, clockStart: START - 30 * MINUTE },
      monitoring: true,
      env: quickCycles,
      prepare: async (emulator) => {
        await createWorkspace(emulator);
        await createCluster(emulator, 'demo', { user: 2 });
        await createCluster(emulator, 'dev', { dev: 2 });
        await createCluster(emulator, 'weekend', { batch: 1 });
        emulator.advanceClock(30 * 60);
        emulator.workload.set(SUB, RESOURCE_GROUP, 'demo', {
          profile: { kind: 'steady', intensity: 1 },
          deployments: [{ namespace: 'shop', name: 'web', replicas: 4, maxReplicas: 12, cpuRequestMillicores: 1000, memoryRequestBytes: GIB, cpuUtilisation: 0.5, nodeSelector: { os: 'linux', pool: 'user' } }],
        });
      },
    });
    emulator = stack.emulator;
    api = apiOf(stack.host, await stack.token({ role: 'Owner', oid: '0e000000-0000-4000-8000-0000000000a5' }));

    const policy = (body: unknown, cluster: string, pool: string) => api('PUT', `${clusterRoute(cluster)}/nodePools/${pool}/autoscalePolicy`, body);
    expect((await policy({ minNodes: 2, maxNodes: 8, targets: { cpuUtilizationPercent: 60, pendingPods: true }, behavior: { scaleDown: { stabilizationWindowSeconds: 180 } } }, 'demo', 'user')).status).toBeLessThan(300);
    const night = { name: 'night', cron: '0 0 20 * * *', timeZone: 'Europe/Berlin', durationMinutes: 660, action: { type: 'ScaleToZero' } };
    expect((await policy({ minNodes: 1, maxNodes: 3, targets: { cpuUtilizationPercent: 95 }, schedules: [night] }, 'dev', 'dev')).status).toBeLessThan(300);
    const stop = { name: 'evening-stop', cron: '0 0 20 * * *', timeZone: 'Europe/Berlin', durationMinutes: 5, action: { type: 'StopCluster' } };
    expect((await policy({ minNodes: 1, maxNodes: 2, targets: { cpuUtilizationPercent: 95 }, schedules: [stop] }, 'weekend', 'batch')).status).toBeLessThan(300);
    // Storing an enabled policy started the cycle (no evaluate call, no repair timer: timers are off in test hosts).
    await nextCycle(emulator, api, 'demo', 'user');
    const dryRun = await api('POST', `${clusterRoute('demo')}/autoscale/evaluate?dryRun=true`);
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.value).toEqual([expect.objectContaining({ poolName: 'user', dryRun: true, trigger: 'onDemand' })]);
  }, 120_000);

  afterAll(() => stack?.stop());

  it('a spike scales the user pool up within two cycles, and down only after the stabilisation window', async () => {
    await nextCycle(emulator, api, 'demo', 'user');
    expect(poolCount(emulator, 'demo', 'user')).toBe(2);

    emulator.workload.patch(SUB, RESOURCE_GROUP, 'demo', { profile: { intensity: 3 } });
    const spikeAt = Date.parse(emulator.now());
    const firstTwo = [await nextCycle(emulator, api, 'demo', 'user'), await nextCycle(emulator, api, 'demo', 'user')];
    const up = firstTwo.find((d) => d.outcome.kind === 'Submitted');
    expect(up, JSON.stringify(firstTwo.map((d) => d.sentence))).toBeDefined();
    expect(up.action.type).toBe('SetCount');
    expect(up.action.to).toBeGreaterThan(up.action.from);
    expect(up.sentence).toContain(up.outcome.operationId);

    // The pool grows, the pending pods schedule and the simulation settles.
    for (let i = 0; i < 6; i++) await nextCycle(emulator, api, 'demo', 'user');
    expect(poolCount(emulator, 'demo', 'user')).toBeGreaterThan(2);
    expect(emulator.workload.snapshot(SUB, RESOURCE_GROUP, 'demo').pendingPods).toBe(0);
    expect(Date.parse(up.evaluatedAt) - spikeAt).toBeLessThanOrEqual(2 * MINUTE);

    emulator.workload.patch(SUB, RESOURCE_GROUP, 'demo', { profile: { intensity: 1 } });
    const calm: any[] = [];
    let down: any;
    for (let i = 0; i < 10 && !down; i++) {
      const decision = await nextCycle(emulator, api, 'demo', 'user');
      calm.push(decision);
      if (decision.outcome.kind === 'Submitted' && decision.action.to < decision.action.from) down = decision;
    }
    const story = JSON.stringify(calm.map((d) => [d.evaluatedAt, d.steps.combined?.nodes, d.action, d.sentence]));
    expect(down, `no scale-down within 10 cycles: ${story}`).toBeDefined();
    // Held back first: a cycle proposed fewer nodes and the stabilisation window kept the count.
    expect(calm.some((d) => d.action.type === 'None' && d.steps.combined !== null && d.steps.combined.nodes < d.inputs.count), story).toBe(true);
    // The window: no recommendation of the old size in the 180 s before the scale-down.
    const lastHigh = Math.max(...(await decisionsOf(api, 'demo', 'user')).filter((d) => d.trigger === 'cycle' && Date.parse(d.evaluatedAt) < Date.parse(down.evaluatedAt) && (d.steps.combined?.nodes ?? 0) >= down.action.from).map((d) => Date.parse(d.evaluatedAt)));
    expect(Date.parse(down.evaluatedAt) - lastHigh, story).toBeGreaterThanOrEqual(180_000);
    // Each decision explains itself and shows the math.
    expect(down.steps.metrics.length).toBeGreaterThan(0);
    expect(typeof down.rule).toBe('string');
  }, 300_000);

  it('a schedule scales the dev pool to zero at 20:00 Europe/Berlin and back at 07:00; a stop window stops a cluster and starts it again', async () => {
    const eight = Date.parse('2026-12-07T19:00:00Z');
    emulator.advanceClock(Math.max(0, (eight - 2 * MINUTE - Date.parse(emulator.now())) / 1000));
    await nextCycle(emulator, api, 'dev', 'dev');

    let toZero: any;
    let stopped: any;
    for (let i = 0; i < 4 && !(toZero && stopped); i++) {
      await nextCycle(emulator, api, 'dev', 'dev');
      toZero ??= (await decisionsOf(api, 'dev', 'dev')).find((d) => d.action.type === 'SetCount' && d.action.to === 0 && d.outcome.kind === 'Submitted');
      stopped ??= (await decisionsOf(api, 'weekend', 'batch')).find((d) => d.clusterAction?.type === 'Stop' && d.outcome.kind === 'Submitted');
    }
    expect(toZero, 'the dev pool did not go to zero').toBeDefined();
    expect(Date.parse(toZero.evaluatedAt)).toBeGreaterThanOrEqual(eight);
    expect(toZero.rule).toContain('night');
    expect(stopped, 'the weekend cluster was not stopped').toBeDefined();

    let started: any;
    for (let i = 0; i < 8 && !started; i++) {
      await nextCycle(emulator, api, 'weekend', 'batch');
      started = (await decisionsOf(api, 'weekend', 'batch')).find((d) => d.clusterAction?.type === 'Start' && d.outcome.kind === 'Submitted');
    }
    expect(started, 'the weekend cluster was not started again').toBeDefined();
    expect(Date.parse(started.evaluatedAt)).toBeGreaterThanOrEqual(eight + 5 * MINUTE);
    expect(poolCount(emulator, 'dev', 'dev')).toBe(0);

    const seven = Date.parse('2026-12-08T06:00:00Z');
    emulator.advanceClock((seven - MINUTE - Date.parse(emulator.now())) / 1000);
    let back: any;
    for (let i = 0; i < 4 && !back; i++) {
      const decision = await nextCycle(emulator, api, 'dev', 'dev');
      if (decision.action.type === 'SetCount' && decision.action.to > 0 && decision.outcome.kind === 'Submitted') back = decision;
    }
    expect(back, 'the dev pool did not come back').toBeDefined();
    expect(Date.parse(back.evaluatedAt)).toBeGreaterThanOrEqual(seven);
    expect(back.action.to).toBe(1);
    emulator.advanceClock(5 * 60);
    expect(poolCount(emulator, 'dev', 'dev')).toBe(1);
  }, 300_000);

  it('every decision is readable, paged, newest first', async () => {
    const first = await api('GET', `${clusterRoute('demo')}/autoscaleDecisions?pageSize=2`);
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(2);
    expect(first.body.nextLink).toContain('continuationToken=');
    const [newer, older] = first.body.value;
    expect(Date.parse(newer.evaluatedAt)).toBeGreaterThanOrEqual(Date.parse(older.evaluatedAt));
    for (const decision of first.body.value) {
      expect(decision).toMatchObject({ clusterResourceId: expect.stringContaining('/managedClusters/demo'), poolName: 'user', sentence: expect.any(String), outcome: expect.any(Object) });
    }
    const latest = await decisionAtOrAfter(api, 'demo', 'user', 0);
    expect(latest.inputs).toHaveProperty('count');
  });
});

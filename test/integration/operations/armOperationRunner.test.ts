import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { ArmClients } from '../../../shared/platform/arm/armClients';
import { DependencyRejectedError } from '../../../shared/domain/errors';
import { ArmOperationRunner } from '../../../shared/features/operations/armOperationRunner';
import { OperationStore } from '../../../shared/features/operations/operationStore';
import { startTestEmulator, SUB } from '../../emulator/harness';
import { testSettings, testStorage, uniqueTablePrefix } from '../../support/storage';

const target = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/${name}`;

const clusterBody = {
  location: 'eastus',
  dnsPrefix: 'ops',
  kubernetesVersion: '1.35.3',
  agentPoolProfiles: [{ name: 'system', mode: 'System' as const, osType: 'Linux' as const, vmSize: 'Standard_D2s_v5', count: 2 }],
};

describe('ArmOperationRunner (Azurite + AKS emulator, real SDK)', () => {
  let emulator: RunningAksEmulator;
  let store: OperationStore;
  const newArm = () =>
    new ArmClients(
      testSettings({ FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl, FLEETPLANE_MODE: 'local', FLEETPLANE_ARM_CREDENTIAL: 'emulator' }),
      { maxRetries: 0 },
    );
  const newRunner = () => new ArmOperationRunner(store, newArm());

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
    store = new OperationStore(testStorage().tableClient(`${uniqueTablePrefix()}ops`));
  });
  afterAll(() => emulator?.close());

  it('records the operation, resumes it on another runner after a "restart", and issues the PUT once', async () => {
    emulator.resetCounters();
    const started = await newRunner().start({
      kind: 'putCluster',
      target: target('ops1'),
      subscriptionId: SUB,
      correlationId: 'corr-1',
      submit: (client) => client.managedClusters.createOrUpdate('rg1', 'ops1', clusterBody, { updateIntervalInMs: 5 }),
    });
    expect(started.status).toBe('InProgress');
    expect(started.armPollerState).toBeDefined();

    const stillRunning = await newRunner().refresh(started.id);
    expect(stillRunning?.status).toBe('InProgress');

    emulator.advanceClock(3_600);
    const afterRestart = newRunner();
    const done = await afterRestart.refresh(started.id);
    expect(done?.status).toBe('Succeeded');
    expect(done?.completedAt).toBeDefined();
    expect(done?.armPollerState).toBeUndefined();
    expect(await afterRestart.repair()).toEqual({ active: 0, rescheduled: 0 });
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
  });

  it('keeps AKS\'s code and message when ARM rejects the request, and records the failure', async () => {
    await expect(
      newRunner().start({
        kind: 'putCluster',
        target: target('ops2'),
        subscriptionId: SUB,
        correlationId: 'corr-2',
        submit: (client) =>
          client.managedClusters.createOrUpdate('rg1', 'ops2', { ...clusterBody, agentPoolProfiles: [{ ...clusterBody.agentPoolProfiles[0]!, mode: 'User' }] }),
      }),
    ).rejects.toBeInstanceOf(DependencyRejectedError);
    const failed = (await store.active()).filter((op) => op.value.target === target('ops2'));
    expect(failed).toEqual([]);
  });

  it('records an operation canceled in Azure as Canceled instead of polling it forever', async () => {
    const started = await newRunner().start({
      kind: 'putCluster',
      target: target('ops4'),
      subscriptionId: SUB,
      correlationId: 'corr-4',
      submit: (client) => client.managedClusters.createOrUpdate('rg1', 'ops4', clusterBody, { updateIntervalInMs: 5 }),
    });
    await newArm().containerService(SUB).managedClusters.abortLatestOperation('rg1', 'ops4', { updateIntervalInMs: 5 }).submitted();
    emulator.advanceClock(3_600);
    const done = await newRunner().refresh(started.id);
    expect(done?.status).toBe('Canceled');
    expect(await newRunner().repair()).toEqual({ active: 0, rescheduled: 0 });
  });

  it('records an ARM operation that fails later with its code', async () => {
    emulator.injectFault({ kind: 'lroFailure', operation: 'managedClusters.createOrUpdate', code: 'QuotaExceeded', message: 'no quota', remaining: 1 });
    const started = await newRunner().start({
      kind: 'putCluster',
      target: target('ops3'),
      subscriptionId: SUB,
      correlationId: 'corr-3',
      submit: (client) => client.managedClusters.createOrUpdate('rg1', 'ops3', clusterBody, { updateIntervalInMs: 5 }),
    });
    emulator.advanceClock(3_600);
    const done = await newRunner().refresh(started.id);
    expect(done?.status).toBe('Failed');
    expect(done?.error?.code).toBe('QuotaExceeded');
  });

  describe('checks driven by delayed queue messages', () => {
    const recordingScheduler = () => {
      const scheduled: { operationId: string; delaySeconds: number }[] = [];
      return {
        scheduled,
        schedule: (operationId: string, delaySeconds: number) => {
          scheduled.push({ operationId, delaySeconds });
          return Promise.resolve();
        },
      };
    };
    const put = (runner: ArmOperationRunner, name: string) =>
      runner.start({
        kind: 'putCluster',
        target: target(name),
        subscriptionId: SUB,
        correlationId: `corr-${name}`,
        submit: (client, onResponse) => client.managedClusters.createOrUpdate('rg1', name, clusterBody, { updateIntervalInMs: 5, onResponse }),
      });

    it("schedules the first check after ARM's Retry-After, and each check the next until the operation ends", async () => {
      const scheduler = recordingScheduler();
      const runner = new ArmOperationRunner(store, newArm(), scheduler);
      emulator.resetCounters();
      const started = await put(runner, 'q1');
      expect(scheduler.scheduled).toEqual([{ operationId: started.id, delaySeconds: 10 }]);
      const running = await runner.advance(started.id);
      expect(running).toMatchObject({ finishedNow: false, record: { status: 'InProgress' } });
      expect(scheduler.scheduled).toHaveLength(2);
      emulator.advanceClock(3_600);
      const done = await runner.advance(started.id);
      expect(done).toMatchObject({ finishedNow: true, record: { status: 'Succeeded' } });
      expect(scheduler.scheduled).toHaveLength(2);
      expect(await runner.advance(started.id)).toMatchObject({ finishedNow: false, record: { status: 'Succeeded' } });
      expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
    });

    it('reports the end once when two instances check at the same time', async () => {
      const runner = () => new ArmOperationRunner(store, newArm(), recordingScheduler());
      const started = await put(runner(), 'q2');
      emulator.advanceClock(3_600);
      const checks = await Promise.all([runner().advance(started.id), runner().advance(started.id), runner().advance(started.id)]);
      expect(checks.map((check) => check?.record.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
      expect(checks.filter((check) => check?.finishedNow)).toHaveLength(1);
    });

    it('tells an end once: a GET that found it first leaves the queue check nothing to tell; a failed telling is told by the next check', async () => {
      const told: string[] = [];
      let failNext = false;
      const onFinished = (record: { id: string }) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('outbox unavailable'));
        }
        told.push(record.id);
        return Promise.resolve();
      };
      const runner = () => new ArmOperationRunner(store, newArm(), recordingScheduler(), undefined, { onFinished });
      const first = await put(runner(), 'q4');
      const second = await put(runner(), 'q5');
      emulator.advanceClock(3_600);
      expect(await runner().refresh(first.id)).toMatchObject({ status: 'Succeeded' });
      await runner().advance(first.id);
      expect(told).toEqual([first.id]);

      failNext = true;
      await expect(runner().advance(second.id)).rejects.toThrow('outbox unavailable');
      await runner().advance(second.id);
      await runner().advance(second.id);
      expect(told).toEqual([first.id, second.id]);
    });

    it('repair re-schedules only operations whose check is overdue, and closes submissions cut off before ARM answered', async () => {
      const scheduler = recordingScheduler();
      const started = await put(new ArmOperationRunner(store, newArm()), 'q3');
      const soon = new ArmOperationRunner(store, newArm(), scheduler, () => new Date(Date.now() + 60_000));
      await soon.repair();
      expect(scheduler.scheduled.filter((s) => s.operationId === started.id)).toEqual([]);
      const later = new ArmOperationRunner(store, newArm(), scheduler, () => new Date(Date.now() + 10 * 60_000));
      await later.repair();
      expect(scheduler.scheduled.filter((s) => s.operationId === started.id)).toEqual([{ operationId: started.id, delaySeconds: 0 }]);

      const cutOff = await store.create({
        id: 'cut-off', kind: 'putCluster', target: target('q4'), status: 'Accepted', correlationId: 'c',
        createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
      });
      expect(cutOff.value.status).toBe('Accepted');
      await later.repair();
      expect((await store.get('cut-off'))?.value).toMatchObject({ status: 'Failed', error: { code: 'SubmissionInterrupted' } });
      emulator.advanceClock(3_600);
      await later.advance(started.id);
    });
  });

  it("paces checks by ARM's Retry-After, bounded", async () => {
    const paced = await startTestEmulator({ speed: 0, retryAfterSeconds: 1 });
    try {
      const scheduled: number[] = [];
      const arm = new ArmClients(
        testSettings({ FLEETPLANE_ARM_ENDPOINT: paced.baseUrl, FLEETPLANE_MODE: 'local', FLEETPLANE_ARM_CREDENTIAL: 'emulator' }),
        { maxRetries: 0 },
      );
      const runner = new ArmOperationRunner(store, arm, {
        schedule: (_id, delay) => {
          scheduled.push(delay);
          return Promise.resolve();
        },
      });
      await runner.start({
        kind: 'putCluster',
        target: target('paced'),
        subscriptionId: SUB,
        correlationId: 'corr-paced',
        submit: (client, onResponse) => client.managedClusters.createOrUpdate('rg1', 'paced', clusterBody, { updateIntervalInMs: 5, onResponse }),
      });
      expect(scheduled).toEqual([2]);
    } finally {
      await paced.close();
    }
  });
});

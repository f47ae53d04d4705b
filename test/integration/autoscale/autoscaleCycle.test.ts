import { inProcessAutoscale } from './support/inProcessApp';
import { QueueClient } from '@azure/storage-queue';
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import type { Fleetplane } from '../../../shared/app';
import type { AutoscalePolicyInput } from '../../../shared/domain/autoscale/policy';
import { autoscalePolicySchema } from '../../../shared/domain/autoscale/policy';
import { SUB, startTestEmulator } from '../../emulator/harness';
import { createCluster, createWorkspace, GIB, RESOURCE_GROUP } from '../../e2e/support/autoscaleStack';
import { CycleChainStore } from '../../../shared/features/autoscale/cycleChainStore';
import type { DecisionStore } from '../../../shared/features/autoscale/decisionStore';

const CLUSTER_ID = `/subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/demo`;
const context = () => new InvocationContext({ functionName: 'autoscaleCycle' });

/**
 * The cycle's use cases in process (no host): the queue chain on Azurite, the batch against the emulator with the
 * real SDK clients, driven message by message so that duplicates and races are exact.
 */
describe('the autoscale cycle (Azurite + emulator, messages handled in process)', () => {
  let emulator: RunningAksEmulator;
  let app: Fleetplane;
  let queue: QueueClient;

  const putPolicy = (pool: string, policy: AutoscalePolicyInput) =>
    app.autoscalePolicies.store.putPoolPolicy(
      { clusterResourceId: CLUSTER_ID, poolName: pool, poolMode: 'User', policy: autoscalePolicySchema.parse(policy), updatedAt: new Date().toISOString(), updatedBy: 'test' },
      undefined,
    );
  const queued = async () => (await queue.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString()) as Record<string, unknown>);
  const drain = async () => {
    for (;;) {
      const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 1 });
      if (receivedMessageItems.length === 0) return;
      for (const message of receivedMessageItems) await queue.deleteMessage(message.messageId, message.popReceipt);
    }
  };
  let decisionStore: DecisionStore;
  let tablePrefix: string;
  const decisionsOf = async (pool: string) => (await decisionStore.page(CLUSTER_ID, { pool, pageSize: 200 })).records;
  const subscriptionMessage = (cycle: number) => ({ kind: 'subscription', cycle, subscriptionId: SUB, at: emulator.now() });

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: Date.parse('2026-12-07T10:00:00Z') });
    await createWorkspace(emulator);
    await createCluster(emulator, 'demo', { user: 2, batch: 1 });
    emulator.advanceClock(30 * 60);
    emulator.workload.set(SUB, RESOURCE_GROUP, 'demo', {
      profile: { kind: 'steady', intensity: 1 },
      deployments: [
        { namespace: 'shop', name: 'web', replicas: 4, maxReplicas: 12, cpuRequestMillicores: 1000, memoryRequestBytes: GIB, cpuUtilisation: 0.5, nodeSelector: { os: 'linux', pool: 'user' } },
        { namespace: 'jobs', name: 'batch', replicas: 2, maxReplicas: 8, cpuRequestMillicores: 1000, memoryRequestBytes: GIB, cpuUtilisation: 0.5, nodeSelector: { os: 'linux', pool: 'batch' } },
      ],
    });
    let queueName: string;
    ({ app, tablePrefix, queueName, decisions: decisionStore } = inProcessAutoscale(emulator));
    queue = new QueueClient(inject('storageConnectionString'), queueName);
    await queue.createIfNotExists();
  }, 60_000);
  afterAll(() => emulator?.close());

  it('with no enabled policy, the repair timer starts nothing: no tick, no ARM call', async () => {
    emulator.resetCounters();
    await app.autoscale.repair(context());
    expect(await queued()).toEqual([]);
    expect(emulator.requestsSeen()).toBe(0);
  });

  it('a policy starts the chain; each tick runs once (duplicates and stale ticks do nothing) and fans out per subscription', async () => {
    await putPolicy('user', { minNodes: 2, maxNodes: 8, targets: { cpuUtilizationPercent: 60, pendingPods: true }, behavior: { scaleDown: { stabilizationWindowSeconds: 180 } } });
    await app.autoscale.repair(context());
    expect(await queued()).toEqual([{ kind: 'tick', cycle: 1 }]);
    await drain();
    await app.autoscale.repair(context()); // healthy: nothing more
    expect(await queued()).toEqual([]);

    await app.autoscale.handleMessage({ kind: 'tick', cycle: 1 }, context());
    const sent = await queued();
    expect(sent).toEqual([{ kind: 'subscription', cycle: 1, subscriptionId: SUB, at: expect.any(String) }]); // the next tick is still invisible
    await drain();
    await app.autoscale.handleMessage({ kind: 'tick', cycle: 1 }, context()); // a duplicate
    await app.autoscale.handleMessage({ kind: 'tick', cycle: 7 }, context()); // not the chain's
    expect(await queued()).toEqual([]);
  });

  it('the repair timer restarts a chain whose tick was lost, with the cycle the chain row expects', async () => {
    const chain = new CycleChainStore(app.storage.tableClient(`${tablePrefix}autoscale`));
    const stored = (await chain.read())!;
    expect(stored.value).toMatchObject({ status: 'running', nextCycle: 2 });
    await app.autoscale.repair(context());
    expect(await queued()).toEqual([]); // moved a moment ago: healthy
    expect(await chain.move({ ...stored.value, movedAt: new Date(Date.now() - 10 * 60_000).toISOString() }, stored.etag)).toBe(true);
    await app.autoscale.repair(context());
    expect(await queued()).toEqual([{ kind: 'tick', cycle: 2 }]);
    await drain();
  });

  it('a batch evaluates each governed pool once per cycle, records why, and a duplicate batch does nothing', async () => {
    emulator.resetCounters();
    await app.autoscale.handleMessage(subscriptionMessage(1), context());
    const first = await decisionsOf('user');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ trigger: 'cycle', cycle: 1, poolName: 'user', dryRun: false, outcome: { kind: 'NoChange' } });
    expect(first[0]!.sentence.length).toBeGreaterThan(20);
    expect((first[0]!.steps['metrics'] as { metric: string }[]).map((m) => m.metric).sort()).toEqual(['cpu', 'pendingPods']);
    expect(await decisionsOf('batch')).toEqual([]); // no policy, no decision
    const counters = emulator.counters();
    expect(counters['managedClusters.list']).toBe(1);
    expect(counters['metrics.getBatch']).toBe(1);
    expect(counters['logAnalytics.batch']).toBe(1);
    expect(counters['agentPools.createOrUpdate'] ?? 0).toBe(0);

    await app.autoscale.handleMessage(subscriptionMessage(1), context());
    expect(await decisionsOf('user')).toHaveLength(1);
  });

  it('a spike scales the pool up through a durable operation, sent once; the next cycle skips the pool while it runs', async () => {
    emulator.workload.patch(SUB, RESOURCE_GROUP, 'demo', { profile: { intensity: 3 } });
    emulator.advanceClock(60);
    emulator.resetCounters();
    await Promise.all([app.autoscale.handleMessage(subscriptionMessage(2), context()), app.autoscale.handleMessage(subscriptionMessage(2), context())]);
    const cycle2 = (await decisionsOf('user')).filter((d) => d.cycle === 2);
    expect(cycle2).toHaveLength(1);
    const [up] = cycle2;
    expect(up!.action).toMatchObject({ type: 'SetCount', from: 2 });
    expect((up!.action as { to: number }).to).toBeGreaterThan(2);
    expect(up!.outcome).toMatchObject({ kind: 'Submitted', operationId: expect.any(String) });
    // The pending pods were found, attributed to the pool their controller runs on, and sized like its pods.
    expect(up!.inputs['pendingPods']).toMatchObject({ groups: [{ count: 6, cpuMilli: 1000, memoryBytes: GIB }], unattributedInCluster: 0 });
    expect(emulator.appliedWrites()['agentPools.createOrUpdate']).toBe(1);
    const operation = await app.operations.store.get((up!.outcome as { operationId: string }).operationId);
    expect(operation?.value).toMatchObject({ kind: 'autoscaleNodePool', target: `${CLUSTER_ID}/agentPools/user` });

    emulator.advanceClock(10);
    await app.autoscale.handleMessage(subscriptionMessage(3), context());
    const cycle3 = (await decisionsOf('user')).find((d) => d.cycle === 3);
    expect(cycle3).toMatchObject({ skipped: 'InOperation', outcome: { kind: 'Skipped' } });
  });

  it('an evaluation on request (an alert) is queued and recorded with its reason', async () => {
    await drain();
    await app.autoscale.requestEvaluation({ clusterResourceId: CLUSTER_ID, reason: 'alert HighCpu fired' });
    const [message] = await queued();
    expect(message).toEqual({ kind: 'cluster', clusterResourceId: CLUSTER_ID, reason: 'alert HighCpu fired' });
    await drain();
    await app.autoscale.handleMessage(message, context());
    expect((await decisionsOf('user')).find((d) => d.trigger === 'alert')).toMatchObject({ reason: 'alert HighCpu fired' });
  });

  it('evaluations on request that race for the pool row are each recorded (a lost claim evaluates again on the winner\'s row)', async () => {
    const before = (await decisionsOf('user')).filter((d) => d.trigger === 'alert').length;
    const reasons = ['alert A fired', 'alert B fired', 'alert C fired'];
    await Promise.all(reasons.map((reason) => app.autoscale.handleMessage({ kind: 'cluster', clusterResourceId: CLUSTER_ID, reason }, context())));
    const alerts = (await decisionsOf('user')).filter((d) => d.trigger === 'alert');
    expect(alerts).toHaveLength(before + reasons.length);
    expect(alerts.map((d) => d.reason)).toEqual(expect.arrayContaining(reasons));
  });

  it('when every policy is disabled the next tick idles the chain and sends nothing', async () => {
    await putPolicy('user', { enabled: false, minNodes: 2, maxNodes: 8, targets: { cpuUtilizationPercent: 60 } });
    await drain();
    await app.autoscale.handleMessage({ kind: 'tick', cycle: 2 }, context());
    expect(await queued()).toEqual([]);
    await app.autoscale.repair(context());
    expect(await queued()).toEqual([]);
  });

  it('two pools of one cluster that both need a change: one is sent, the other waits a cycle with the reason', async () => {
    await putPolicy('user', { minNodes: 2, maxNodes: 8, targets: { cpuUtilizationPercent: 60, pendingPods: true } });
    await putPolicy('batch', { minNodes: 1, maxNodes: 4, targets: { pendingPods: true } });
    emulator.advanceClock(3_600);
    emulator.resetCounters();
    await app.autoscale.handleMessage(subscriptionMessage(10), context());
    const cycle10 = [...(await decisionsOf('user')), ...(await decisionsOf('batch'))].filter((d) => d.cycle === 10);
    expect(cycle10.map((d) => d.outcome.kind).sort()).toEqual(['Deferred', 'Submitted']);
    const deferred = cycle10.find((d) => d.outcome.kind === 'Deferred')!;
    expect(deferred.sentence).toContain('one operation per cluster');
    expect(emulator.appliedWrites()['agentPools.createOrUpdate']).toBe(1);
  });
});

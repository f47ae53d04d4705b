import { inProcessAutoscale } from './support/inProcessApp';
import { QueueClient } from '@azure/storage-queue';
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import type { Fleetplane } from '../../../shared/app';
import { autoscalePolicySchema, type AutoscalePolicyInput } from '../../../shared/domain/autoscale/policy';
import type { DecisionStore } from '../../../shared/features/autoscale/decisionStore';
import { WriteBudgetStore } from '../../../shared/features/autoscale/writeBudgetStore';
import { basicCluster, clusterPath, raw, SUB, startTestEmulator, withApi } from '../../emulator/harness';
import { createWorkspace, WORKSPACE } from '../../e2e/support/autoscaleStack';

const RG = 'rg-fanout';
/** 52 clusters in westeurope and 8 in eastus: batches of 8 (eastus, evaluated by the subscription message), 50 and 2. */
const CLUSTERS = [...Array.from({ length: 52 }, (_, i) => ({ name: `we-${i}`, location: 'westeurope' })), ...Array.from({ length: 8 }, (_, i) => ({ name: `us-${i}`, location: 'eastus' }))];
const idOf = (name: string) => clusterPath(RG, name);
const context = () => new InvocationContext({ functionName: 'autoscaleCycle' });

type Queued = { kind: string; source?: string; clusters?: { id: string; location: string }[] } & Record<string, unknown>;

/**
 * The cycle's fan-out per subscription and region batch, and the inventory snapshot in place of ARM's list when it
 * is fresh, messages handled in process (Azurite queue and tables, the emulator through the real SDK clients).
 */
describe('the autoscale cycle fans out per region batch and reads a fresh inventory snapshot (Azurite + emulator)', () => {
  let emulator: RunningAksEmulator;
  let app: Fleetplane;
  let queue: QueueClient;
  let decisions: DecisionStore;
  let budget: WriteBudgetStore;

  const putPolicy = (cluster: string, policy: AutoscalePolicyInput) =>
    app.autoscalePolicies.store.putPoolPolicy(
      { clusterResourceId: idOf(cluster), poolName: 'user', poolMode: 'User', policy: autoscalePolicySchema.parse(policy), updatedAt: new Date().toISOString(), updatedBy: 'test' },
      undefined,
    );
  const takeQueued = async (): Promise<Queued[]> => {
    const taken: Queued[] = [];
    for (;;) {
      const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 1 });
      if (receivedMessageItems.length === 0) return taken;
      for (const message of receivedMessageItems) {
        taken.push(JSON.parse(Buffer.from(message.messageText, 'base64').toString()) as Queued);
        await queue.deleteMessage(message.messageId, message.popReceipt);
      }
    }
  };
  const subscriptionMessage = (cycle: number) => ({ kind: 'subscription', cycle, subscriptionId: SUB, at: emulator.now() });
  /** The subscription message, then each batch it sent, twice (a duplicate of every message). */
  const runCycle = async (cycle: number): Promise<Queued[]> => {
    await app.autoscale.handleMessage(subscriptionMessage(cycle), context());
    const batches = await takeQueued();
    for (const batch of [...batches, ...batches]) await app.autoscale.handleMessage(batch, context());
    return batches;
  };
  const decisionsOfCycle = async (cycle: number, clusters = CLUSTERS.map((c) => c.name)) => {
    const perCluster = await Promise.all(clusters.map(async (name) => (await decisions.page(idOf(name), { pool: 'user', pageSize: 50 })).records.filter((d) => d.cycle === cycle)));
    return perCluster;
  };
  const syncInventory = async () => {
    const outcome = await app.inventory.sync.run();
    expect(outcome.status).toBe('succeeded');
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: Date.parse('2026-12-07T10:00:00Z') });
    await createWorkspace(emulator);
    for (const { name, location } of CLUSTERS) {
      const spec = basicCluster({ dnsPrefix: name, addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } } } });
      spec['location'] = location;
      (spec['properties'] as { agentPoolProfiles: unknown[] }).agentPoolProfiles.push({ name: 'user', mode: 'User', osType: 'Linux', vmSize: 'Standard_D4s_v5', count: 1 });
      expect((await raw(emulator, 'PUT', withApi(clusterPath(RG, name)), spec)).status).toBeLessThan(300);
    }
    emulator.advanceClock(30 * 60);
    const built = inProcessAutoscale(emulator, { FLEETPLANE_AUTOSCALE_INVENTORY_MAX_AGE_SECONDS: '60' });
    ({ app, decisions } = built);
    const { tablePrefix, queueName } = built;
    queue = new QueueClient(inject('storageConnectionString'), queueName);
    await queue.createIfNotExists();
    budget = new WriteBudgetStore(app.storage.tableClient(`${tablePrefix}autoscale`));
    for (const { name } of CLUSTERS) await putPolicy(name, { minNodes: 1, maxNodes: 5, targets: { cpuUtilizationPercent: 60 } });
  }, 120_000);
  afterAll(() => emulator?.close());

  it('one ARM list; the subscription message evaluates its first region batch and sends the others (≤ 50 clusters of one region); with every message duplicated each pool is evaluated once', async () => {
    emulator.resetCounters();
    const batches = await runCycle(1);
    expect(batches.map((b) => ({ kind: b.kind, source: b.source, regions: [...new Set(b.clusters!.map((c) => c.location))], size: b.clusters!.length }))).toEqual([
      { kind: 'batch', source: 'list', regions: ['westeurope'], size: 50 },
      { kind: 'batch', source: 'list', regions: ['westeurope'], size: 2 },
    ]);
    const carried = batches.flatMap((b) => b.clusters!.map((c) => c.id));
    expect(new Set(carried).size).toBe(52);
    const counters = emulator.counters();
    expect(counters['managedClusters.list']).toBe(1);
    expect(counters['metrics.getBatch']).toBe(3); // one per batch; the duplicates found every pool claimed
    expect(counters['managedClusters.get'] ?? 0).toBe(0);
    expect((await decisionsOfCycle(1)).map((ofCluster) => ofCluster.length)).toEqual(CLUSTERS.map(() => 1));

    // The subscription message retried after it sent its batches: the copies it sends find every pool claimed.
    await runCycle(1);
    expect((await decisionsOfCycle(1)).map((ofCluster) => ofCluster.length)).toEqual(CLUSTERS.map(() => 1));
  }, 120_000);

  it('a fresh inventory snapshot replaces the ARM list: no list call, the same batches, every pool evaluated', async () => {
    await syncInventory();
    emulator.advanceClock(60);
    emulator.resetCounters();
    const batches = await runCycle(2);
    expect(batches.map((b) => [b.source, b.clusters!.length])).toEqual([['snapshot', 50], ['snapshot', 2]]);
    expect(emulator.counters()['managedClusters.list'] ?? 0).toBe(0);
    expect((await decisionsOfCycle(2)).map((ofCluster) => ofCluster.length)).toEqual(CLUSTERS.map(() => 1));
  }, 120_000);

  it('a snapshot older than the setting is not used: the cycle lists', async () => {
    await app.inventory.store.updateSyncState((state) => ({
      ...state,
      subscriptions: { ...state.subscriptions, [SUB.toLowerCase()]: { ...state.subscriptions[SUB.toLowerCase()]!, lastSuccessAt: new Date(Date.now() - 61_000).toISOString() } },
    }));
    emulator.advanceClock(60);
    emulator.resetCounters();
    const batches = await runCycle(3);
    expect(batches.map((b) => b.source)).toEqual(['list', 'list']);
    expect(emulator.counters()['managedClusters.list']).toBe(1);
  }, 120_000);

  it('a snapshot taken before an autoscale write in the subscription is not used (it lacks that write): the cycle lists', async () => {
    await syncInventory();
    emulator.advanceClock(60);
    await budget.spend(SUB, 1, new Date(emulator.now()));
    emulator.resetCounters();
    const batches = await runCycle(4);
    expect(batches.map((b) => b.source)).toEqual(['list', 'list']);
    expect(emulator.counters()['managedClusters.list']).toBe(1);
  }, 120_000);

  it('a write decided on the snapshot reads the live pool first and is refused when its count moved since the snapshot', async () => {
    await putPolicy('us-0', { minNodes: 3, maxNodes: 5, targets: { cpuUtilizationPercent: 60 } });
    emulator.advanceClock(60);
    await syncInventory();
    // Someone scales the pool by hand after the inventory read it.
    const pool = { properties: { count: 2, mode: 'User', osType: 'Linux', vmSize: 'Standard_D4s_v5' } };
    expect((await raw(emulator, 'PUT', withApi(`${idOf('us-0')}/agentPools/user`), pool)).status).toBeLessThan(300);
    emulator.advanceClock(120);
    emulator.resetCounters();
    await runCycle(5);
    const [[refused]] = await decisionsOfCycle(5, ['us-0']) as unknown as [[{ action: unknown; outcome: { kind: string; reason: string } }]];
    expect(refused.action).toMatchObject({ type: 'SetCount', from: 1, to: 3 });
    expect(refused.outcome).toMatchObject({ kind: 'Skipped', reason: expect.stringContaining('count 1 → 2') });
    expect(emulator.counters()['managedClusters.list'] ?? 0).toBe(0);
    expect(emulator.counters()['agentPools.get']).toBe(1);
    expect(emulator.appliedWrites()['agentPools.createOrUpdate'] ?? 0).toBe(0);
  }, 120_000);

  it('a write decided on a snapshot that still matches the live pool is sent, restating the live pool, once', async () => {
    emulator.advanceClock(60);
    await syncInventory();
    emulator.resetCounters();
    await runCycle(6);
    const [[sent]] = await decisionsOfCycle(6, ['us-0']) as unknown as [[{ action: unknown; outcome: { kind: string } }]];
    expect(sent.action).toMatchObject({ type: 'SetCount', from: 2, to: 3 });
    expect(sent.outcome).toMatchObject({ kind: 'Submitted' });
    expect(emulator.counters()['agentPools.get']).toBe(1);
    expect(emulator.appliedWrites()['agentPools.createOrUpdate']).toBe(1);
    const live = await raw(emulator, 'GET', withApi(`${idOf('us-0')}/agentPools/user`));
    expect(live.body).toMatchObject({ properties: { count: 3, vmSize: 'Standard_D4s_v5', mode: 'User' } });
  }, 120_000);
});

import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { buildFleetplane, type Fleetplane } from '../../../shared/app';
import type { AutoscalePolicyInput } from '../../../shared/domain/autoscale/policy';
import { autoscalePolicySchema } from '../../../shared/domain/autoscale/policy';
import type { DecisionRecord } from '../../../shared/features/autoscale/decisionRecord';
import { DecisionStore } from '../../../shared/features/autoscale/decisionStore';
import { SUB, startTestEmulator } from '../../emulator/harness';
import { createCluster, createWorkspace, GIB, RESOURCE_GROUP } from '../../e2e/support/autoscaleStack';
import { testSettings, uniqueTablePrefix } from '../../support/storage';

const clusterId = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const context = () => new InvocationContext({ functionName: 'autoscaleCycle' });

/** Pods of the shop namespace that are running or waiting, per cluster, all counted for the pool `user`. */
const SHOP_PODS = 'KubePodInventory | where Namespace == "shop" | summarize arg_max(TimeGenerated, PodStatus) by _ResourceId, PodUid | where PodStatus in ("Running", "Pending") | summarize value = count() by _ResourceId, NodePool = "user"';
/** Valid as a policy, refused by the service when it runs: KubePodInventory has no NodePool column. */
const BROKEN = 'KubePodInventory | summarize value = count() by _ResourceId, NodePool';
const QUEUES = 'Shop/Queues';

const web = (replicas: number) => ({ namespace: 'shop', name: 'web', replicas, maxReplicas: 20, cpuRequestMillicores: 500, memoryRequestBytes: GIB, cpuUtilisation: 0.2, nodeSelector: { os: 'linux', pool: 'user' } });

/**
 * Log Analytics and custom metric targets through the cycle (in process, Azurite + emulator, real SDK clients): the
 * policy's query runs in the clusters' workspace in the same `$batch` as the pending-pod queries, custom metrics
 * through the metrics batch, and the pools follow them; what cannot be read never scales a pool down.
 */
describe('autoscale targets read from Log Analytics and Azure Monitor custom metrics', () => {
  let emulator: RunningAksEmulator;
  let app: Fleetplane;
  let decisions: DecisionStore;

  const putPolicy = (cluster: string, pool: string, policy: AutoscalePolicyInput) =>
    app.autoscalePolicies.store.putPoolPolicy(
      { clusterResourceId: clusterId(cluster), poolName: pool, poolMode: 'User', policy: autoscalePolicySchema.parse(policy), updatedAt: new Date().toISOString(), updatedBy: 'test' },
      undefined,
    );
  const cycle = async (number: number) => {
    emulator.advanceClock(60);
    emulator.resetCounters();
    await app.autoscale.handleMessage({ kind: 'subscription', cycle: number, subscriptionId: SUB, at: emulator.now() }, context());
  };
  const decisionOf = async (cluster: string, pool: string, number: number): Promise<DecisionRecord> => {
    const found = (await decisions.page(clusterId(cluster), { pool, pageSize: 200 })).records.find((record) => record.cycle === number);
    if (!found) throw new Error(`no decision for ${cluster}/${pool} in cycle ${number}`);
    return found;
  };
  const stepOf = (record: DecisionRecord, metric: string) => (record.steps['metrics'] as { metric: string; value: number | null; status: string; source?: string; note: string }[]).find((step) => step.metric === metric);
  const publishQueueDepth = (cluster: string, byPool: Record<string, number>) =>
    emulator.workload.publishCustomMetric(SUB, RESOURCE_GROUP, cluster, {
      time: emulator.now(),
      data: { baseData: { metric: 'queue_depth', namespace: QUEUES, dimNames: ['nodepool'], series: Object.entries(byPool).map(([pool, value]) => ({ dimValues: [pool], min: value, max: value, sum: value, count: 1 })) } },
    });

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: Date.parse('2026-12-07T10:00:00Z') });
    await createWorkspace(emulator);
    await createCluster(emulator, 'shop', { user: 2, batch: 1 });
    await createCluster(emulator, 'other', { user: 2 });
    emulator.advanceClock(30 * 60);
    for (const cluster of ['shop', 'other']) emulator.workload.set(SUB, RESOURCE_GROUP, cluster, { profile: { kind: 'steady', intensity: 1 }, deployments: [web(4)] });
    const tablePrefix = uniqueTablePrefix();
    app = buildFleetplane(
      testSettings({
        FLEETPLANE_TABLE_PREFIX: tablePrefix,
        FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
        FLEETPLANE_ARM_CREDENTIAL: 'emulator',
        FLEETPLANE_SUBSCRIPTION_IDS: SUB,
        FLEETPLANE_LOGS_ENDPOINT: `${emulator.baseUrl}/v1`,
        FLEETPLANE_METRICS_ENDPOINT: `${emulator.baseUrl}/regions/{region}`,
        FLEETPLANE_VIRTUAL_CLOCK_URL: `${emulator.baseUrl}/_emulator/clock`,
        FLEETPLANE_AUTOSCALE_QUEUE: `${tablePrefix}-autoscale`,
      }),
      { arm: { maxRetries: 0 }, logs: { maxRetries: 0 }, metrics: { maxRetries: 0 } },
    );
    decisions = new DecisionStore(app.storage.tableClient(`${tablePrefix}autoscaledecisions`));
  }, 60_000);
  afterAll(() => emulator?.close());

  it('pools follow their Log Analytics and custom metric targets; one Log Analytics $batch and one metrics batch per cycle', async () => {
    const target = { logAnalyticsMetric: { query: SHOP_PODS, targetAverageValue: 2 }, pendingPods: true };
    await putPolicy('shop', 'user', { minNodes: 1, maxNodes: 10, targets: target });
    await putPolicy('other', 'user', { minNodes: 1, maxNodes: 10, targets: target });
    await putPolicy('shop', 'batch', { minNodes: 1, maxNodes: 10, targets: { customMetric: { name: 'queue_depth', namespace: QUEUES, poolDimension: 'nodepool', targetAverageValue: 10 } } });
    publishQueueDepth('shop', { batch: 10, user: 500 });
    await cycle(1);
    const onTarget = await decisionOf('shop', 'user', 1);
    expect(stepOf(onTarget, 'logAnalytics')).toMatchObject({ status: 'ok', value: 4, source: SHOP_PODS });
    expect(onTarget.outcome.kind).toBe('NoChange');
    expect(stepOf(await decisionOf('other', 'user', 1), 'logAnalytics')).toMatchObject({ status: 'ok', value: 4 });
    const batchOnTarget = await decisionOf('shop', 'batch', 1);
    expect(stepOf(batchOnTarget, 'custom')).toMatchObject({ status: 'ok', value: 10, source: `${QUEUES}/queue_depth` });
    expect(batchOnTarget.outcome.kind).toBe('NoChange');
    // Two clusters, one workspace: the pending-pod queries and the (identical) target query in one request; the
    // custom metric of one cluster in one metrics batch; no CPU target, so no other metrics call.
    expect(emulator.counters()['logAnalytics.batch']).toBe(1);
    expect(emulator.counters()['metrics.getBatch']).toBe(1);

    emulator.workload.patch(SUB, RESOURCE_GROUP, 'shop', { deployments: [web(12)] });
    await cycle(2);
    const up = await decisionOf('shop', 'user', 2);
    expect(stepOf(up, 'logAnalytics')).toMatchObject({ status: 'ok', value: 12 });
    expect(up.action).toMatchObject({ type: 'SetCount', from: 2, to: 6 });
    expect(up.outcome.kind).toBe('Submitted');
    expect(up.inputs['logAnalyticsMetric']).toMatchObject({ query: SHOP_PODS, value: 12 });
    expect((await decisionOf('other', 'user', 2)).outcome.kind).toBe('NoChange');

    emulator.advanceClock(600); // the user pool's operation settles: one write per cluster at a time
    publishQueueDepth('shop', { batch: 35 });
    await cycle(3);
    const batchUp = await decisionOf('shop', 'batch', 3);
    expect(stepOf(batchUp, 'custom')).toMatchObject({ status: 'ok', value: 35 });
    expect(batchUp.action).toMatchObject({ type: 'SetCount', from: 1, to: 4 });
    expect(batchUp.outcome.kind).toBe('Submitted');
  });

  it('a query or metric that cannot be read leaves the pool as it is, with the reason; the other readings of the batch still count', async () => {
    emulator.workload.patch(SUB, RESOURCE_GROUP, 'other', { deployments: [web(0)] }); // would ask for one node if it were read
    await putPolicy('other', 'user', { minNodes: 1, maxNodes: 10, targets: { logAnalyticsMetric: { query: BROKEN, targetAverageValue: 2 }, pendingPods: true } });
    await putPolicy('shop', 'batch', { minNodes: 1, maxNodes: 10, targets: { customMetric: { name: 'queue_length', namespace: QUEUES, poolDimension: 'nodepool', targetAverageValue: 10 } } });
    await putPolicy('shop', 'user', { minNodes: 1, maxNodes: 10, targets: { customMetric: { name: 'queue_depth', namespace: QUEUES, poolDimension: 'nodepool', targetAverageValue: 2 } } });
    emulator.advanceClock(60);
    publishQueueDepth('shop', { user: 12 });
    await cycle(4);
    const other = await decisionOf('other', 'user', 4);
    expect(stepOf(other, 'logAnalytics')).toMatchObject({ status: 'missing', value: null, source: BROKEN });
    expect(other.inputs['logAnalyticsMetric']).toMatchObject({ unavailable: expect.stringMatching(/Log Analytics refused the query/) });
    expect(other.inputs['pendingPods']).toMatchObject({ groups: [] }); // its neighbour in the $batch answered
    expect(other.action).toMatchObject({ type: 'None' });
    const batch = await decisionOf('shop', 'batch', 4);
    expect(batch.inputs['customMetric']).toMatchObject({ unavailable: expect.stringMatching(/Failed to find metric configuration .* metric: queue_length/) });
    expect(batch.action).toMatchObject({ type: 'None' });
    // The unknown name shared its metrics call with shop/user's known one: only its own pool misses it.
    expect(stepOf(await decisionOf('shop', 'user', 4), 'custom')).toMatchObject({ status: 'ok', value: 12 });

    // A partial answer is no reading either.
    await putPolicy('other', 'user', { minNodes: 1, maxNodes: 10, targets: { logAnalyticsMetric: { query: SHOP_PODS, targetAverageValue: 2 } } });
    emulator.logAnalyticsFaults.inject({ queryContains: 'Namespace == "shop"', partialErrorMessage: 'Query result set has exceeded the internal record count limit', times: 1 });
    await cycle(5);
    const partial = await decisionOf('other', 'user', 5);
    expect(partial.inputs['logAnalyticsMetric']).toMatchObject({ unavailable: expect.stringMatching(/part of the rows/) });
    expect(partial.action).toMatchObject({ type: 'None' });

    // Pending pods likewise: part of the rows could undercount them, so it reads as unknown, not as none pending.
    await putPolicy('other', 'user', { minNodes: 1, maxNodes: 10, targets: { pendingPods: true, cpuUtilizationPercent: 90 } });
    emulator.logAnalyticsFaults.inject({ queryContains: 'PodStatus == "Pending"', partialErrorMessage: 'Query result set has exceeded the internal record count limit', times: 1 });
    await cycle(6);
    const pending = await decisionOf('other', 'user', 6);
    expect(pending.inputs['pendingPods']).toMatchObject({ unavailable: expect.stringMatching(/part of the rows/) });
  });
});

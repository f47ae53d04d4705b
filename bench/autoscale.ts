/**
 * `npm run bench:autoscale`: one autoscale cycle over 1,000 governed pools (BENCH_CLUSTERS clusters, default 500,
 * each with two User pools and a System pool) in 20 subscriptions and 2 regions, every cluster sending Container
 * Insights logs to its region's workspace. The AKS emulator (ARM, metrics batch API, Log Analytics) and the app run
 * in this process, Azurite for the tables. A fleet-wide policy governs every User pool (CPU 60 % and pending pods).
 * Prints the ARM and Azure Monitor calls of the cycle (emulator counters) against the naive count (two per pool:
 * a GET and a metrics query) and against the goal `subscriptions + ceil(clusters / 50) per region + workspaces +
 * changed pools`; then the CPU time of evaluating 10,000 pools in process (`measureEvaluationCpu`) against 2 s.
 * The Azure SDK must trust the emulator's certificate from process start, so the script reruns itself with
 * NODE_EXTRA_CA_CERTS when needed.
 *
 * Measured on the 2-core shared dev machine (Dec 2026), one cycle of 1,000 pools, 20 of them also following a Log
 * Analytics target (one query text):
 * - ARM 75 (20 lists, 53 pool writes, 2 workspace GETs), Azure Monitor 80 (40 metrics batches, 40 log batches): 155
 *   calls against 2,000 naive and a goal of 86. The Log Analytics targets cost no call: their query rides in the
 *   pending-pod `$batch` of each workspace (40 = 20 subscriptions × 2 workspaces, as without them). The gap to the
 *   goal: a batch is a subscription (the write budget is per subscription, and the metrics batch API takes one
 *   subscription per call), so metrics cost one call per subscription and region (40, not 11) and logs one per
 *   subscription and workspace (40, not 2).
 * - After the fan-out per region batch (Dec 2026, issue #11 section 2): each subscription message evaluates one region
 *   and sends the other as a batch message (20 sent): ARM 96 (20 lists, 53 writes, 21 `agentPools.get`, 2 workspace
 *   GETs), Azure Monitor 80 (unchanged: metrics were already per subscription and region): 176. The 21 GETs are the
 *   writes decided in batch messages, which carry summaries, not PUT-able profiles: the live pool is read before
 *   it is written (and the write refused if it moved). With `BENCH_SNAPSHOT=1` (a just-synced inventory): no list,
 *   but every one of the 53 writes reads its pool first: 188. The snapshot pays off in cycles with few writes
 *   (a steady cycle saves the 20 lists), not in this one, where 5 % of the pools change at once.
 * - 53 of 1,000 pools changed, 22 deferred (AKS runs one operation per cluster; both User pools of a cluster wanted
 *   one); wall time 70 s, nearly all of it the emulator generating Log Analytics rows in this same process;
 *   evaluatePool over 10,000 pools: 553 ms of CPU.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { performance } from 'node:perf_hooks';
import { InvocationContext } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { startAksEmulator, type RunningAksEmulator } from '../local/aks-emulator';
import { startAzurite } from '../local/azurite/startAzurite';
import { buildFleetplane, type Fleetplane } from '../shared/app';
import { autoscalePolicySchema } from '../shared/domain/autoscale/policy';
import { parseSettings } from '../shared/platform/settings/settings';
import { measureEvaluationCpu } from './autoscaleEvaluation';
import { loopbackClient, type Send } from './support/loopbackClient';
import { createRegionWorkspaces, regionWorkspaceId } from './support/regionWorkspaces';
import { trustEmulatorThenRun } from './support/trustEmulatorThenRun';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 500);
/** `BENCH_SNAPSHOT=1`: the cycle reads the subscriptions from a just-synced inventory instead of listing them. */
const USE_SNAPSHOT = process.env.BENCH_SNAPSHOT === '1';
const SUBSCRIPTIONS = Array.from({ length: 20 }, (_, i) => `${String(i + 1).padStart(8, '0')}-0000-4000-8000-000000000000`);
const REGIONS = ['eastus', 'westeurope'];
const SEED_CONCURRENCY = 20;
const START = Date.parse('2026-12-07T10:00:00Z');

/** Pools that also follow a Log Analytics target (their nodes per pool): one per subscription, one query text. */
const LOG_ANALYTICS_TARGET_POOLS = SUBSCRIPTIONS.length;
const NODES_PER_POOL = 'KubeNodeInventory | extend NodePool = tostring(parse_json(Labels)[0]["kubernetes.azure.com/agentpool"]) | summarize value = dcount(Computer) by _ResourceId, NodePool';
const clusterIdOf = (i: number) => `/subscriptions/${SUBSCRIPTIONS[i % SUBSCRIPTIONS.length]}/resourceGroups/rg-${i % 4}/providers/Microsoft.ContainerService/managedClusters/bench-${i}`;

const regionOf = (cluster: number) => REGIONS[Math.floor(cluster / SUBSCRIPTIONS.length) % REGIONS.length]!;
const workspaceId = (region: string) => regionWorkspaceId(SUBSCRIPTIONS[0]!, region);

async function seed(emulator: RunningAksEmulator, send: Send): Promise<void> {
  const auth = { authorization: 'Bearer bench' };
  await createRegionWorkspaces(emulator.baseUrl, send, SUBSCRIPTIONS[0]!, REGIONS);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CLUSTERS) {
      const i = next++;
      const region = regionOf(i);
      const url = `${emulator.baseUrl}${clusterIdOf(i)}?api-version=2026-06-01`;
      const pool = (name: string, mode: string, count: number) => ({ name, mode, vmSize: 'Standard_D4s_v5', count });
      const created = await send('PUT', url, auth, {
        location: region,
        properties: {
          dnsPrefix: `bench-${i}`,
          agentPoolProfiles: [pool('system', 'System', 1), pool('web', 'User', 2), pool('jobs', 'User', 2)],
          addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspaceId(region) } } },
        },
      });
      if (created.status !== 201) throw new Error(`seeding cluster ${i}: ${created.status} ${created.body}`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

/** The `jobs` pool of the first clusters gets its own policy: the fleet's targets plus a Log Analytics target. */
async function governWithLogAnalyticsTargets(app: Fleetplane): Promise<void> {
  const policy = autoscalePolicySchema.parse({ minNodes: 1, maxNodes: 10, targets: { cpuUtilizationPercent: 60, pendingPods: true, logAnalyticsMetric: { query: NODES_PER_POOL, targetAverageValue: 1 } } });
  for (let i = 0; i < Math.min(LOG_ANALYTICS_TARGET_POOLS, CLUSTERS); i += 1) {
    await app.autoscalePolicies.store.putPoolPolicy({ clusterResourceId: clusterIdOf(i), poolName: 'jobs', poolMode: 'User', policy, updatedAt: new Date().toISOString(), updatedBy: 'bench' }, undefined);
  }
}

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).flatMap(([name, count]) => (count - (before[name] ?? 0) > 0 ? [[name, count - (before[name] ?? 0)]] : [])));
}

/** Every message on the queue, taken off it (the batch messages of the cycle). */
async function takeAll(queue: QueueClient): Promise<unknown[]> {
  const taken: unknown[] = [];
  for (;;) {
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 300 });
    if (receivedMessageItems.length === 0) return taken;
    for (const message of receivedMessageItems) {
      taken.push(JSON.parse(Buffer.from(message.messageText, 'base64').toString()));
      await queue.deleteMessage(message.messageId, message.popReceipt);
    }
  }
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const emulator = await startAksEmulator({ port: 0, speed: 0, clockStart: START - 3_600_000, seed: 3, demoFleet: false, defaultVcpuQuota: 10_000_000, warmUpLogAnalytics: true });
  const agent = new Agent({ keepAlive: true, ca: readFileSync(emulator.caCertPath) });
  try {
    await seed(emulator, loopbackClient(agent));
    emulator.advanceClock(3_600);
    const settings = parseSettings({
      FLEETPLANE_MODE: 'local',
      AzureWebJobsStorage: azurite.connectionString,
      FLEETPLANE_TABLE_PREFIX: `bench${Date.now()}`,
      FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
      FLEETPLANE_ARM_CREDENTIAL: 'emulator',
      FLEETPLANE_SUBSCRIPTION_IDS: SUBSCRIPTIONS.join(','),
      FLEETPLANE_LOGS_ENDPOINT: `${emulator.baseUrl}/v1`,
      FLEETPLANE_METRICS_ENDPOINT: `${emulator.baseUrl}/regions/{region}`,
      FLEETPLANE_VIRTUAL_CLOCK_URL: `${emulator.baseUrl}/_emulator/clock`,
      FLEETPLANE_AUTOSCALE_QUEUE: `bench-autoscale-${Date.now()}`,
      FLEETPLANE_AUTOSCALE_INVENTORY_MAX_AGE_SECONDS: USE_SNAPSHOT ? '600' : '0',
      FLEETPLANE_ARM_CALL_DEADLINE_MS: '60000',
      // The emulator's Log Analytics shares this process's CPU: Azurite answers slower than a real account would.
      FLEETPLANE_STORAGE_TIMEOUT_MS: '30000',
      FLEETPLANE_STORAGE_TRY_TIMEOUT_MS: '15000',
    });
    const app = buildFleetplane(settings);
    await app.autoscalePolicies.store.putFleetPolicy(
      { name: 'bench', policy: { selector: { poolMode: 'User' }, enabled: true, mode: 'Enforce', minNodes: 1, maxNodes: 10, targets: { cpuUtilizationPercent: 60, pendingPods: true }, schedules: [] }, updatedAt: new Date().toISOString(), updatedBy: 'bench' },
      undefined,
    );
    await governWithLogAnalyticsTargets(app);
    if (USE_SNAPSHOT) await app.inventory.sync.run(); // before the counters: the inventory timer's call, not the cycle's
    const batchQueue = new QueueClient(azurite.connectionString, settings.FLEETPLANE_AUTOSCALE_QUEUE);
    await batchQueue.createIfNotExists();
    const at = emulator.now();
    const batches: { pools: number; submitted: number; deferred: number }[] = [];
    const unread: string[] = [];
    const context = new InvocationContext({
      functionName: 'autoscaleCycle',
      logHandler: (_level, ...args) => {
        const line = args[0] as { message?: string; pools?: number; submitted?: number; deferred?: number };
        if (line?.message === 'Autoscale batch evaluated') batches.push({ pools: line.pools ?? 0, submitted: line.submitted ?? 0, deferred: line.deferred ?? 0 });
        if (line?.message?.startsWith('An autoscale target could not be read') === true) unread.push(JSON.stringify(line));
      },
    });
    const before = emulator.counters();
    const started = performance.now();
    // The fan-out of one tick: a message per subscription, handled in parallel as the queue trigger would.
    await Promise.all(SUBSCRIPTIONS.map((subscriptionId) => app.autoscale.handleMessage({ kind: 'subscription', cycle: 1, subscriptionId, at }, context)));
    // Then the region batches those messages sent, as other instances would take them.
    const sent = await takeAll(batchQueue);
    await Promise.all(sent.map((message) => app.autoscale.handleMessage(message, context)));
    const elapsed = performance.now() - started;
    const calls = delta(before, emulator.counters());

    const monitor = (calls['metrics.getBatch'] ?? 0) + (calls['logAnalytics.batch'] ?? 0) + (calls['logAnalytics.query'] ?? 0);
    const writes = (calls['agentPools.createOrUpdate'] ?? 0) + (calls['managedClusters.start'] ?? 0) + (calls['managedClusters.stop'] ?? 0);
    const arm = Object.entries(calls).filter(([name]) => !name.startsWith('metrics.') && !name.startsWith('logAnalytics.') && !name.startsWith('admin.')).reduce((sum, [, n]) => sum + n, 0);
    const pools = CLUSTERS * 2;
    const perRegion = REGIONS.map((region) => Math.ceil(Array.from({ length: CLUSTERS }, (_, i) => regionOf(i)).filter((r) => r === region).length / 50)).reduce((a, b) => a + b, 0);
    const goal = SUBSCRIPTIONS.length + perRegion + REGIONS.length + writes;
    console.log(`One autoscale cycle${USE_SNAPSHOT ? ' (subscriptions read from a fresh inventory snapshot)' : ''}: ${pools} governed pools in ${CLUSTERS} clusters, ${SUBSCRIPTIONS.length} subscriptions, ${REGIONS.length} regions (emulator in-process, Azurite); ${Math.min(LOG_ANALYTICS_TARGET_POOLS, CLUSTERS)} pools also follow a Log Analytics target`);
    console.log(`  calls: ARM ${arm} (of which writes ${writes}), Azure Monitor ${monitor}, total ${arm + monitor}  ${JSON.stringify(calls)}`);
    console.log(`  naive (a GET and a metrics query per pool): ${2 * pools}`);
    console.log(`  goal (subscriptions ${SUBSCRIPTIONS.length} + ceil(clusters/50) per region ${perRegion} + workspaces ${REGIONS.length} + changed pools ${writes}): ${goal}`);
    const sum = (key: 'pools' | 'submitted' | 'deferred') => batches.reduce((total, batch) => total + batch[key], 0);
    measureEvaluationCpu(500); // warm up the JIT as a long-lived worker would be
    const cpu = measureEvaluationCpu(10_000);
    console.log(`  CPU time of evaluatePool over 10,000 pools in process: ${cpu.evaluationCpuMs} ms (goal: under 2,000 ms); schedules folded for ${cpu.poolsWithSchedules} pools: ${cpu.scheduleCpuMs} ms`);
    if (unread.length > 0) console.log(`  targets not read: ${unread.join('; ')}`);
    console.log(`  decisions ${sum('pools')} (submitted ${sum('submitted')}, deferred ${sum('deferred')}) in ${batches.length} batches (${sent.length} sent as batch messages); cycle wall time ${elapsed.toFixed(0)} ms`);
  } finally {
    agent.destroy();
    await emulator.close();
    await azurite.stop();
  }
}

trustEmulatorThenRun(main);

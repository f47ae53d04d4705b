/**
 * `npm run bench:fleetHealth`: GET /api/fleetHealth for a fleet of BENCH_CLUSTERS clusters (default 1,000) in
 * 2 subscriptions and 3 regions, every cluster sending Container Insights logs to its region's workspace. The AKS
 * emulator (ARM, metrics batch API, Log Analytics) runs in this process, the local host in its own, Azurite for
 * the inventory. Prints the ARM and Azure Monitor calls one request makes (from the emulator's counters) against
 * the naive count (a call per cluster for each of them), and the request's p50 over BENCH_REQUESTS (default 5).
 *
 * Measured on the 2-core shared dev machine (emulator and host on loopback), 1,000 clusters:
 * - before: did not finish in 12 min; 250 clusters p50 13.8 s, 100 clusters 5.3 s. CPU profile (250 clusters, 3
 *   requests): the emulator's Log Analytics queries 17.7 s of 42.7 s, of which generating KubePodInventory rows
 *   11.2 s and the garbage collector 18.1 s on top; metrics batches 0.2 s; the product (local host) 0.8 s in all.
 *   Each query generated every cluster of its workspace, so 1,000 clusters (4 chunks of 100 per workspace) cost 4x.
 * - pushing `where _ResourceId in~ (…)` into the table source (each query generates its 100 clusters only):
 *   finished, p50 38 s, but requests ran past the 25 s ARM deadline (Unknown: workspace reads timed out).
 * - plus inventory rows kept per cluster and past minute: whole run 134 s, p50 14.2 s, max 22.8 s (n=5), 36
 *   Monitor calls and 0 ARM vs 3,000 naive; peak RSS 2.2 GB. A cold first request can still see a workspace read
 *   past the 25 s ARM deadline (a few dozen clusters Unknown), printed as `not Healthy because`.
 * BENCH_HOST_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" profiles the host; `node --cpu-prof` the emulator.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAksEmulator, type RunningAksEmulator } from '../local/aks-emulator';
import { startAzurite } from '../local/azurite/startAzurite';
import { startDevIssuer } from '../local/dev-issuer';
import { spawnManaged, type ManagedChild } from '../local/stack/childProcess';
import { loopbackClient, type Send } from './support/loopbackClient';
import { createRegionWorkspaces, regionWorkspaceId } from './support/regionWorkspaces';
import { percentile } from './support/percentile';

const root = path.resolve(__dirname, '../..');
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 1_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5);
const SUBSCRIPTIONS = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
const REGIONS = ['eastus', 'westeurope', 'westus2'];
const AUDIENCE = 'api://fleetplane-bench';
const SEED_CONCURRENCY = 20;
const STARTUP_TIMEOUT_MS = 30_000;
const HOUR_MS = 3_600_000;

const workspaceId = (region: string) => regionWorkspaceId(SUBSCRIPTIONS[0]!, region);

async function seed(emulator: RunningAksEmulator, send: Send): Promise<void> {
  const auth = { authorization: 'Bearer bench' };
  await createRegionWorkspaces(emulator.baseUrl, send, SUBSCRIPTIONS[0]!, REGIONS);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CLUSTERS) {
      const i = next++;
      const region = REGIONS[i % REGIONS.length]!;
      const url = `${emulator.baseUrl}/subscriptions/${SUBSCRIPTIONS[i % 2]}/resourceGroups/rg-${i % 8}/providers/Microsoft.ContainerService/managedClusters/bench-${i}?api-version=2026-06-01`;
      const created = await send('PUT', url, auth, {
        location: region,
        properties: {
          dnsPrefix: `bench-${i}`,
          agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 2 }],
          addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspaceId(region) } } },
        },
      });
      if (created.status !== 201) throw new Error(`seeding cluster ${i}: ${created.status} ${created.body}`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

function countersDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).flatMap(([name, count]) => (count - (before[name] ?? 0) > 0 ? [[name, count - (before[name] ?? 0)]] : [])));
}

function reasonCounts(views: readonly { reasons: { code: string }[] }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reason of views.flatMap((view) => view.reasons)) {
    counts[reason.code] = (counts[reason.code] ?? 0) + 1;
  }
  return counts;
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-bench-issuer-')) });
  // Frozen clock an hour behind real time, moved on by hand: the health window is given with `until`.
  const emulator = await startAksEmulator({ port: 0, speed: 0, seed: 1, demoFleet: false, defaultVcpuQuota: 10_000_000, clockStart: Date.now() - HOUR_MS });
  const armAgent = new HttpsAgent({ keepAlive: true, ca: readFileSync(emulator.caCertPath) });
  const apiAgent = new HttpAgent({ keepAlive: true });
  let host: ManagedChild | undefined;
  try {
    await seed(emulator, loopbackClient(armAgent));
    emulator.advanceClock(45 * 60);
    host = spawnManaged({
      name: 'local host',
      command: process.execPath,
      // BENCH_HOST_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the product's side of the request
      args: [...(process.env.BENCH_HOST_NODE_ARGS?.split(' ').filter(Boolean) ?? []), path.join(root, 'dist/local/host/main.js'), root],
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_EXTRA_CA_CERTS: emulator.caCertPath,
        LOCAL_HOST_PORT: '0',
        LOCAL_HOST_TIMERS: 'false',
        LOCAL_HOST_QUEUES: 'false',
        FLEETPLANE_OPERATIONS_QUEUE: 'bench-operations',
        FLEETPLANE_WEBHOOK_DELIVERY_QUEUE: 'bench-webhooks',
        FLEETPLANE_MODE: 'local',
        FLEETPLANE_LOG_LEVEL: 'warning',
        AzureWebJobsStorage: azurite.connectionString,
        FLEETPLANE_TABLE_PREFIX: `bench${Date.now()}`,
        FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
        FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
        FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
        FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
        FLEETPLANE_ARM_CREDENTIAL: 'emulator',
        FLEETPLANE_SUBSCRIPTION_IDS: SUBSCRIPTIONS.join(','),
        FLEETPLANE_LOGS_ENDPOINT: `${emulator.baseUrl}/v1`,
        FLEETPLANE_METRICS_ENDPOINT: `${emulator.baseUrl}/regions/{region}`,
      },
    });
    const apiOrigin = (await host.waitForLine(/"message":"Host started".*"url":"(http:\/\/[^"/]+)/, STARTUP_TIMEOUT_MS))[1]!;
    const api = loopbackClient(apiAgent);
    const auth = { authorization: `Bearer ${await issuer.signToken({ audience: AUDIENCE, role: 'Admin' })}` };
    const synced = await api('POST', `${apiOrigin}/api/clusters/sync`, auth);
    if (synced.status !== 200) throw new Error(`inventory sync: ${synced.status} ${synced.body}`);

    const until = encodeURIComponent(emulator.now());
    const durations: number[] = [];
    const calls: Record<string, number>[] = [];
    let statuses: Record<string, number> = {};
    let unknownReasons: Record<string, number> = {};
    for (let i = 0; i < REQUESTS + 1; i += 1) {
      const before = emulator.counters();
      const started = performance.now();
      const reply = await api('GET', `${apiOrigin}/api/fleetHealth?until=${until}`, auth);
      const elapsed = performance.now() - started;
      if (reply.status !== 200) throw new Error(`fleetHealth answered ${reply.status}: ${reply.body.slice(0, 300)}`);
      const body = JSON.parse(reply.body) as { value: { status: string; reasons: { code: string; message: string }[] }[]; counts: Record<string, number> };
      if (body.value.length !== CLUSTERS) throw new Error(`fleetHealth listed ${body.value.length} clusters, not ${CLUSTERS}`);
      statuses = body.counts;
      unknownReasons = reasonCounts(body.value.filter((view) => view.status !== 'Healthy'));
      calls.push(countersDelta(before, emulator.counters()));
      if (i > 0) durations.push(elapsed); // the first request also loads the SDKs and reads each workspace's customerId
    }
    const steady = calls.at(-1)!;
    const monitorCalls = (steady['metrics.getBatch'] ?? 0) + (steady['logAnalytics.batch'] ?? 0) + (steady['logAnalytics.query'] ?? 0);
    const armCalls = Object.entries(steady).filter(([name]) => !name.startsWith('metrics.') && !name.startsWith('logAnalytics.')).reduce((sum, [, n]) => sum + n, 0);
    console.log(`GET /api/fleetHealth for ${CLUSTERS} clusters (2 subscriptions, 3 regions, all monitored), window PT15M, through the local host`);
    console.log(`  statuses: ${JSON.stringify(statuses)}`);
    // Unknown means data could not be read (e.g. a Monitor call past the request's deadlines): the bench shows why.
    if (Object.keys(unknownReasons).length > 0) console.log(`  not Healthy because: ${JSON.stringify(unknownReasons)}`);
    console.log(`  calls per request:  ARM ${armCalls}, Azure Monitor ${monitorCalls} ${JSON.stringify(steady)}`);
    console.log(`  first request:      ${JSON.stringify(calls[0])}`);
    console.log(`  naive (per cluster): ARM ${CLUSTERS} (cluster GET), metrics ${CLUSTERS}, log queries ${CLUSTERS} = ${3 * CLUSTERS} calls`);
    console.log(`  request p50 ${percentile(durations, 50).toFixed(0)} ms, max ${Math.max(...durations).toFixed(0)} ms (n=${durations.length}, after one warm-up request)`);
  } finally {
    await host?.stop();
    armAgent.destroy();
    apiAgent.destroy();
    await emulator.close();
    await issuer.close();
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

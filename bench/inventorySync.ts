/**
 * `npm run bench:inventorySync`: how long one inventory sync takes for a fleet of BENCH_CLUSTERS clusters
 * (default 1,000) in 2 subscriptions: the AKS emulator in this process, Azurite for the snapshot. Prints the
 * first sync (every row new) and the median of the next BENCH_SYNCS (default 5; every row replaced), with the
 * ARM calls each made. The Azure SDK must trust the emulator's certificate from process start, so the script
 * runs itself again with NODE_EXTRA_CA_CERTS when needed.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { performance } from 'node:perf_hooks';
import { startAksEmulator } from '../local/aks-emulator';
import { startAzurite } from '../local/azurite/startAzurite';
import { parseSettings } from '../shared/platform/settings/settings';
import { buildFleetplane } from '../shared/app';
import { loopbackClient } from './support/loopbackClient';
import { percentile } from './support/percentile';
import { trustEmulatorThenRun } from './support/trustEmulatorThenRun';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 1_000);
const SYNCS = Number(process.env.BENCH_SYNCS ?? 5);
const SUBSCRIPTIONS = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
const SEED_CONCURRENCY = 20;

async function seed(baseUrl: string, agent: Agent): Promise<void> {
  const send = loopbackClient(agent);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CLUSTERS) {
      const i = next++;
      const url = `${baseUrl}/subscriptions/${SUBSCRIPTIONS[i % 2]}/resourceGroups/rg-${i % 8}/providers/Microsoft.ContainerService/managedClusters/bench-${i}?api-version=2026-06-01`;
      const created = await send('PUT', url, { authorization: 'Bearer bench' }, {
        location: ['eastus', 'westeurope', 'westus2'][i % 3],
        tags: { env: i % 2 === 0 ? 'prod' : 'dev' },
        properties: { dnsPrefix: `bench-${i}`, agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 }] },
      });
      if (created.status !== 201) throw new Error(`seeding cluster ${i}: ${created.status} ${created.body}`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const emulator = await startAksEmulator({ port: 0, speed: 1_000_000, seed: 1, demoFleet: false, defaultVcpuQuota: 10_000_000 });
  const agent = new Agent({ keepAlive: true, ca: readFileSync(emulator.caCertPath) });
  try {
    await seed(emulator.baseUrl, agent);
    const settings = parseSettings({
      FLEETPLANE_MODE: 'local',
      AzureWebJobsStorage: azurite.connectionString,
      FLEETPLANE_TABLE_PREFIX: `bench${Date.now()}`,
      FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
      FLEETPLANE_ARM_CREDENTIAL: 'emulator',
      FLEETPLANE_SUBSCRIPTION_IDS: SUBSCRIPTIONS.join(','),
    });
    const { sync } = buildFleetplane(settings).inventory;
    const timedSync = async () => {
      const started = performance.now();
      const summary = await sync.run();
      if (summary.status !== 'succeeded') throw new Error(`sync ${summary.status}: ${JSON.stringify(summary.subscriptions)}`);
      return { ms: performance.now() - started, summary };
    };
    const first = await timedSync();
    const again: number[] = [];
    for (let i = 0; i < SYNCS; i += 1) again.push((await timedSync()).ms);
    const clusters = first.summary.subscriptions.reduce((sum, s) => sum + (s.clusters ?? 0), 0);
    console.log(`Inventory sync of ${clusters} clusters in ${SUBSCRIPTIONS.length} subscriptions (emulator in-process, Azurite)`);
    console.log(`  ARM calls per sync: ${first.summary.armCalls.managedClustersList} list, ${first.summary.armCalls.listKubernetesVersions} version catalogues`);
    console.log(`  first sync (all rows new):      ${first.ms.toFixed(0)} ms`);
    console.log(`  next syncs (all rows replaced): p50 ${percentile(again, 50).toFixed(0)} ms  (n=${again.length})`);
  } finally {
    agent.destroy();
    await emulator.close();
    await azurite.stop();
  }
}

trustEmulatorThenRun(main);

import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { performance } from 'node:perf_hooks';
import { startAksEmulator } from '../local/aks-emulator';
import { loopbackClient } from './support/loopbackClient';
import { percentile } from './support/percentile';

/**
 * Measures the AKS emulator on loopback: p50 latency of a cluster GET and of listing 1,000 clusters through nextLink
 * paging. Bounded by iteration counts and a wall-clock budget. Usage: `npm run bench:emulator`.
 */
const SUBSCRIPTION = '11111111-2222-4333-8444-555555555555';
const API = 'api-version=2026-06-01';
const CLUSTERS = 1_000;
const GET_ITERATIONS = 300;
const LIST_ITERATIONS = 20;
const BUDGET_MS = 60_000;

async function main(): Promise<void> {
  const started = performance.now();
  const emulator = await startAksEmulator({ port: 0, speed: 1_000_000, seed: 1, pageSize: 100, defaultVcpuQuota: 100_000 });
  const agent = new Agent({ keepAlive: true, ca: readFileSync(emulator.caCertPath) });
  const send = loopbackClient(agent);
  const auth = { authorization: 'Bearer bench' };
  const clusterUrl = (i: number): string => `${emulator.baseUrl}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench-${i % 10}/providers/Microsoft.ContainerService/managedClusters/bench-${i}?${API}`;
  try {
    for (let i = 0; i < CLUSTERS; i += 1) {
      const res = await send('PUT', clusterUrl(i), auth, {
        location: i % 2 === 0 ? 'eastus' : 'westeurope',
        properties: { dnsPrefix: `bench-${i}`, agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 }] },
      });
      if (res.status !== 201) throw new Error(`seeding cluster ${i} failed: ${res.status} ${res.body}`);
    }
    const getSamples: number[] = [];
    for (let i = 0; i < GET_ITERATIONS && performance.now() - started < BUDGET_MS; i += 1) {
      const t0 = performance.now();
      const res = await send('GET', clusterUrl(i % CLUSTERS), auth);
      getSamples.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`GET failed: ${res.status}`);
    }
    const listSamples: number[] = [];
    let pages = 0;
    for (let i = 0; i < LIST_ITERATIONS && performance.now() - started < BUDGET_MS; i += 1) {
      const t0 = performance.now();
      let next: string | undefined = `${emulator.baseUrl}/subscriptions/${SUBSCRIPTION}/providers/Microsoft.ContainerService/managedClusters?${API}`;
      let seen = 0;
      pages = 0;
      while (next !== undefined) {
        const res = await send('GET', next, auth);
        const page = JSON.parse(res.body) as { value: unknown[]; nextLink?: string };
        seen += page.value.length;
        pages += 1;
        next = page.nextLink;
      }
      listSamples.push(performance.now() - t0);
      if (seen !== CLUSTERS) throw new Error(`listed ${seen} clusters, expected ${CLUSTERS}`);
    }
    console.log(`AKS emulator latency on ${emulator.baseUrl} (loopback, keep-alive, ${CLUSTERS} clusters)`);
    console.log(`  cluster GET:                 p50 ${percentile(getSamples, 50).toFixed(2)} ms  p95 ${percentile(getSamples, 95).toFixed(2)} ms  (n=${getSamples.length})`);
    console.log(`  list 1,000 clusters (${pages} pages): p50 ${percentile(listSamples, 50).toFixed(2)} ms  p95 ${percentile(listSamples, 95).toFixed(2)} ms  (n=${listSamples.length})`);
  } finally {
    agent.destroy();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

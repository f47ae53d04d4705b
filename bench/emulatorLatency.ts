import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { startAksEmulator } from '../local/aks-emulator';

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

interface Reply {
  status: number;
  body: string;
}

function send(agent: Agent, method: string, url: string, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, { method, agent, headers: { authorization: 'Bearer bench', ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const started = performance.now();
  const emulator = await startAksEmulator({ port: 0, speed: 1_000_000, seed: 1, pageSize: 100, defaultVcpuQuota: 100_000 });
  const agent = new Agent({ keepAlive: true, ca: readFileSync(emulator.caCertPath) });
  const clusterUrl = (i: number): string => `${emulator.baseUrl}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench-${i % 10}/providers/Microsoft.ContainerService/managedClusters/bench-${i}?${API}`;
  try {
    for (let i = 0; i < CLUSTERS; i += 1) {
      const res = await send(agent, 'PUT', clusterUrl(i), {
        location: i % 2 === 0 ? 'eastus' : 'westeurope',
        properties: { dnsPrefix: `bench-${i}`, agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 }] },
      });
      if (res.status !== 201) throw new Error(`seeding cluster ${i} failed: ${res.status} ${res.body}`);
    }
    const getSamples: number[] = [];
    for (let i = 0; i < GET_ITERATIONS && performance.now() - started < BUDGET_MS; i += 1) {
      const t0 = performance.now();
      const res = await send(agent, 'GET', clusterUrl(i % CLUSTERS));
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
        const res = await send(agent, 'GET', next);
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

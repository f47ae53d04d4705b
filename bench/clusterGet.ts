/**
 * `npm run build && node dist/bench/clusterGet.js`: p50 of a cluster GET through the Fleet API (local host,
 * token validation, access check, ARM call through the real SDK, mapping) against the AKS emulator's own GET
 * of the same cluster, interleaved in the same run on loopback; GET /api/whoami shows the share of the host,
 * token validation and the role-binding read. Goal: ratio ≤ 1.5. Bounded by iteration counts
 * and a wall-clock budget.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAksEmulator } from '../local/aks-emulator';
import { startAzurite } from '../local/azurite/startAzurite';
import { startDevIssuer } from '../local/dev-issuer';
import { spawnManaged } from '../local/stack/childProcess';

const root = path.resolve(__dirname, '../..');
const SUBSCRIPTION = '11111111-2222-4333-8444-555555555555';
const ARM_CLUSTER = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench/providers/Microsoft.ContainerService/managedClusters/bench`;
const API_CLUSTER = `/api/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench/clusters/bench`;
const AUDIENCE = 'api://fleetplane-bench';
const WARMUP = 30;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const BUDGET_MS = 60_000;

interface Reply {
  status: number;
  body: string;
}

type Send = (method: string, url: string, headers: Record<string, string>, body?: unknown) => Promise<Reply>;

function sender(agent: HttpAgent | HttpsAgent, secure: boolean): Send {
  return (method, url, headers, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const options = {
        method,
        agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      };
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      };
      const req = secure ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      req.on('error', reject);
      req.end(payload);
    });
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timed(send: () => Promise<Reply>, samples: number[] | undefined): Promise<void> {
  const started = performance.now();
  const reply = await send();
  if (samples) samples.push(performance.now() - started);
  if (reply.status !== 200) throw new Error(`GET answered ${reply.status}: ${reply.body.slice(0, 300)}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const azurite = await startAzurite();
  const emulator = await startAksEmulator({ port: 0, speed: 1_000_000, seed: 1, demoFleet: false });
  const issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-bench-issuer-')) });
  const armAgent = new HttpsAgent({ keepAlive: true, ca: readFileSync(emulator.caCertPath) });
  const apiAgent = new HttpAgent({ keepAlive: true });
  const arm = sender(armAgent, true);
  const api = sender(apiAgent, false);
  const host = spawnManaged({
    name: 'local host',
    command: process.execPath,
    args: [path.join(root, 'dist/local/host/main.js'), root],
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
      LOCAL_HOST_PORT: '0',
      FLEETPLANE_MODE: 'local',
      FLEETPLANE_LOG_LEVEL: 'warning',
      AzureWebJobsStorage: azurite.connectionString,
      FLEETPLANE_TABLE_PREFIX: 'bench',
      FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
      FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
      FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
      FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
      FLEETPLANE_ARM_CREDENTIAL: 'emulator',
      FLEETPLANE_SUBSCRIPTION_IDS: SUBSCRIPTION,
    },
  });
  try {
    const origin = (await host.waitForLine(/"message":"Host started".*"url":"(http:\/\/[^"/]+)/, 20_000))[1]!;
    const token = await issuer.signToken({ audience: AUDIENCE, role: 'Reader' });
    const armUrl = `${emulator.baseUrl}${ARM_CLUSTER}?api-version=2026-06-01`;
    const created = await arm('PUT', armUrl, { authorization: 'Bearer bench' }, {
      location: 'eastus',
      properties: { dnsPrefix: 'bench', agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 3 }] },
    });
    if (created.status !== 201) throw new Error(`creating the cluster failed: ${created.status} ${created.body}`);
    const throughApi = () => api('GET', `${origin}${API_CLUSTER}`, { authorization: `Bearer ${token}` });
    const direct = () => arm('GET', armUrl, { authorization: 'Bearer bench' });
    const authenticationOnly = () => api('GET', `${origin}/api/whoami`, { authorization: `Bearer ${token}` });

    for (let i = 0; i < WARMUP; i += 1) {
      await timed(throughApi, undefined);
      await timed(direct, undefined);
    }
    const apiSamples: number[] = [];
    const emulatorSamples: number[] = [];
    const whoAmISamples: number[] = [];
    for (let i = 0; i < ITERATIONS && performance.now() - started < BUDGET_MS; i += 1) {
      await timed(throughApi, apiSamples);
      await timed(direct, emulatorSamples);
      await timed(authenticationOnly, whoAmISamples);
    }
    const apiP50 = percentile(apiSamples, 50);
    const emulatorP50 = percentile(emulatorSamples, 50);
    console.log(`Cluster GET on loopback (keep-alive, n=${apiSamples.length} each, interleaved)`);
    console.log(`  through the Fleet API:  p50 ${apiP50.toFixed(2)} ms  p95 ${percentile(apiSamples, 95).toFixed(2)} ms`);
    console.log(`  AKS emulator directly:  p50 ${emulatorP50.toFixed(2)} ms  p95 ${percentile(emulatorSamples, 95).toFixed(2)} ms`);
    console.log(`  GET /api/whoami (host + token + role bindings, no ARM): p50 ${percentile(whoAmISamples, 50).toFixed(2)} ms`);
    console.log(`  ratio (p50): ${(apiP50 / emulatorP50).toFixed(2)}x  (goal ≤ 1.5x)`);
  } finally {
    armAgent.destroy();
    apiAgent.destroy();
    await host.stop();
    await issuer.close();
    await emulator.close();
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

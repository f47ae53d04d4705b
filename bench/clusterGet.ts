/**
 * `npm run bench:clusterGet`: p50 of a cluster GET through the Fleet API (local host, token validation,
 * access check, ARM call through the real SDK, mapping) against the AKS emulator's own GET of the same
 * cluster, interleaved in the same run on loopback. Goal: ratio ≤ 1.5.
 *
 * Every service runs in its own process, as ARM and Fleetplane do for real clients: the emulator, the
 * local host, and a bare pass-through proxy that forwards the same GET to the emulator. The proxy is the
 * floor for any API that reads ARM live from its own process; the gap between it and the Fleet API is
 * what Fleetplane itself costs. GET /api/whoami shows the share of the host and token validation alone.
 * A second phase repeats the comparison with a latency injected into the emulator's GET
 * (BENCH_ARM_LATENCY_MS, default 20; 0 skips it), to show the overhead against a slower ARM.
 * Bounded by iteration counts (BENCH_ITERATIONS, default 300) and a wall-clock budget.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAzurite } from '../local/azurite/startAzurite';
import { startDevIssuer } from '../local/dev-issuer';
import { spawnManaged, type ManagedChild } from '../local/stack/childProcess';
import { loopbackClient, type Reply } from './support/loopbackClient';
import { percentile } from './support/percentile';

const root = path.resolve(__dirname, '../..');
const SUBSCRIPTION = '11111111-2222-4333-8444-555555555555';
const ARM_CLUSTER = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench/providers/Microsoft.ContainerService/managedClusters/bench`;
const ARM_QUERY = '?api-version=2026-06-01';
const API_CLUSTER = `/api/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench/clusters/bench`;
const AUDIENCE = 'api://fleetplane-bench';
const WARMUP = 30;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const ARM_LATENCY_MS = Number(process.env.BENCH_ARM_LATENCY_MS ?? 20);
const LATENCY_ITERATIONS = 60;
const BUDGET_MS = 120_000;
const STARTUP_TIMEOUT_MS = 30_000;

type Path = 'api' | 'emulator' | 'proxy' | 'whoami';
type Samples = Record<Path, number[]>;

async function timed(send: () => Promise<Reply>, samples: number[] | undefined): Promise<void> {
  const started = performance.now();
  const reply = await send();
  if (samples) samples.push(performance.now() - started);
  if (reply.status !== 200) throw new Error(`GET answered ${reply.status}: ${reply.body.slice(0, 300)}`);
}

function spawnNode(name: string, script: string, args: string[], env: NodeJS.ProcessEnv): ManagedChild {
  return spawnManaged({ name, command: process.execPath, args: [path.join(root, script), ...args], cwd: root, env: { PATH: process.env.PATH, ...env } });
}

async function main(): Promise<void> {
  const started = performance.now();
  const children: ManagedChild[] = [];
  const azurite = await startAzurite();
  const issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-bench-issuer-')) });
  const apiAgent = new HttpAgent({ keepAlive: true });
  let armAgent: HttpsAgent | undefined;
  try {
    const emulatorProcess = spawnNode('AKS emulator', 'dist/local/aks-emulator/main.js', ['--port', '0', '--no-demo-fleet', '--speed', '1000000', '--seed', '1'], {});
    children.push(emulatorProcess);
    const armOrigin = (await emulatorProcess.waitForLine(/listening on (https:\/\/\S+)/, STARTUP_TIMEOUT_MS))[1]!;
    const caCertPath = (await emulatorProcess.waitForLine(/CA certificate: (\S+)/, STARTUP_TIMEOUT_MS))[1]!;
    armAgent = new HttpsAgent({ keepAlive: true, ca: readFileSync(caCertPath) });
    const trustEmulator = { NODE_EXTRA_CA_CERTS: caCertPath };

    const host = spawnNode('local host', 'dist/local/host/main.js', [root], {
      ...trustEmulator,
      LOCAL_HOST_PORT: '0',
      FLEETPLANE_MODE: 'local',
      FLEETPLANE_LOG_LEVEL: 'warning',
      AzureWebJobsStorage: azurite.connectionString,
      FLEETPLANE_TABLE_PREFIX: 'bench',
      FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
      FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
      FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
      FLEETPLANE_ARM_ENDPOINT: armOrigin,
      FLEETPLANE_ARM_CREDENTIAL: 'emulator',
      FLEETPLANE_SUBSCRIPTION_IDS: SUBSCRIPTION,
    });
    children.push(host);
    const proxyProcess = spawnNode('pass-through proxy', 'dist/bench/support/passThroughProxy.js', [], { ...trustEmulator, TARGET_ORIGIN: armOrigin });
    children.push(proxyProcess);
    const apiOrigin = (await host.waitForLine(/"message":"Host started".*"url":"(http:\/\/[^"/]+)/, STARTUP_TIMEOUT_MS))[1]!;
    const proxyOrigin = (await proxyProcess.waitForLine(/listening on (http:\/\/\S+)/, STARTUP_TIMEOUT_MS))[1]!;

    const arm = loopbackClient(armAgent);
    const api = loopbackClient(apiAgent);
    const armAuth = { authorization: 'Bearer bench' };
    const created = await arm('PUT', `${armOrigin}${ARM_CLUSTER}${ARM_QUERY}`, armAuth, {
      location: 'eastus',
      properties: { dnsPrefix: 'bench', agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 3 }] },
    });
    if (created.status !== 201) throw new Error(`creating the cluster failed: ${created.status} ${created.body}`);
    const token = await issuer.signToken({ audience: AUDIENCE, role: 'Reader' });
    const userAuth = { authorization: `Bearer ${token}` };
    const paths: Record<Path, () => Promise<Reply>> = {
      api: () => api('GET', `${apiOrigin}${API_CLUSTER}`, userAuth),
      emulator: () => arm('GET', `${armOrigin}${ARM_CLUSTER}${ARM_QUERY}`, armAuth),
      proxy: () => api('GET', `${proxyOrigin}${ARM_CLUSTER}${ARM_QUERY}`, armAuth),
      whoami: () => api('GET', `${apiOrigin}/api/whoami`, userAuth),
    };

    const measure = async (iterations: number, measured: Path[]): Promise<Samples> => {
      const samples: Samples = { api: [], emulator: [], proxy: [], whoami: [] };
      for (let i = 0; i < WARMUP; i += 1) for (const name of measured) await timed(paths[name], undefined);
      for (let i = 0; i < iterations && performance.now() - started < BUDGET_MS; i += 1) {
        for (const name of measured) await timed(paths[name], samples[name]);
      }
      return samples;
    };

    const loopback = await measure(ITERATIONS, ['api', 'emulator', 'proxy', 'whoami']);
    const p50 = (name: Path, samples: Samples = loopback) => percentile(samples[name], 50);
    const row = (label: string, name: Path, samples: Samples = loopback) =>
      `  ${label.padEnd(44)} p50 ${p50(name, samples).toFixed(2).padStart(6)} ms  p95 ${percentile(samples[name], 95).toFixed(2).padStart(6)} ms`;
    console.log(`Cluster GET on loopback (keep-alive, each service in its own process, n=${loopback.api.length} each, interleaved)`);
    console.log(row('through the Fleet API', 'api'));
    console.log(row('AKS emulator directly', 'emulator'));
    console.log(row('bare pass-through proxy (the floor)', 'proxy'));
    console.log(row('GET /api/whoami (host + token, no ARM)', 'whoami'));
    console.log(`  Fleetplane adds ${(p50('api') - p50('emulator')).toFixed(2)} ms to the emulator's GET; ${(p50('api') - p50('proxy')).toFixed(2)} ms more than the floor`);
    console.log(`  floor ratio (p50): ${(p50('proxy') / p50('emulator')).toFixed(2)}x`);
    console.log(`  ratio (p50): ${(p50('api') / p50('emulator')).toFixed(2)}x  (goal ≤ 1.5x)`);

    if (ARM_LATENCY_MS > 0) {
      const fault = await arm('POST', `${armOrigin}/_emulator/faults`, armAuth, { kind: 'latency', operation: 'managedClusters.get', latencyMs: ARM_LATENCY_MS });
      if (fault.status !== 201) throw new Error(`injecting latency failed: ${fault.status} ${fault.body}`);
      const slower = await measure(LATENCY_ITERATIONS, ['api', 'emulator']);
      console.log(`With ${ARM_LATENCY_MS} ms injected into the emulator's GET (n=${slower.api.length} each)`);
      console.log(row('through the Fleet API', 'api', slower));
      console.log(row('AKS emulator directly', 'emulator', slower));
      console.log(`  ratio (p50): ${(p50('api', slower) / p50('emulator', slower)).toFixed(2)}x`);
    }
  } finally {
    armAgent?.destroy();
    apiAgent.destroy();
    for (const child of children.reverse()) await child.stop();
    await issuer.close();
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * `npm run bench:startup`: cold-start costs of the Functions app on the local host.
 *  - module load: time to require every function module (what a cold worker pays before the first call), and
 *    how many modules that loads; once more with APPLICATIONINSIGHTS_CONNECTION_STRING set (telemetry on)
 *  - first 200: from spawning the host process to the first 200 from GET /api/health
 * Medians over several runs; Azurite is started once and shared.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAzurite } from '../local/azurite/startAzurite';

const root = path.resolve(__dirname, '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Never reached: a module load exports nothing, and the distro's first export would find no listener there. */
const TELEMETRY_ON = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:9',
  APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
};

interface ModuleLoad {
  loadMs: number;
  modules: number;
}

function measureModuleLoad(env: Record<string, string> = {}): ModuleLoad {
  const out = execFileSync(process.execPath, [path.join(root, 'dist/bench/measureModuleLoad.js'), root], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  return JSON.parse(out) as ModuleLoad;
}

async function measureFirst200(connectionString: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/local/host/main.js'), root], {
    cwd: root,
    env: { PATH: process.env.PATH, AzureWebJobsStorage: connectionString, LOCAL_HOST_PORT: String(port), FLEETPLANE_MODE: 'local' },
    stdio: 'ignore',
  });
  try {
    const deadline = started + 20_000;
    while (performance.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the host did not answer 200 within 20 s');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const loads: ModuleLoad[] = [];
    const loadsWithTelemetry: ModuleLoad[] = [];
    const firsts: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      loads.push(measureModuleLoad());
      loadsWithTelemetry.push(measureModuleLoad(TELEMETRY_ON));
      firsts.push(await measureFirst200(azurite.connectionString, 17_071 + run));
    }
    const format = (values: number[]) => `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
    const formatLoads = (samples: ModuleLoad[]) => `${format(samples.map((s) => s.loadMs))}, ${median(samples.map((s) => s.modules))} modules`;
    console.log(`runs: ${RUNS}, node ${process.version}`);
    console.log(`load all function modules: ${formatLoads(loads)}`);
    console.log(`  the same with APPLICATIONINSIGHTS_CONNECTION_STRING (telemetry on): ${formatLoads(loadsWithTelemetry)}`);
    console.log(`process start to first 200: ${format(firsts)}`);
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

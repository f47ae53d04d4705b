import { startAksEmulator } from './index';
import type { AksEmulatorOptions } from './index';

/**
 * Standalone runner: `npm run emulator [-- --port 8443 --seed 7 --speed 60 --no-demo-fleet --retry-after 1 --public-base-url https://...]`.
 * Environment variables AKS_EMULATOR_PORT, _SEED, _SPEED, _DEMO_FLEET (true|false), _PUBLIC_BASE_URL, _CERT_DIR,
 * _RETRY_AFTER, _JWKS_URL (+ _ISSUER, _AUDIENCE) are read first; flags win.
 */
function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): AksEmulatorOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2);
    const next = argv[i + 1];
    if (inline !== undefined) flags.set(key ?? '', inline);
    else if (next !== undefined && !next.startsWith('--')) {
      flags.set(key ?? '', next);
      i += 1;
    } else flags.set(key ?? '', 'true');
  }
  const pick = (flag: string, variable: string): string | undefined => flags.get(flag) ?? env[variable];
  const number = (text: string | undefined): number | undefined => (text === undefined || text === '' ? undefined : Number(text));
  const demo = flags.has('no-demo-fleet') ? 'false' : pick('demo-fleet', 'AKS_EMULATOR_DEMO_FLEET');
  const jwksUrl = pick('jwks-url', 'AKS_EMULATOR_JWKS_URL');
  const issuer = pick('issuer', 'AKS_EMULATOR_ISSUER');
  const audience = pick('audience', 'AKS_EMULATOR_AUDIENCE');
  const options: AksEmulatorOptions = {
    port: number(pick('port', 'AKS_EMULATOR_PORT')) ?? 8443,
    speed: number(pick('speed', 'AKS_EMULATOR_SPEED')) ?? 60,
    seed: number(pick('seed', 'AKS_EMULATOR_SEED')) ?? 20261127,
    demoFleet: demo === undefined ? true : demo !== 'false',
    auth: jwksUrl === undefined ? { mode: 'any' } : { mode: 'jwks', jwksUrl, ...(issuer === undefined ? {} : { issuer }), ...(audience === undefined ? {} : { audience }) },
  };
  const publicBaseUrl = pick('public-base-url', 'AKS_EMULATOR_PUBLIC_BASE_URL');
  const certDir = pick('cert-dir', 'AKS_EMULATOR_CERT_DIR');
  const retryAfter = number(pick('retry-after', 'AKS_EMULATOR_RETRY_AFTER'));
  if (publicBaseUrl !== undefined) options.publicBaseUrl = publicBaseUrl;
  if (certDir !== undefined) options.certDir = certDir;
  if (retryAfter !== undefined) options.retryAfterSeconds = retryAfter;
  return options;
}

async function main(): Promise<void> {
  const emulator = await startAksEmulator(readOptions(process.argv.slice(2), process.env));
  console.log(`AKS emulator listening on ${emulator.baseUrl}`);
  console.log(`CA certificate: ${emulator.caCertPath}`);
  console.log(`Log Analytics query API (LogsQueryClient endpoint): ${emulator.baseUrl}/v1`);
  console.log(`Trust it with: NODE_EXTRA_CA_CERTS=${emulator.caCertPath}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, stopping the AKS emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

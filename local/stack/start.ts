/**
 * The local stack behind `npm start`: Azurite, the AKS emulator (unless real Azure is configured), and the
 * local Functions host serving the app. Ctrl-C stops all of it and frees every port.
 */
import path from 'node:path';
import { startAksEmulator, DEMO_SUBSCRIPTIONS, type RunningAksEmulator } from '../aks-emulator/index';
import { startAzurite, type RunningAzurite } from '../azurite/startAzurite';
import { DEV_API_CLIENT_ID, DEV_ISSUER_DEFAULT_DIR, startDevIssuer, webhookSenderToken, type RunningDevIssuer } from '../dev-issuer';
import { spawnManaged, type ManagedChild } from './childProcess';
import { readStackOptions, type StackOptions } from './stackOptions';
import { triggerQueueSettings } from './triggerQueues';

const root = path.resolve(__dirname, '../../..');

interface Running {
  children: ManagedChild[];
  azurite?: RunningAzurite;
  emulator?: RunningAksEmulator;
  issuer?: RunningDevIssuer;
  host?: ManagedChild;
}

async function main(): Promise<void> {
  const options = readStackOptions(process.argv.slice(2), process.env);
  const running: Running = { children: [] };
  const stop = installShutdown(running);
  const started = Date.now();
  running.azurite = await startAzurite({
    blobPort: options.azuritePorts.blob,
    queuePort: options.azuritePorts.queue,
    tablePort: options.azuritePorts.table,
    persistLocation: options.persist ? path.join(root, '.local', 'azurite') : undefined,
    onSpawn: (child) => running.children.push(child),
  });
  const armEnv = await armEnvironment(options, running);
  running.issuer = await startDevIssuer({ port: options.devIssuerPort, dir: path.join(root, DEV_ISSUER_DEFAULT_DIR) });
  running.host = spawnManaged({
    name: 'host',
    command: process.execPath,
    args: [path.join(root, 'dist/local/host/main.js'), root],
    cwd: root,
    env: {
      ...process.env,
      FLEETPLANE_MODE: 'local',
      ...triggerQueueSettings('fleetplane', process.env),
      AzureWebJobsStorage: process.env.AzureWebJobsStorage ?? running.azurite.connectionString,
      LOCAL_HOST_PORT: String(options.hostPort),
      FLEETPLANE_DEV_ISSUER: running.issuer.issuerUrl,
      FLEETPLANE_AUTH_AUDIENCES: process.env.FLEETPLANE_AUTH_AUDIENCES ?? DEV_API_CLIENT_ID,
      FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: process.env.FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE ?? 'true',
      ...armEnv,
    },
    onLine: (line) => process.stdout.write(`[host] ${line}\n`),
  });
  running.children.push(running.host);
  running.host.process.once('exit', (code) => void stop(`the host exited (code ${code})`, 1));
  await running.host.waitForLine(/"message":"Host started"/, 30_000);
  printBanner(options, running, Date.now() - started);
}

async function armEnvironment(options: StackOptions, running: Running): Promise<Record<string, string>> {
  if (options.realAzure) {
    console.log('AZURE_SUBSCRIPTION_ID is set: using real Azure Resource Manager with DefaultAzureCredential.');
    return {};
  }
  running.emulator = await startAksEmulator({
    port: options.emulatorPort,
    demoFleet: true,
    speed: options.emulatorSpeed,
    certDir: path.join(root, '.local', 'aks-emulator'),
    // Deliveries to webhooks configured with an audience carry a Fleet.Webhook token from the dev issuer.
    ...(running.issuer ? { webhookToken: (audience: string) => webhookSenderToken(running.issuer!, audience) } : {}),
  });
  return {
    FLEETPLANE_ARM_ENDPOINT: running.emulator.baseUrl,
    FLEETPLANE_ARM_CREDENTIAL: 'emulator',
    FLEETPLANE_SUBSCRIPTION_IDS: DEMO_SUBSCRIPTIONS.join(','),
    NODE_EXTRA_CA_CERTS: running.emulator.caCertPath,
  };
}

function printBanner(options: StackOptions, running: Running, elapsedMs: number): void {
  const api = `http://127.0.0.1:${options.hostPort}/api`;
  const lines = [
    '',
    `Fleetplane is running (started in ${(elapsedMs / 1000).toFixed(1)} s).`,
    `  API:            ${api}   (health: ${api}/health, OpenAPI: ${api}/openapi.json)`,
    running.emulator
      ? `  AKS emulator:   ${running.emulator.baseUrl}   (CA: ${running.emulator.caCertPath}; demo fleet in ${DEMO_SUBSCRIPTIONS.join(', ')})`
      : '  Azure:          real Azure Resource Manager',
    `  Storage:        Azurite ${options.persist ? '(kept in .local/azurite)' : '(in memory; --persist keeps data)'}`,
    `  Dev issuer:     ${running.issuer?.issuerUrl ?? ''}`,
    '  Dev token:      npm run token -- --role Owner   (then: curl -H "Authorization: Bearer $TOKEN" .../api/whoami)',
    '  Stop:           Ctrl-C',
    '',
  ];
  console.log(lines.join('\n'));
}

function installShutdown(running: Running): (reason: string, code: number) => Promise<void> {
  let stopping = false;
  const stop = async (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    await running.host?.stop().catch(() => undefined);
    await running.emulator?.close().catch(() => undefined);
    await running.issuer?.close().catch(() => undefined);
    await Promise.all(running.children.map((child) => child.stop().catch(() => undefined)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  process.on('uncaughtException', (error) => {
    console.error(error);
    void stop('error', 1);
  });
  process.on('unhandledRejection', (error) => {
    console.error(error instanceof Error ? error.message : error);
    void stop('error', 1);
  });
  return stop;
}

void main();

import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { VirtualClock } from './clock';
import { EmulatorControls } from './controls';
import { VersionCatalogue, defaultCatalogue } from './catalogue/versions';
import { DEFAULT_DURATIONS } from './engine/durations';
import type { SimulationDurations } from './engine/durations';
import { FaultInjector } from './engine/faults';
import { Fleet } from './engine/fleet';
import { NodeImageCatalogue } from './engine/nodeImages';
import { OperationEngine } from './engine/operations';
import { buildAdminRouter } from './http/adminRoutes';
import { buildArmRouter } from './http/armRoutes';
import type { AuthOptions } from './http/auth';
import { createAuthenticator } from './http/auth';
import { ArmThrottling } from './http/armThrottling';
import { RequestCounters } from './http/counters';
import { createRequestListener } from './http/server';
import { createLogAnalyticsApi, type QueryFaults } from './logAnalytics';
import { SeededRandom } from './random';
import { ensureEmulatorCertificate } from './tls';
import type { WorkloadControls } from './workload/workloadControls';
import { attachWorkload } from './workload/workloadControls';
import { fleetTablesFor, fleetWorkspacesOfResource } from './workspaces/workspaceLogs';
import { WebhookPublisher } from './webhooks/webhookPublisher';

export type { AuthOptions } from './http/auth';
export type { FaultRule, FaultKind } from './engine/faults';
export type { ThrottlingSettings } from './http/armThrottling';
export type { SimulationDurations } from './engine/durations';
export type { QuotaSetting, PoolNodesView } from './controls';
export { DEMO_SUBSCRIPTIONS } from './demoFleet';
export { ensureEmulatorCertificate } from './tls';
export type { WorkloadControls } from './workload/workloadControls';
export type { WorkloadSpec } from './workload/workloadSpec';
export type { WorkloadSnapshot } from './workload/workloadSnapshot';
export type { WebhookPublisher, DeliveryLogEntry } from './webhooks/webhookPublisher';
export type { WebhookSubscription } from './webhooks/webhookSubscriptions';

export const SUPPORTED_API_VERSIONS = [
  '2024-10-01',
  '2025-01-01',
  '2025-02-01',
  '2025-03-01',
  '2025-04-01',
  '2025-05-01',
  '2025-06-01',
  '2025-07-01',
  '2025-08-01',
  '2025-09-01',
  '2025-10-01',
  '2026-01-01',
  '2026-02-01',
  '2026-03-01',
  '2026-04-01',
  '2026-05-01',
  '2026-06-01',
] as const;

/** Default certificate directory (git-ignored): `.local/aks-emulator/` under the working directory. */
export const DEFAULT_CERT_DIR = path.resolve(process.cwd(), '.local', 'aks-emulator');

export interface AksEmulatorOptions {
  /** 0 = any free port. Default 0 here; main.ts defaults to 8443. */
  port?: number;
  host?: string;
  /** Origin used in every absolute URL returned (Azure-AsyncOperation, Location, nextLink). Default https://<host>:<port>. */
  publicBaseUrl?: string;
  certDir?: string;
  /** Seconds for Retry-After on LRO responses; undefined = no header (fast SDK polling). */
  retryAfterSeconds?: number;
  /** Virtual seconds per real second. 0 freezes time (move it with advanceClock). Default 60. */
  speed?: number;
  /** Virtual clock start (ISO string or epoch ms). Default: now. */
  clockStart?: string | number;
  durations?: Partial<SimulationDurations>;
  seed?: number;
  demoFleet?: boolean;
  auth?: AuthOptions;
  apiVersions?: readonly string[];
  pageSize?: number;
  /** vCPU quota per subscription, region and VM family unless overridden. Default 500. */
  defaultVcpuQuota?: number;
  /** AKS creates SGX pools without the add-on; the emulator refuses by default (see docs). */
  requireSgxAddonForConfidentialPools?: boolean;
  /**
   * Load the Kusto parser of the Log Analytics query API right after start (seconds of CPU, off the startup path)
   * instead of on the first query. Default true.
   */
  warmUpLogAnalytics?: boolean;
  /** Signs the Entra token of a webhook delivery for an audience (the dev issuer's signer); none = no token. */
  webhookToken?: (audience: string) => Promise<string>;
  /** Waits between delivery attempts (default 200 ms, 1 s, 3 s: four attempts). */
  webhookRetryDelaysMs?: readonly number[];
}

export interface RunningAksEmulator extends EmulatorControlsApi {
  /** The public base URL (what clients should use as `endpoint`). */
  baseUrl: string;
  /** The socket origin actually listened on (differs from baseUrl when publicBaseUrl is set). */
  listenUrl: string;
  caCertPath: string;
  port: number;
  /** The per-cluster workload simulation (same as the admin API's `/_emulator/clusters/{sub}/{rg}/{name}/workload`). */
  workload: WorkloadControls;
  /** Timeouts and partial failures of the Log Analytics query API (`inject`, `clear`). */
  logAnalyticsFaults: QueryFaults;
  /** Event Grid subscriptions, action-group webhooks and their deliveries (also `/_emulator/webhooks`). */
  webhooks: WebhookPublisher;
  close(): Promise<void>;
}

export type EmulatorControlsApi = Pick<
  EmulatorControls,
  | 'counters'
  | 'appliedWrites'
  | 'requestsSeen'
  | 'resetCounters'
  | 'injectFault'
  | 'listFaults'
  | 'clearFaults'
  | 'throttling'
  | 'setThrottling'
  | 'setQuota'
  | 'quotas'
  | 'declarePdb'
  | 'clearPdbs'
  | 'injectUpgradeFailure'
  | 'clearUpgradeFailures'
  | 'nodes'
  | 'advanceClock'
  | 'now'
  | 'setClockSpeed'
  | 'publishKubernetesVersion'
  | 'publishNodeImage'
  | 'seedDemoFleet'
  | 'monitoringWorkspace'
  | 'reset'
>;

export async function startAksEmulator(options: AksEmulatorOptions = {}): Promise<RunningAksEmulator> {
  const host = options.host ?? '127.0.0.1';
  const { certPath, keyPath } = await ensureEmulatorCertificate(options.certDir ?? DEFAULT_CERT_DIR);
  const clockStart = options.clockStart === undefined ? Date.now() : typeof options.clockStart === 'number' ? options.clockStart : Date.parse(options.clockStart);
  const clock = new VirtualClock(clockStart, options.speed ?? 60);
  const seed = options.seed ?? 20261127;
  const random = new SeededRandom(seed);
  const fleet = new Fleet(clock, random, new VersionCatalogue(defaultCatalogue()), new NodeImageCatalogue(), new OperationEngine(clock), {
    durations: { ...DEFAULT_DURATIONS, ...options.durations },
    defaultVcpuQuota: options.defaultVcpuQuota ?? 500,
    requireSgxAddonForConfidentialPools: options.requireSgxAddonForConfidentialPools ?? true,
  });
  const faults = new FaultInjector();
  const counters = new RequestCounters();
  const appliedWrites = new RequestCounters();
  const workload = attachWorkload(fleet, seed);
  const throttling = new ArmThrottling(() => Date.now(), () => clock.now());
  let publicBaseUrl = options.publicBaseUrl?.replace(/\/+$/, '') ?? '';
  const webhooks = new WebhookPublisher(fleet.events, {
    clock,
    publicBaseUrl: () => publicBaseUrl,
    ...(options.webhookToken ? { token: options.webhookToken } : {}),
    ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
  });
  const controls = new EmulatorControls(fleet, faults, counters, workload, throttling, appliedWrites, webhooks);
  const logAnalytics = createLogAnalyticsApi({
    tablesFor: fleetTablesFor(fleet, workload.simulation),
    workspacesOfResource: fleetWorkspacesOfResource(fleet),
    now: () => clock.now(),
  });

  const server = createServer(
    { cert: await readFile(certPath), key: await readFile(keyPath) },
    createRequestListener({
      fleet,
      workload: workload.simulation,
      controls,
      faults,
      counters,
      throttling,
      appliedWrites,
      authenticate: createAuthenticator(options.auth ?? { mode: 'any' }),
      armRouter: buildArmRouter(),
      adminRouter: buildAdminRouter(),
      supportedApiVersions: options.apiVersions ?? SUPPORTED_API_VERSIONS,
      publicBaseUrl: () => publicBaseUrl,
      ...(options.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
      pageSize: options.pageSize ?? 100,
      logAnalytics,
    }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (publicBaseUrl === '') publicBaseUrl = `https://${host}:${port}`;
  if (options.demoFleet === true) controls.seedDemoFleet();
  const warmUp = options.warmUpLogAnalytics === false ? undefined : setTimeout(() => logAnalytics.warmUp(), 0);

  const bind = <K extends keyof EmulatorControlsApi>(key: K): EmulatorControlsApi[K] => (controls[key] as (...args: unknown[]) => unknown).bind(controls) as EmulatorControlsApi[K];
  return {
    baseUrl: publicBaseUrl,
    listenUrl: `https://${host}:${port}`,
    caCertPath: certPath,
    port,
    workload,
    counters: bind('counters'),
    appliedWrites: bind('appliedWrites'),
    requestsSeen: bind('requestsSeen'),
    resetCounters: bind('resetCounters'),
    injectFault: bind('injectFault'),
    listFaults: bind('listFaults'),
    clearFaults: bind('clearFaults'),
    throttling: bind('throttling'),
    setThrottling: bind('setThrottling'),
    setQuota: bind('setQuota'),
    quotas: bind('quotas'),
    declarePdb: bind('declarePdb'),
    clearPdbs: bind('clearPdbs'),
    injectUpgradeFailure: bind('injectUpgradeFailure'),
    clearUpgradeFailures: bind('clearUpgradeFailures'),
    nodes: bind('nodes'),
    advanceClock: bind('advanceClock'),
    now: bind('now'),
    setClockSpeed: bind('setClockSpeed'),
    publishKubernetesVersion: bind('publishKubernetesVersion'),
    publishNodeImage: bind('publishNodeImage'),
    seedDemoFleet: bind('seedDemoFleet'),
    monitoringWorkspace: bind('monitoringWorkspace'),
    logAnalyticsFaults: logAnalytics.faults,
    webhooks,
    reset: bind('reset'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearTimeout(warmUp);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

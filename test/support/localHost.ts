import path from 'node:path';
import { spawnManaged, type ManagedChild } from '../../local/stack/childProcess';
import { triggerQueueSettings } from '../../local/stack/triggerQueues';

export const repoRoot = path.resolve(__dirname, '../..');
export const hostMain = path.join(repoRoot, 'dist/local/host/main.js');

export interface StartedHost {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  child: ManagedChild;
  output(): string;
  stop(): Promise<void>;
}

/** Runs the compiled local host as its own process, as `npm start` does, on a free port. */
export async function startLocalHost(options: { appDir?: string; env: Record<string, string> }): Promise<StartedHost> {
  const queuePrefix = (options.env.FLEETPLANE_TABLE_PREFIX ?? `q${Date.now().toString(36)}`).toLowerCase();
  const child = spawnManaged({
    name: 'local host',
    command: process.execPath,
    args: [hostMain, options.appDir ?? repoRoot],
    cwd: options.appDir ?? repoRoot,
    env: {
      PATH: process.env.PATH,
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      LOCAL_HOST_PORT: '0',
      FLEETPLANE_MODE: 'local',
      // Each host polls its own queues, as each has its own tables in the shared Azurite.
      ...triggerQueueSettings(queuePrefix),
      ...options.env,
    },
  });
  try {
    const match = await child.waitForLine(/"message":"Host started".*"url":"(http:\/\/[^"/]+)/, 20_000);
    const origin = match[1]!;
    return { origin, child, output: () => child.recentOutput(), stop: () => child.stop() };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/**
 * The environment of a host that serves the fleet API against the AKS emulator, with tokens from the dev
 * issuer (app roles at tenant scope) and its own tables in the shared Azurite. Timers off unless asked for.
 */
export function fleetApiHostEnv(options: {
  storageConnectionString: string;
  issuerUrl: string;
  audience: string;
  armEndpoint: string;
  subscriptionIds: readonly string[];
  tablePrefix: string;
  timers?: boolean;
}): Record<string, string> {
  return {
    AzureWebJobsStorage: options.storageConnectionString,
    FLEETPLANE_TABLE_PREFIX: options.tablePrefix,
    FLEETPLANE_DEV_ISSUER: options.issuerUrl,
    FLEETPLANE_AUTH_AUDIENCES: options.audience,
    FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
    FLEETPLANE_ARM_ENDPOINT: options.armEndpoint,
    FLEETPLANE_ARM_CREDENTIAL: 'emulator',
    FLEETPLANE_SUBSCRIPTION_IDS: options.subscriptionIds.join(','),
    LOCAL_HOST_TIMERS: options.timers ? 'true' : 'false',
  };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { startDevIssuer, webhookSenderToken, type RunningDevIssuer } from '../../local/dev-issuer';
import { startTestEmulator, SUB } from '../emulator/harness';
import { fleetApiHostEnv, startLocalHost, type StartedHost } from './localHost';
import { uniqueTablePrefix } from './storage';

type EmulatorOptions = Parameters<typeof startTestEmulator>[0];
type TokenClaims = Omit<Parameters<RunningDevIssuer['signToken']>[0], 'audience'>;

export interface FleetStackOptions {
  /** The token audience the host accepts; one per test file keeps tokens from crossing files. */
  audience: string;
  emulator?: EmulatorOptions;
  /** Runs against the emulator before the host starts (clusters, workspaces, the clock). */
  prepare?: (emulator: RunningAksEmulator) => Promise<void> | void;
  /** Logs and metrics endpoints point at the emulator's Azure Monitor APIs. */
  monitoring?: boolean;
  /** More host settings, on top of the fleet API's. */
  env?: (emulator: RunningAksEmulator) => Record<string, string>;
  tablePrefix?: string;
}

/** The fleet API as deployed: the local host in front of the AKS emulator, Azurite and the dev token issuer. */
export interface FleetStack {
  issuer: RunningDevIssuer;
  emulator: RunningAksEmulator;
  host: StartedHost;
  tablePrefix: string;
  /** A dev-issuer token for this stack's audience (`role` is an app role at tenant scope). */
  token(claims?: TokenClaims): Promise<string>;
  stop(): Promise<void>;
}

export async function startFleetStack(options: FleetStackOptions): Promise<FleetStack> {
  const issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
  // The emulator signs its webhook deliveries with this issuer (app role Fleet.Webhook).
  const emulator = await startTestEmulator({ ...(options.emulator ?? { speed: 0 }), webhookToken: (audience) => webhookSenderToken(issuer, audience) });
  await options.prepare?.(emulator);
  const tablePrefix = options.tablePrefix ?? uniqueTablePrefix();
  const host = await startLocalHost({
    env: {
      ...fleetApiHostEnv({
        storageConnectionString: inject('storageConnectionString'),
        issuerUrl: issuer.issuerUrl,
        audience: options.audience,
        armEndpoint: emulator.baseUrl,
        subscriptionIds: [SUB],
        tablePrefix,
      }),
      ...(options.monitoring
        ? { FLEETPLANE_LOGS_ENDPOINT: `${emulator.baseUrl}/v1`, FLEETPLANE_METRICS_ENDPOINT: `${emulator.baseUrl}/regions/{region}` }
        : {}),
      ...options.env?.(emulator),
    },
  });
  return {
    issuer,
    emulator,
    host,
    tablePrefix,
    token: (claims: TokenClaims = {}) => issuer.signToken({ audience: options.audience, ...claims }),
    stop: async () => {
      await host.stop();
      await emulator.close();
      await issuer.close();
    },
  };
}

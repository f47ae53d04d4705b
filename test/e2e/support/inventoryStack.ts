import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { DEV_API_CLIENT_ID, startDevIssuer, type RunningDevIssuer } from '../../../local/dev-issuer';
import { seedFleet, startInventoryEmulator, SUB_A, SUB_B, type SeededCluster } from '../../integration/inventory/inventoryFleet';
import { fleetApiHostEnv, startLocalHost, type StartedHost } from '../../support/localHost';
import { uniqueTablePrefix } from '../../support/storage';

export interface InventoryStack {
  emulator: RunningAksEmulator;
  issuer: RunningDevIssuer;
  host: StartedHost;
  fleet: SeededCluster[];
  /** Tokens with the app role Reader or Admin (tenant scope). */
  reader: string;
  admin: string;
  stop(): Promise<void>;
}

/**
 * The compiled app on the local host over a seeded emulator fleet (2 subscriptions), Azurite and the dev
 * issuer, timers off: what the inventory's HTTP tests need. `stop` releases all of it.
 */
export async function startInventoryStack(clusters: number): Promise<InventoryStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fleetplane-inventory-e2e-'));
  let emulator: RunningAksEmulator | undefined;
  let issuer: RunningDevIssuer | undefined;
  let host: StartedHost | undefined;
  const stop = async () => {
    await host?.stop();
    await issuer?.close();
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    emulator = await startInventoryEmulator();
    const fleet = await seedFleet(emulator, clusters);
    issuer = await startDevIssuer({ port: 0, dir });
    host = await startLocalHost({
      env: fleetApiHostEnv({
        storageConnectionString: inject('storageConnectionString'),
        tablePrefix: uniqueTablePrefix(),
        issuerUrl: issuer.issuerUrl,
        audience: DEV_API_CLIENT_ID,
        armEndpoint: emulator.baseUrl,
        subscriptionIds: [SUB_A, SUB_B],
      }),
    });
    const [reader, admin] = await Promise.all([
      issuer.signToken({ audience: DEV_API_CLIENT_ID, role: 'Reader' }),
      issuer.signToken({ audience: DEV_API_CLIENT_ID, role: 'Admin' }),
    ]);
    return { emulator, issuer, host, fleet, reader, admin, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

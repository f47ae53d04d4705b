import type { TestProject } from 'vitest/node';
import { startAzurite, type RunningAzurite } from '../../local/azurite/startAzurite';
import { setupEmulatorCa } from './emulatorCa';

/**
 * Starts what every suite may need, once per `vitest run`: Azurite (in memory, free ports) and trust in the
 * AKS emulator's CA. Suites start their own emulator and local host so each can control them.
 */
let azurite: RunningAzurite | undefined;

export async function setup(project: TestProject): Promise<void> {
  await setupEmulatorCa();
  azurite = await startAzurite();
  process.env.FLEETPLANE_TEST_STORAGE = azurite.connectionString;
  project.provide('storageConnectionString', azurite.connectionString);
}

export async function teardown(): Promise<void> {
  await azurite?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    storageConnectionString: string;
  }
}

import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { parseSettings, type Settings } from '../../shared/platform/settings/settings';
import { StorageAccount } from '../../shared/platform/storage/storageAccount';

/** Settings pointing at the suite's Azurite, with a table prefix unique to the caller so tests never collide. */
export function testSettings(overrides: Record<string, string> = {}): Settings {
  return parseSettings({
    AzureWebJobsStorage: inject('storageConnectionString'),
    FLEETPLANE_MODE: 'local',
    FLEETPLANE_TABLE_PREFIX: uniqueTablePrefix(),
    ...overrides,
  });
}

export function testStorage(): StorageAccount {
  return new StorageAccount(testSettings());
}

export function uniqueTablePrefix(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

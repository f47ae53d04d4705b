import { ArmClients } from './adapters/arm/armClients';
import { parseSettings, type Settings } from './config/settings';
import { StorageAccount } from './storage/storageAccount';

/** Everything a function needs, built once per process (a Functions worker reuses it across invocations). */
export interface Services {
  settings: Settings;
  storage: StorageAccount;
  arm: ArmClients;
}

let current: Services | undefined;

export function services(): Services {
  current ??= buildServices(parseSettings(process.env));
  return current;
}

export function buildServices(settings: Settings): Services {
  return { settings, storage: new StorageAccount(settings), arm: new ArmClients(settings) };
}

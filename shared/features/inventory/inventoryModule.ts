import { services, type Services } from '../../app';
import { fleetSubscriptions } from '../../platform/settings/settings';
import type { VersionSupportCalendarStore } from '../guardrails/versionSupportCalendarStore';
import {
  buildVersionSupportCalendarStore,
  versionSupportCalendarStore,
} from '../guardrails/versionSupportCalendarServices';
import { InventoryStore } from './inventoryStore';
import { InventorySync } from './inventorySync';

export interface InventoryServices {
  store: InventoryStore;
  sync: InventorySync;
}

let current: InventoryServices | undefined;

/** The inventory's store and sync, built once per process over the shared services. */
export function inventory(): InventoryServices {
  current ??= buildInventory(services(), versionSupportCalendarStore());
  return current;
}

export function buildInventory(
  shared: Pick<Services, 'settings' | 'storage' | 'arm'>,
  calendar: VersionSupportCalendarStore = buildVersionSupportCalendarStore(shared),
): InventoryServices {
  const { settings, storage, arm } = shared;
  const store = new InventoryStore(storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}inventory`));
  const sync = new InventorySync({
    store,
    containerService: (subscriptionId) => arm.containerService(subscriptionId),
    subscriptions: () => fleetSubscriptions(settings),
    supportCalendar: async () => (await calendar.get()).calendar,
  });
  return { store, sync };
}

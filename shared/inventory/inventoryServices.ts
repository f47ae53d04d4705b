import { services, type Services } from '../composition';
import { fleetSubscriptions } from '../config/settings';
import { buildVersionSupportCalendarStore } from '../services/versionSupportCalendar/versionSupportCalendarServices';
import { InventoryStore } from './inventoryStore';
import { InventorySync } from './inventorySync';

export interface InventoryServices {
  store: InventoryStore;
  sync: InventorySync;
}

let current: InventoryServices | undefined;

/** The inventory's store and sync, built once per process over the shared services. */
export function inventory(): InventoryServices {
  current ??= buildInventory(services());
  return current;
}

export function buildInventory(shared: Pick<Services, 'settings' | 'storage' | 'arm'>): InventoryServices {
  const { settings, storage, arm } = shared;
  const store = new InventoryStore(storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}inventory`));
  const calendar = buildVersionSupportCalendarStore({ settings, storage });
  const sync = new InventorySync({
    store,
    containerService: (subscriptionId) => arm.containerService(subscriptionId),
    subscriptions: () => fleetSubscriptions(settings),
    supportCalendar: async () => (await calendar.get()).calendar,
  });
  return { store, sync };
}

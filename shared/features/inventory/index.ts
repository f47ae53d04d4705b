import type { TableClient } from '@azure/data-tables';
import type { ArmClients } from '../../platform/arm/armClients';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { InvocationContext } from '@azure/functions';
import { invocationLogger, type LogLevel } from '../../platform/observability/logger';
import type { EndOfSupportDates } from './endOfSupportDates';
import { inventoryHttpHandlers, type InventoryHttpDependencies } from './inventory.http';
import { InventoryStore } from './inventoryStore';
import { InventorySync } from './inventorySync';
import { logInventorySync } from './inventorySyncLog';

export { inventoryOperations } from './inventory.api';
export type { EndOfSupportDates } from './endOfSupportDates';

export interface InventoryCore {
  store: InventoryStore;
  sync: InventorySync;
}

export interface InventoryDependencies {
  table: TableClient;
  arm: ArmClients;
  subscriptions: () => string[];
  /** The end-of-support dates for the version radar, read at the start of each sync (the support calendar). */
  supportCalendar: () => Promise<EndOfSupportDates>;
}

/** The inventory's store and sync, without HTTP (benches and integration tests build just this). */
export function buildInventory(deps: InventoryDependencies): InventoryCore {
  const store = new InventoryStore(deps.table);
  const sync = new InventorySync({
    store,
    containerService: (subscriptionId) => deps.arm.containerService(subscriptionId),
    subscriptions: deps.subscriptions,
    supportCalendar: deps.supportCalendar,
  });
  return { store, sync };
}

/** The fleet inventory: a Table snapshot of every cluster, its sync timer, and `GET /api/clusters`. */
export interface InventoryModule extends InventoryCore {
  http: HttpHandlers;
  /** One sync of every subscription, logged (the timer). */
  runSync(context: InvocationContext): Promise<void>;
}

export function buildInventoryModule(
  deps: InventoryDependencies & Pick<InventoryHttpDependencies, 'roleBindings' | 'publicBaseUrl'> & { http: HttpPipeline; logLevel: LogLevel },
): InventoryModule {
  const core = buildInventory(deps);
  return {
    ...core,
    http: inventoryHttpHandlers(deps.http, { ...core, ...deps }),
    runSync: async (context) =>
      logInventorySync(invocationLogger(context, { operationId: 'inventorySync' }, deps.logLevel), await core.sync.run()),
  };
}

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
import { listVisibleClusters, type VisibleClusters } from './inventoryVisibleClusters';
import type { InventoryFilterQuery } from './inventoryFilters';
import type { HttpCall } from '../../platform/http/handleHttp';
import type { VersionCatalogue } from '../../domain/fleet/versionCatalogue';
import { parseClusterId } from './clusterId';
import type { InventoryRecord } from './inventoryRecord';
import { snapshotTimeOf } from './inventorySyncState';
import { refreshCluster, type RefreshOutcome } from './refreshCluster';

export { inventoryFilterQuerySchema, inventoryOperations, staleSubscriptionSchema } from './inventory.api';
export type { EndOfSupportDates } from './endOfSupportDates';
export type { InventoryFilterQuery } from './inventoryFilters';
export type { InventoryRecord } from './inventoryRecord';
export type { VisibleClusters } from './inventoryVisibleClusters';
export type { RefreshOutcome } from './refreshCluster';

export interface InventoryCore {
  store: InventoryStore;
  sync: InventorySync;
  /** One cluster's row from ARM now (one GET, one upsert; removed when ARM no longer knows it). */
  refreshCluster(clusterResourceId: string): Promise<RefreshOutcome>;
  /** Whether the snapshot holds the cluster. */
  hasCluster(clusterResourceId: string): Promise<boolean>;
  /** A subscription's rows and when its last successful list was taken; undefined while it never synced. */
  snapshotOf(subscriptionId: string): Promise<SubscriptionSnapshot | undefined>;
}

export interface SubscriptionSnapshot {
  takenAt: string;
  clusters: InventoryRecord[];
}

export interface InventoryDependencies {
  table: TableClient;
  arm: ArmClients;
  subscriptions: () => string[];
  /** The end-of-support dates for the version radar, read at the start of each sync (the support calendar). */
  supportCalendar: () => Promise<EndOfSupportDates>;
  /** A cached version catalogue per region, for refreshing one cluster's radar between syncs. */
  versionCatalogue?: (subscriptionId: string, location: string) => Promise<VersionCatalogue>;
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
  const containerService = (subscriptionId: string) => deps.arm.containerService(subscriptionId);
  return {
    store,
    sync,
    refreshCluster: (clusterResourceId) =>
      refreshCluster(
        { store, containerService, supportCalendar: deps.supportCalendar, ...(deps.versionCatalogue ? { versionCatalogue: deps.versionCatalogue } : {}) },
        clusterResourceId,
      ),
    hasCluster: async (clusterResourceId) => {
      const coordinates = parseClusterId(clusterResourceId);
      return coordinates !== undefined && (await store.find(coordinates.subscriptionId, coordinates.resourceGroup, coordinates.name)) !== undefined;
    },
    snapshotOf: async (subscriptionId) => {
      const takenAt = snapshotTimeOf(await store.syncState(), [subscriptionId]);
      return takenAt === undefined ? undefined : { takenAt, clusters: await store.clustersOf(subscriptionId) };
    },
  };
}

/** The fleet inventory: a Table snapshot of every cluster, its sync timer, and `GET /api/clusters`. */
export interface InventoryModule extends InventoryCore {
  http: HttpHandlers;
  /** One sync of every subscription, logged (the timer). */
  runSync(context: InvocationContext): Promise<void>;
  /** Every cluster of the snapshot matching the filters that the caller may see (`clusters.list`, enforced). */
  visibleClusters(call: Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce'>, query: InventoryFilterQuery): Promise<VisibleClusters>;
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
    visibleClusters: (call, query) => listVisibleClusters({ ...core, ...deps }, call, query, new Date()),
  };
}

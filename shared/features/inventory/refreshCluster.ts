import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { VersionCatalogue } from '../../domain/fleet/versionCatalogue';
import { findManagedCluster } from '../../platform/arm/armCalls';
import { parseClusterId } from './clusterId';
import { readEndOfSupportDates, type EndOfSupportDates } from './endOfSupportDates';
import { clusterRowKey } from './inventoryColumns';
import { inventoryRecordOf, normalizeLocation } from './inventoryMapping';
import type { InventoryStore } from './inventoryStore';

export interface RefreshClusterDependencies {
  store: InventoryStore;
  containerService: (subscriptionId: string) => ContainerServiceClient;
  /** The region's version catalogue, from a cache (the clusters feature's): the radar needs it. */
  versionCatalogue?: (subscriptionId: string, location: string) => Promise<VersionCatalogue>;
  supportCalendar?: () => Promise<EndOfSupportDates>;
  clock?: () => Date;
}

export type RefreshOutcome = 'updated' | 'removed' | 'notACluster';

/**
 * Refreshes one cluster's row between syncs (an Event Grid event said it changed): one ARM GET and one row
 * upsert, the radar included; a cluster ARM no longer knows loses its row. When the catalogue cannot be read the
 * row keeps its previous radar rather than losing it.
 */
export async function refreshCluster(
  deps: RefreshClusterDependencies,
  clusterResourceId: string,
): Promise<RefreshOutcome> {
  const coordinates = parseClusterId(clusterResourceId);
  if (!coordinates) return 'notACluster';
  const { subscriptionId, resourceGroup, name } = coordinates;
  const now = deps.clock?.() ?? new Date();
  const cluster = await findManagedCluster(deps.containerService(subscriptionId), {
    subscriptionId,
    resourceGroup,
    clusterName: name,
  });
  if (!cluster) {
    await deps.store.deleteMany(subscriptionId, [clusterRowKey(resourceGroup, name)]);
    return 'removed';
  }
  const location = normalizeLocation(cluster.location);
  const [catalogue, calendar] = await Promise.all([
    deps.versionCatalogue?.(subscriptionId, location).catch(() => undefined),
    deps.supportCalendar ? readEndOfSupportDates(deps.supportCalendar) : undefined,
  ]);
  const record = inventoryRecordOf(
    cluster,
    () => catalogue,
    { ...calendar?.dates, today: now.toISOString() },
    now,
  );
  if (!record) return 'notACluster';
  if (!catalogue) {
    const previous = await deps.store.find(subscriptionId, resourceGroup, name);
    if (previous) record.radar = previous.radar;
  }
  await deps.store.upsertMany([record]);
  return 'updated';
}

import type { ContainerServiceClient, ManagedCluster } from '@azure/arm-containerservice';
import type { VersionCatalogue } from '../../domain/fleet/versionCatalogue';
import type { RadarPolicy } from './clusterRadar';
import { readEndOfSupportDates, type EndOfSupportDates, type SupportCalendarOutcome } from './endOfSupportDates';
import { clusterRowKey } from './inventoryColumns';
import { inventoryRecordOf, normalizeLocation } from './inventoryMapping';
import type { InventoryRecord } from './inventoryRecord';
import type { InventoryStore } from './inventoryStore';
import { syncFailureOf, type SyncFailure } from './syncFailure';
import { applySyncOutcomes, type SubscriptionOutcome } from './inventorySyncState';

export interface InventorySyncDependencies {
  store: InventoryStore;
  containerService: (subscriptionId: string) => ContainerServiceClient;
  subscriptions: () => string[];
  clock?: () => Date;
  /** The end-of-support dates for the radar (the version support calendar), read at the start of each sync. */
  supportCalendar?: () => Promise<EndOfSupportDates>;
}

export interface SubscriptionSyncSummary {
  subscriptionId: string;
  status: 'succeeded' | 'failed';
  clusters?: number;
  removed?: number;
  error?: SyncFailure;
}

export interface CatalogueSummary {
  location: string;
  status: 'succeeded' | 'failed';
  error?: SyncFailure;
}

export interface InventorySyncSummary {
  status: 'succeeded' | 'partial' | 'failed';
  startedAt: string;
  finishedAt: string;
  subscriptions: SubscriptionSyncSummary[];
  catalogues: CatalogueSummary[];
  /** Whether the end-of-support dates could be read; absent when no calendar is configured. */
  supportCalendar?: SupportCalendarOutcome;
  /** ARM calls this sync made (list pages follow nextLink inside one list call). */
  armCalls: { managedClustersList: number; listKubernetesVersions: number };
}

type Listing =
  { subscriptionId: string; clusters: ManagedCluster[] } | { subscriptionId: string; error: SyncFailure };


/**
 * Syncs the fleet snapshot from ARM: one `managedClusters.list` per subscription, one `listKubernetesVersions`
 * per location seen, upserts of the listed clusters and removal of rows whose cluster is gone. A subscription
 * whose list failed keeps its previous rows untouched and records the error.
 */
export class InventorySync {
  private readonly clock: () => Date;

  constructor(private readonly dependencies: InventorySyncDependencies) {
    this.clock = dependencies.clock ?? (() => new Date());
  }

  async run(): Promise<InventorySyncSummary> {
    const started = this.clock();
    const [calendar, listings] = await Promise.all([
      this.readSupportCalendar(),
      Promise.all(this.dependencies.subscriptions().map((id) => this.list(id))),
    ]);
    const { catalogues, summaries: catalogueSummaries } = await this.fetchCatalogues(listings);
    const policy: RadarPolicy = { ...calendar?.dates, today: started.toISOString() };
    const subscriptions: SubscriptionSyncSummary[] = [];
    for (const listing of listings) {
      if ('error' in listing) {
        subscriptions.push({
          subscriptionId: listing.subscriptionId,
          status: 'failed',
          error: listing.error,
        });
        continue;
      }
      const records = listing.clusters
        .map((cluster) => inventoryRecordOf(cluster, (location) => catalogues.get(location), policy, started))
        .filter((record): record is InventoryRecord => record !== undefined);
      const removed = await this.replaceSubscription(listing.subscriptionId, records, started);
      subscriptions.push({
        subscriptionId: listing.subscriptionId,
        status: 'succeeded',
        clusters: records.length,
        removed,
      });
    }
    await this.dependencies.store.updateSyncState((state) =>
      applySyncOutcomes(state, subscriptions.map(outcomeOf), started),
    );
    return {
      status: overallStatus(subscriptions),
      startedAt: started.toISOString(),
      finishedAt: this.clock().toISOString(),
      subscriptions,
      catalogues: catalogueSummaries,
      ...(calendar ? { supportCalendar: calendar.outcome } : {}),
      armCalls: { managedClustersList: listings.length, listKubernetesVersions: catalogueSummaries.length },
    };
  }

  private async readSupportCalendar() {
    const source = this.dependencies.supportCalendar;
    return source ? readEndOfSupportDates(source) : undefined;
  }

  private async list(subscriptionId: string): Promise<Listing> {
    try {
      const clusters: ManagedCluster[] = [];
      for await (const cluster of this.dependencies.containerService(subscriptionId).managedClusters.list()) {
        clusters.push(cluster);
      }
      return { subscriptionId, clusters };
    } catch (error) {
      return { subscriptionId, error: syncFailureOf(error) };
    }
  }

  /** One catalogue per location, asked through a subscription that has clusters there. */
  private async fetchCatalogues(listings: Listing[]) {
    const subscriptionByLocation = new Map<string, string>();
    for (const listing of listings) {
      if ('error' in listing) continue;
      for (const cluster of listing.clusters) {
        const location = normalizeLocation(cluster.location);
        if (location && !subscriptionByLocation.has(location))
          subscriptionByLocation.set(location, listing.subscriptionId);
      }
    }
    const catalogues = new Map<string, VersionCatalogue>();
    const summaries = await Promise.all(
      [...subscriptionByLocation].map(async ([location, subscriptionId]): Promise<CatalogueSummary> => {
        try {
          const client = this.dependencies.containerService(subscriptionId);
          catalogues.set(location, await client.managedClusters.listKubernetesVersions(location));
          return { location, status: 'succeeded' };
        } catch (error) {
          return { location, status: 'failed', error: syncFailureOf(error) };
        }
      }),
    );
    return { catalogues, summaries };
  }

  /** Upserts the listed clusters, then removes rows of clusters that were not listed; returns how many were removed. */
  private async replaceSubscription(
    subscriptionId: string,
    records: InventoryRecord[],
    started: Date,
  ): Promise<number> {
    const { store } = this.dependencies;
    await store.upsertMany(records);
    const listed = new Set(records.map((record) => clusterRowKey(record.resourceGroup, record.name)));
    const startedIso = started.toISOString();
    // Rows written by a newer sync that ran alongside this one are not this sync's to remove.
    const gone = (await store.rowsOf(subscriptionId)).filter(
      (row) => !listed.has(row.rowKey) && row.syncedAt < startedIso,
    );
    await store.deleteMany(subscriptionId, gone.map((row) => row.rowKey));
    return gone.length;
  }
}

function outcomeOf(summary: SubscriptionSyncSummary): SubscriptionOutcome {
  return summary.error
    ? { subscriptionId: summary.subscriptionId, error: summary.error }
    : { subscriptionId: summary.subscriptionId, clusterCount: summary.clusters ?? 0 };
}

function overallStatus(subscriptions: SubscriptionSyncSummary[]): InventorySyncSummary['status'] {
  const failed = subscriptions.filter((summary) => summary.status === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === subscriptions.length ? 'failed' : 'partial';
}

import { odata, type TableClient } from '@azure/data-tables';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { TableRepository, type Page } from '../../platform/storage/tableRepository';
import { clusterRowKey, inventoryColumns, ROW_KIND } from './inventoryColumns';
import { inventoryRecordSchema, type InventoryRecord } from './inventoryRecord';
import { EMPTY_SYNC_STATE, inventorySyncStateSchema, type InventorySyncState } from './inventorySyncState';

const SYNC_STATE_PARTITION = '~inventory';
const SYNC_STATE_ROW = 'syncState';
const SYNC_STATE_ATTEMPTS = 5;

export interface StoredClusterRow {
  rowKey: string;
  syncedAt: string;
}

/**
 * The fleet snapshot in one table: a partition per subscription (lower-case id), a row per cluster keyed
 * `resourcegroup|name`, filterable columns beside the document, and one sync-state row.
 */
export class InventoryStore {
  private readonly clusters: TableRepository<InventoryRecord>;
  private readonly syncStates: TableRepository<InventorySyncState>;
  private ensured: Promise<unknown> | undefined;

  constructor(private readonly table: TableClient) {
    this.clusters = new TableRepository(table, {
      entityName: 'Inventory cluster',
      schema: inventoryRecordSchema,
      columns: inventoryColumns,
    });
    this.syncStates = new TableRepository(table, {
      entityName: 'Inventory sync state',
      schema: inventorySyncStateSchema,
      columns: () => ({ kind: ROW_KIND.syncState }),
    });
  }

  ensureTable(): Promise<unknown> {
    this.ensured ??= this.table.createTable();
    return this.ensured;
  }

  /** Upserts many records, in transactions per subscription partition (a sync writes its whole listing). */
  async upsertMany(records: readonly InventoryRecord[]): Promise<void> {
    await this.ensureTable();
    const byPartition = new Map<string, { rowKey: string; value: InventoryRecord }[]>();
    for (const record of records) {
      const rows = byPartition.get(record.subscriptionId) ?? [];
      rows.push({ rowKey: clusterRowKey(record.resourceGroup, record.name), value: record });
      byPartition.set(record.subscriptionId, rows);
    }
    for (const [subscriptionId, rows] of byPartition) await this.clusters.upsertMany(subscriptionId, rows);
  }

  async deleteMany(subscriptionId: string, rowKeys: readonly string[]): Promise<void> {
    await this.ensureTable();
    await this.clusters.deleteMany(subscriptionId, rowKeys);
  }

  /** The row of one cluster, if the snapshot holds it. */
  async find(subscriptionId: string, resourceGroup: string, name: string): Promise<InventoryRecord | undefined> {
    await this.ensureTable();
    return (await this.clusters.get(subscriptionId.toLowerCase(), clusterRowKey(resourceGroup, name)))?.value;
  }

  /** Row keys and sync times of every cluster row of a subscription. */
  async rowsOf(subscriptionId: string): Promise<StoredClusterRow[]> {
    await this.ensureTable();
    const rows: StoredClusterRow[] = [];
    const filter = odata`PartitionKey eq ${subscriptionId} and kind eq ${ROW_KIND.cluster}`;
    for await (const row of this.clusters.all(filter))
      rows.push({ rowKey: row.rowKey, syncedAt: row.value.syncedAt });
    return rows;
  }

  /** Every cluster row of a subscription. */
  async clustersOf(subscriptionId: string): Promise<InventoryRecord[]> {
    await this.ensureTable();
    const records: InventoryRecord[] = [];
    const filter = odata`PartitionKey eq ${subscriptionId.toLowerCase()} and kind eq ${ROW_KIND.cluster}`;
    for await (const row of this.clusters.all(filter)) records.push(row.value);
    return records;
  }

  /** One page of cluster rows matching an OData filter over the indexed columns. */
  async page(filter: string, pageSize: number, continuationToken?: string): Promise<Page<InventoryRecord>> {
    await this.ensureTable();
    const clusterFilter = [odata`kind eq ${ROW_KIND.cluster}`, filter].filter(Boolean).join(' and ');
    return this.clusters.page({
      filter: clusterFilter,
      pageSize,
      ...(continuationToken ? { continuationToken } : {}),
    });
  }

  async syncState(): Promise<InventorySyncState> {
    await this.ensureTable();
    return (await this.syncStates.get(SYNC_STATE_PARTITION, SYNC_STATE_ROW))?.value ?? EMPTY_SYNC_STATE;
  }

  /** Read-modify-write of the sync-state row, safe against a timer and a manual sync finishing together. */
  async updateSyncState(
    change: (state: InventorySyncState) => InventorySyncState,
  ): Promise<InventorySyncState> {
    await this.ensureTable();
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.syncStates.update(SYNC_STATE_PARTITION, SYNC_STATE_ROW, change)).value;
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
      try {
        return (await this.syncStates.create(SYNC_STATE_PARTITION, SYNC_STATE_ROW, change(EMPTY_SYNC_STATE)))
          .value;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= SYNC_STATE_ATTEMPTS) throw error;
      }
    }
  }
}

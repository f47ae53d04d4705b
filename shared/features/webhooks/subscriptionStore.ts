import type { TableClient } from '@azure/data-tables';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';
import { subscriptionRecordSchema, type SubscriptionRecord } from './webhookSubscription';

const PARTITION = 'subscription';

/** Webhook subscriptions in Table storage; every write is conditional on the version read. */
export class SubscriptionStore {
  private readonly rows: TableRepository<SubscriptionRecord>;

  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.rows = new TableRepository(table, { entityName: 'Webhook subscription', schema: subscriptionRecordSchema });
  }

  async all(): Promise<Stored<SubscriptionRecord>[]> {
    await this.ensureTable();
    const found: Stored<SubscriptionRecord>[] = [];
    for await (const row of this.rows.all()) found.push(row);
    return found;
  }

  async get(id: string): Promise<Stored<SubscriptionRecord> | undefined> {
    await this.ensureTable();
    return this.rows.get(PARTITION, id.toLowerCase());
  }

  async create(record: SubscriptionRecord): Promise<Stored<SubscriptionRecord>> {
    await this.ensureTable();
    return this.rows.create(PARTITION, record.id.toLowerCase(), record);
  }

  async replace(record: SubscriptionRecord, etag: string): Promise<Stored<SubscriptionRecord>> {
    return this.rows.replace(PARTITION, record.id.toLowerCase(), record, etag);
  }

  /** Read-modify-write with retries on concurrent writers (`change` returns undefined to leave it). */
  async update(id: string, change: (current: SubscriptionRecord) => SubscriptionRecord | undefined): Promise<Stored<SubscriptionRecord>> {
    return this.rows.update(PARTITION, id.toLowerCase(), change);
  }

  async delete(id: string, etag: string): Promise<void> {
    await this.rows.delete(PARTITION, id.toLowerCase(), etag);
  }
}

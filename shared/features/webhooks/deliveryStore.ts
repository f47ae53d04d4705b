import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { ConflictError } from '../../domain/errors';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { pruneRows, type PruneResult } from '../../platform/storage/pruneRows';
import { TableRepository, type Page, type Stored } from '../../platform/storage/tableRepository';
import { deliveryIdOf, deliveryRecordSchema, type DeliveryRecord } from './deliveryRecord';

/** Deliveries in Table storage: one partition per subscription (its delivery log), newest first. */
export class DeliveryStore {
  private readonly rows: TableRepository<DeliveryRecord>;

  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.rows = new TableRepository(table, {
      entityName: 'Webhook delivery',
      schema: deliveryRecordSchema,
      columns: (delivery) => ({ status: delivery.status, nextAttemptAt: delivery.nextAttemptAt ?? '' }),
    });
  }

  async get(subscriptionId: string, deliveryId: string): Promise<Stored<DeliveryRecord> | undefined> {
    await this.ensureTable();
    return this.rows.get(subscriptionId.toLowerCase(), deliveryId);
  }

  /** Creates the delivery; false when it exists already (fan-out repeated after a crash). */
  async createIfAbsent(record: DeliveryRecord): Promise<boolean> {
    await this.ensureTable();
    try {
      await this.rows.create(record.subscriptionId.toLowerCase(), record.id, record);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async replace(record: DeliveryRecord, etag: string): Promise<Stored<DeliveryRecord>> {
    return this.rows.replace(record.subscriptionId.toLowerCase(), record.id, record, etag);
  }

  async page(subscriptionId: string, options: { pageSize: number; continuationToken?: string; status?: string }): Promise<Page<DeliveryRecord>> {
    await this.ensureTable();
    const partition = odata`PartitionKey eq ${subscriptionId.toLowerCase()}`;
    const filter = options.status ? `${partition} and ${odata`status eq ${options.status}`}` : partition;
    return this.rows.page({ filter, pageSize: options.pageSize, ...(options.continuationToken ? { continuationToken: options.continuationToken } : {}) });
  }

  /** Pending deliveries whose next attempt is overdue: their queue message was lost (or is very late). */
  async overdueBefore(time: Date): Promise<Stored<DeliveryRecord>[]> {
    await this.ensureTable();
    const found: Stored<DeliveryRecord>[] = [];
    for await (const row of this.rows.all(odata`status eq 'Pending' and nextAttemptAt lt ${time.toISOString()}`)) found.push(row);
    return found;
  }

  /**
   * Deletes finished deliveries (Delivered, Failed, Skipped) of events at or before `eventTime`: row keys start
   * with the inverted event time, so they are one row-key range of each subscription's partition. A delivery made
   * Pending again (a redelivery) between the read and the delete stays: the delete is conditional on its ETag.
   */
  async pruneFinished(eventTime: Date, now: Date, maxRows: number): Promise<PruneResult> {
    await this.ensureTable();
    const oldestRowKeyKept = deliveryIdOf(eventTime.toISOString(), '');
    return pruneRows(this.rows, {
      filter: odata`RowKey ge ${oldestRowKeyKept} and status ne 'Pending'`,
      maxRows,
      ifUnchanged: true,
      keep: ({ value }) => value.status === 'Pending' || (value.leaseUntil !== undefined && Date.parse(value.leaseUntil) > now.getTime()),
    });
  }
}

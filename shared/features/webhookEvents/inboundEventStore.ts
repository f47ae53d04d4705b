import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { ConflictError, PreconditionFailedError } from '../../domain/errors';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { pruneRows, type PruneResult } from '../../platform/storage/pruneRows';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';
import { inboundRecordSchema, type InboundRecord } from './inboundRecord';

/** Where a record lives: derived from its dedupe key, so a second delivery lands on the same row. */
export interface InboundKey {
  partitionKey: string;
  rowKey: string;
}

/**
 * What storing a delivery found: a new fact (with its row's version), one stored earlier whose message may not
 * have been sent, or a duplicate.
 */
export type ReceiveOutcome =
  { outcome: 'new' | 'unqueued'; stored: InboundRecord; etag: string } | { outcome: 'duplicate' };

/** Inbound events and alerts, a row per dedupe key (ids may hold characters Table keys refuse, so keys are hashed). */
export class InboundEventStore {
  private readonly records: TableRepository<InboundRecord>;
  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.records = new TableRepository(table, {
      entityName: 'Inbound event',
      schema: inboundRecordSchema,
      columns: (record) => ({ status: record.status, kind: record.kind, receivedAt: record.receivedAt }),
    });
  }

  static keyOf(dedupeKey: string): InboundKey {
    const hash = createHash('sha256').update(dedupeKey).digest('hex');
    // 256 partitions spread a burst; the row key is the whole hash.
    return { partitionKey: `inbound-${hash.slice(0, 2)}`, rowKey: hash };
  }

  /** Creates the record unless its key exists (a conditional insert: concurrent deliveries make one row). */
  async receive(record: InboundRecord): Promise<ReceiveOutcome> {
    await this.ensureTable();
    const key = InboundEventStore.keyOf(record.dedupeKey);
    try {
      const created = await this.records.create(key.partitionKey, key.rowKey, record);
      return { outcome: 'new', stored: record, etag: created.etag };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const existing = await this.records.get(key.partitionKey, key.rowKey);
    return existing?.value.status === 'received'
      ? { outcome: 'unqueued', stored: existing.value, etag: existing.etag }
      : { outcome: 'duplicate' };
  }

  /** Records that the message was sent, conditional on the version stored; a row changed since (processed) stays. */
  async markQueued(record: InboundRecord, etag: string): Promise<void> {
    const key = InboundEventStore.keyOf(record.dedupeKey);
    try {
      await this.records.replace(key.partitionKey, key.rowKey, { ...record, status: 'queued' }, etag);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }

  async get(key: InboundKey): Promise<Stored<InboundRecord> | undefined> {
    await this.ensureTable();
    return this.records.get(key.partitionKey, key.rowKey);
  }

  async markProcessed(
    key: InboundKey,
    outcomes: NonNullable<InboundRecord['outcomes']>,
    processedAt: Date,
  ): Promise<void> {
    await this.records.update(key.partitionKey, key.rowKey, (record) =>
      record.status === 'processed'
        ? undefined
        : { ...record, status: 'processed', processedAt: processedAt.toISOString(), outcomes },
    );
  }

  /**
   * Deletes records received before `cutoff` that match `status` (processed, or not processed). New rows carry a
   * `receivedAt` column; rows written before it are found by their `Timestamp` (their last write, never earlier than
   * their receipt, so such a row is at least as old as it looks).
   */
  async pruneReceivedBefore(cutoff: Date, status: 'processed' | 'unprocessed', maxRows: number): Promise<PruneResult> {
    await this.ensureTable();
    const ofStatus = status === 'processed' ? "status eq 'processed'" : "status ne 'processed'";
    const byColumn = await pruneRows(this.records, { filter: `${ofStatus} and ${odata`receivedAt lt ${cutoff.toISOString()}`}`, maxRows });
    if (byColumn.deleted >= maxRows) return byColumn;
    const byTimestamp = await pruneRows(this.records, { filter: `${ofStatus} and ${odata`Timestamp lt ${cutoff}`}`, maxRows: maxRows - byColumn.deleted });
    return { deleted: byColumn.deleted + byTimestamp.deleted, kept: byColumn.kept + byTimestamp.kept, more: byColumn.more || byTimestamp.more };
  }
}

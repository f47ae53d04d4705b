import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { ConflictError } from '../../domain/errors';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';
import { inboundRecordSchema, type InboundRecord } from './inboundRecord';

/** Where a record lives: derived from its dedupe key, so a second delivery lands on the same row. */
export interface InboundKey {
  partitionKey: string;
  rowKey: string;
}

/** What storing a delivery found: a new fact, one stored earlier whose message may not have been sent, or a duplicate. */
export type ReceiveOutcome = 'new' | 'unqueued' | 'duplicate';

/** Inbound events and alerts, a row per dedupe key (ids may hold characters Table keys refuse, so keys are hashed). */
export class InboundEventStore {
  private readonly records: TableRepository<InboundRecord>;
  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.records = new TableRepository(table, {
      entityName: 'Inbound event',
      schema: inboundRecordSchema,
      columns: (record) => ({ status: record.status, kind: record.kind }),
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
      await this.records.create(key.partitionKey, key.rowKey, record);
      return 'new';
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const existing = await this.records.get(key.partitionKey, key.rowKey);
    return existing?.value.status === 'received' ? 'unqueued' : 'duplicate';
  }

  async markQueued(dedupeKey: string): Promise<void> {
    const key = InboundEventStore.keyOf(dedupeKey);
    await this.records.update(key.partitionKey, key.rowKey, (record) =>
      record.status === 'received' ? { ...record, status: 'queued' } : undefined,
    );
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
}

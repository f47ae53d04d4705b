import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { pruneRows, type PruneResult } from '../../platform/storage/pruneRows';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';
import { outboxEventRecordSchema, type OutboxEventRecord } from './outboxEvent';

const EVENT_ROW = 'event';
const SEQUENCE_PARTITION = 'sequence';
/** Emitters of one stream race on its counter row; each try is one conditional replace. */
const SEQUENCE_ATTEMPTS = 20;

const counterSchema = z.object({ last: z.number().int().nonnegative() });

/**
 * The outbox's events (one partition per event, so the event id is the dedupe key's conditional create) and a
 * counter row per ordering key that numbers each stream's events (conditional on its ETag).
 */
export class EventStore {
  private readonly events: TableRepository<OutboxEventRecord>;

  private readonly counters: TableRepository<z.infer<typeof counterSchema>>;

  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.events = new TableRepository(table, {
      entityName: 'Webhook event',
      schema: outboxEventRecordSchema,
      columns: (event) => ({ deliveriesPlanned: event.deliveriesPlanned, time: event.time }),
    });
    this.counters = new TableRepository(table, { entityName: 'Event sequence', schema: counterSchema });
  }

  async get(id: string): Promise<Stored<OutboxEventRecord> | undefined> {
    await this.ensureTable();
    return this.events.get(id, EVENT_ROW);
  }

  /** Stores the event; when one with its id exists already (a dedupe key emitted twice), that one is returned. */
  async createOrGet(event: OutboxEventRecord): Promise<Stored<OutboxEventRecord>> {
    await this.ensureTable();
    try {
      return await this.events.create(event.id, EVENT_ROW, event);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return this.events.require(event.id, EVENT_ROW);
    }
  }

  async markPlanned(stored: Stored<OutboxEventRecord>): Promise<void> {
    try {
      await this.events.replace(stored.partitionKey, EVENT_ROW, { ...stored.value, deliveriesPlanned: true }, stored.etag);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error; // another emitter or the repair planned it
    }
  }

  /** Events whose deliveries were never planned (the emitter died between storing and fanning out). */
  async unplannedBefore(time: Date): Promise<Stored<OutboxEventRecord>[]> {
    await this.ensureTable();
    const found: Stored<OutboxEventRecord>[] = [];
    for await (const row of this.events.all(odata`deliveriesPlanned eq false and time lt ${time.toISOString()}`)) found.push(row);
    return found;
  }

  /**
   * Deletes planned events stored before `time`. Sequence counters are never deleted: a stream that started again
   * at 1 would repeat numbers its receivers have seen (one small row per ordering key).
   */
  async prunePlannedBefore(time: Date, maxRows: number): Promise<PruneResult> {
    await this.ensureTable();
    return pruneRows(this.events, { filter: odata`deliveriesPlanned eq true and time lt ${time.toISOString()}`, maxRows });
  }

  /** The next number of the ordering key's stream (1, 2, …): gaps are possible, repeats are not. */
  async nextSequence(orderingKey: string): Promise<number> {
    await this.ensureTable();
    const rowKey = createHash('sha256').update(orderingKey).digest('hex');
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.counters.update(SEQUENCE_PARTITION, rowKey, (counter) => ({ last: counter.last + 1 }), SEQUENCE_ATTEMPTS)).value.last;
      } catch (error) {
        if (!(error instanceof NotFoundError) || attempt > 2) throw error;
      }
      try {
        return (await this.counters.create(SEQUENCE_PARTITION, rowKey, { last: 1 })).value.last;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // another emitter started the stream: count on from it
      }
    }
  }
}

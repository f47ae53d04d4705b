import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { ConflictError, UnprocessableError } from '../domain/errors';
import { TableRepository, type Stored } from '../storage/tableRepository';
import { idempotencyRecordSchema, type IdempotencyRecord, type StoredResponse } from './idempotencyRecord';

const RETENTION_MS = 24 * 3_600_000;

export type IdempotencyStart = { kind: 'fresh'; etag: string } | { kind: 'replay'; response: StoredResponse };

/**
 * Idempotency-Key semantics (per caller): the same key and body returns the first response; the same key
 * with another body is 422; a second request while the first still runs is 409. Keys expire after 24 h.
 */
export class IdempotencyStore {
  private readonly records: TableRepository<IdempotencyRecord>;
  private ensured: Promise<unknown> | undefined;

  constructor(
    private readonly table: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.records = new TableRepository(table, { entityName: 'Idempotency key', schema: idempotencyRecordSchema });
  }

  static hashRequest(method: string, path: string, body: string): string {
    return createHash('sha256').update(`${method.toUpperCase()} ${path.toLowerCase()}\n${body}`).digest('hex');
  }

  async begin(scope: string, key: string, requestHash: string): Promise<IdempotencyStart> {
    await this.ensureTable();
    const fresh: IdempotencyRecord = { key, requestHash, state: 'InProgress', createdAt: this.now().toISOString() };
    try {
      return { kind: 'fresh', etag: (await this.records.create(scope, key, fresh)).etag };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const existing = await this.records.get(scope, key);
    if (!existing) return this.begin(scope, key, requestHash);
    if (this.expired(existing)) {
      return { kind: 'fresh', etag: (await this.records.replace(scope, key, fresh, existing.etag)).etag };
    }
    if (existing.value.requestHash !== requestHash) {
      throw new UnprocessableError(
        `Idempotency-Key "${key}" was already used with a different request; use a new key.`,
        'IdempotencyKeyReused',
      );
    }
    if (existing.value.state === 'InProgress' || !existing.value.response) {
      throw new ConflictError(`A request with Idempotency-Key "${key}" is still being processed.`, 'IdempotencyKeyInUse');
    }
    return { kind: 'replay', response: existing.value.response };
  }

  async complete(scope: string, key: string, etag: string, record: Omit<IdempotencyRecord, 'state'>, response: StoredResponse): Promise<void> {
    await this.records.replace(scope, key, { ...record, state: 'Completed', response }, etag);
  }

  /** Forgets a key whose request failed transiently, so that a retry with it runs again. */
  async abandon(scope: string, key: string, etag: string): Promise<void> {
    await this.records.delete(scope, key, etag).catch(() => undefined);
  }

  private expired(record: Stored<IdempotencyRecord>): boolean {
    return this.now().getTime() - Date.parse(record.value.createdAt) > RETENTION_MS;
  }

  private ensureTable(): Promise<unknown> {
    this.ensured ??= this.table.createTable().catch(() => undefined);
    return this.ensured;
  }
}

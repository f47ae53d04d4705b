import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { ConflictError, PreconditionFailedError, UnprocessableError } from '../../domain/errors';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { idempotencyRecordSchema, type IdempotencyRecord, type StoredResponse } from './idempotencyRecord';

const RETENTION_MS = 24 * 3_600_000;
/** A request that has not completed within this long is presumed dead (its host stopped); its key can be retried. */
const LOCK_MS = 2 * 60_000;

export type IdempotencyStart =
  | { kind: 'fresh'; etag: string }
  | { kind: 'replay'; response: StoredResponse }
  /** The first request died after recording an ARM operation: answer with that operation, never send it again. */
  | { kind: 'adopt'; etag: string; operationId: string };

/**
 * Idempotency-Key semantics (per caller): the same key and body returns the first response; the same key
 * with another body is 422; a second request while the first still runs is 409. Keys expire after 24 h.
 */
export class IdempotencyStore {
  private readonly records: TableRepository<IdempotencyRecord>;

  private readonly ensure: () => Promise<void>;

  constructor(
    private readonly table: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.ensure = ensureTableOnce(table);
    this.records = new TableRepository(table, {
      entityName: 'Idempotency key',
      schema: idempotencyRecordSchema,
    });
  }

  static hashRequest(method: string, path: string, body: string): string {
    return createHash('sha256')
      .update(`${method.toUpperCase()} ${path.toLowerCase()}\n${body}`)
      .digest('hex');
  }

  async begin(scope: string, key: string, requestHash: string): Promise<IdempotencyStart> {
    await this.ensureTable();
    const fresh: IdempotencyRecord = {
      key,
      requestHash,
      state: 'InProgress',
      createdAt: this.now().toISOString(),
    };
    try {
      return { kind: 'fresh', etag: (await this.records.create(scope, key, fresh)).etag };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const existing = await this.records.get(scope, key);
    if (!existing) return this.begin(scope, key, requestHash);
    const abandoned = existing.value.state === 'InProgress' && this.age(existing) > LOCK_MS;
    const sameRequest = existing.value.requestHash === requestHash;
    if (abandoned && sameRequest && existing.value.operationId) {
      const taken = await this.takeOver(scope, key, { ...existing.value, createdAt: fresh.createdAt }, existing.etag);
      return { kind: 'adopt', etag: taken.etag, operationId: existing.value.operationId };
    }
    if (this.age(existing) > RETENTION_MS || (abandoned && sameRequest)) {
      return { kind: 'fresh', etag: (await this.takeOver(scope, key, fresh, existing.etag)).etag };
    }
    if (existing.value.requestHash !== requestHash) {
      throw new UnprocessableError(
        `Idempotency-Key "${key}" was already used with a different request; use a new key.`,
        'IdempotencyKeyReused',
      );
    }
    if (existing.value.state === 'InProgress' || !existing.value.response) {
      throw new ConflictError(
        `A request with Idempotency-Key "${key}" is still being processed.`,
        'IdempotencyKeyInUse',
      );
    }
    return { kind: 'replay', response: existing.value.response };
  }

  async complete(
    scope: string,
    key: string,
    etag: string,
    record: Omit<IdempotencyRecord, 'state'>,
    response: StoredResponse,
  ): Promise<void> {
    await this.records.replace(scope, key, { ...record, state: 'Completed', response }, etag);
  }

  /** Remembers the operation a request recorded, before ARM is called; returns the row's new ETag. */
  async attachOperation(
    scope: string,
    key: string,
    etag: string,
    record: Omit<IdempotencyRecord, 'state'>,
    operationId: string,
  ): Promise<string> {
    return (await this.records.replace(scope, key, { ...record, state: 'InProgress', operationId }, etag)).etag;
  }

  /** Forgets a key whose request failed transiently, so that a retry with it runs again. */
  async abandon(scope: string, key: string, etag: string): Promise<void> {
    await this.records.delete(scope, key, etag).catch(() => undefined);
  }

  private age(record: Stored<IdempotencyRecord>): number {
    return this.now().getTime() - Date.parse(record.value.createdAt);
  }

  /** Two requests may race to take over the same stale key: the loser is told the key is in use. */
  private async takeOver(
    scope: string,
    key: string,
    record: IdempotencyRecord,
    etag: string,
  ): Promise<{ etag: string }> {
    try {
      return { etag: (await this.records.replace(scope, key, record, etag)).etag };
    } catch (error) {
      if (error instanceof PreconditionFailedError) {
        throw new ConflictError(
          `A request with Idempotency-Key "${key}" is still being processed.`,
          'IdempotencyKeyInUse',
        );
      }
      throw error;
    }
  }

  private ensureTable(): Promise<void> {
    return this.ensure();
  }
}

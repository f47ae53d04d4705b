import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { ConflictError, NotFoundError, PreconditionFailedError, UnprocessableError } from '../../domain/errors';
import { statusCodeOf } from '../azure/restErrors';
import { transactionBatches } from './transactionBatches';

export interface Stored<T> {
  partitionKey: string;
  rowKey: string;
  etag: string;
  value: T;
}

export interface Page<T> {
  items: Stored<T>[];
  continuationToken: string | undefined;
}

export type IndexedColumns = Record<string, string | number | boolean | Date>;

export interface TableRepositoryOptions<T> {
  /** A readable name for errors, e.g. "Operation". */
  entityName: string;
  schema: z.ZodType<T>;
  /** Extra top-level columns, so that queries can filter server-side. */
  columns?: (value: T) => IndexedColumns;
  /**
   * Store the JSON gzip-compressed (base64 in the same columns), for large, repetitive documents that must stay one
   * row (one ETag). Rows written without it still read back.
   */
  compress?: boolean;
}

/**
 * Azure Tables caps a string property at 64 KiB (32K UTF-16 chars) and an entity at 1 MiB, so a document
 * spans at most 15 columns of 30,000 chars (~900 KB of UTF-16).
 */
const CHUNK_CHARS = 30_000;
const MAX_CHUNKS = 15;
/** The `encoding` column of a compressed row. */
const GZIP = 'gzip+base64';

type Row = Record<string, unknown> & { partitionKey?: string; rowKey?: string; etag?: string };

/**
 * A typed document store over one table: the value is JSON validated by a zod schema on every read,
 * writes are conditional on ETags, and Table-storage failures become domain errors.
 */
export class TableRepository<T> {
  constructor(
    private readonly table: TableClient,
    private readonly options: TableRepositoryOptions<T>,
  ) {}

  async get(partitionKey: string, rowKey: string): Promise<Stored<T> | undefined> {
    try {
      const row = await this.table.getEntity<Row>(partitionKey, rowKey);
      return this.decode(row);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  async require(partitionKey: string, rowKey: string): Promise<Stored<T>> {
    const found = await this.get(partitionKey, rowKey);
    if (!found) throw new NotFoundError(this.options.entityName);
    return found;
  }

  /** Inserts; a row that already exists is a ConflictError. */
  async create(partitionKey: string, rowKey: string, value: T): Promise<Stored<T>> {
    try {
      const response = await this.table.createEntity(this.encode(partitionKey, rowKey, value));
      return { partitionKey, rowKey, etag: response.etag ?? '', value };
    } catch (error) {
      if (statusCodeOf(error) === 409) {
        throw new ConflictError(`${this.options.entityName} "${rowKey}" already exists.`, 'AlreadyExists');
      }
      throw error;
    }
  }

  /** Replaces only if the stored ETag still matches; otherwise a PreconditionFailedError. */
  async replace(partitionKey: string, rowKey: string, value: T, etag: string): Promise<Stored<T>> {
    try {
      const response = await this.table.updateEntity(this.encode(partitionKey, rowKey, value), 'Replace', { etag });
      return { partitionKey, rowKey, etag: response.etag ?? '', value };
    } catch (error) {
      throw this.translateConditionalFailure(error);
    }
  }

  async upsert(partitionKey: string, rowKey: string, value: T): Promise<Stored<T>> {
    const response = await this.table.upsertEntity(this.encode(partitionKey, rowKey, value), 'Replace');
    return { partitionKey, rowKey, etag: response.etag ?? '', value };
  }

  /** Upserts many rows of one partition, up to 100 per entity-group transaction instead of a request each. */
  async upsertMany(partitionKey: string, rows: ReadonlyArray<{ rowKey: string; value: T }>): Promise<void> {
    const entities = rows.map((row) => this.encode(partitionKey, row.rowKey, row.value));
    for (const batch of transactionBatches(entities, (entity) => Buffer.byteLength(JSON.stringify(entity)))) {
      await this.table.submitTransaction(batch.map((entity): TransactionAction => ['upsert', entity, 'Replace']));
    }
  }

  /**
   * Deletes many rows of one partition in transactions. A transaction fails as a whole when one row is already
   * gone (someone else deleted it), so such a batch is finished row by row, where a missing row is no error.
   */
  async deleteMany(partitionKey: string, rowKeys: readonly string[]): Promise<void> {
    for (const batch of transactionBatches(rowKeys, () => 1)) {
      try {
        await this.table.submitTransaction(batch.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]));
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
        for (const rowKey of batch) await this.delete(partitionKey, rowKey);
      }
    }
  }

  /**
   * Read-modify-write that retries on concurrent writers. `change` returns the new value, or undefined to
   * leave the row untouched.
   */
  async update(
    partitionKey: string,
    rowKey: string,
    change: (current: T) => T | undefined,
    attempts = 5,
  ): Promise<Stored<T>> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.require(partitionKey, rowKey);
      const next = change(current.value);
      if (next === undefined) return current;
      try {
        return await this.replace(partitionKey, rowKey, next, current.etag);
      } catch (error) {
        if (!(error instanceof PreconditionFailedError) || attempt >= attempts) throw error;
      }
    }
  }

  /** Deletes; with an ETag only that version. Deleting a missing row is not an error. */
  async delete(partitionKey: string, rowKey: string, etag?: string): Promise<void> {
    try {
      await this.table.deleteEntity(partitionKey, rowKey, etag ? { etag } : undefined);
    } catch (error) {
      if (statusCodeOf(error) === 404) return;
      throw this.translateConditionalFailure(error);
    }
  }

  /** Deletes only the version read: false when the row changed meanwhile (it stays); a missing row is deleted. */
  async deleteIfUnchanged(partitionKey: string, rowKey: string, etag: string): Promise<boolean> {
    try {
      await this.delete(partitionKey, rowKey, etag);
      return true;
    } catch (error) {
      if (error instanceof PreconditionFailedError) return false;
      throw error;
    }
  }

  /** One page of rows matching an OData filter (build it with `odata` from @azure/data-tables). */
  async page(options: { filter?: string; pageSize?: number; continuationToken?: string } = {}): Promise<Page<T>> {
    const iterator = this.table
      .listEntities<Row>({ queryOptions: options.filter ? { filter: options.filter } : {} })
      .byPage({ maxPageSize: options.pageSize ?? 100, continuationToken: options.continuationToken });
    const result = await iterator.next();
    if (result.done) return { items: [], continuationToken: undefined };
    const rows = result.value as TableEntityResult<Row>[] & { continuationToken?: string };
    return { items: rows.map((row) => this.decode(row)), continuationToken: rows.continuationToken };
  }

  async *all(filter?: string): AsyncGenerator<Stored<T>> {
    for await (const row of this.table.listEntities<Row>({ queryOptions: filter ? { filter } : {} })) {
      yield this.decode(row);
    }
  }

  private translateConditionalFailure(error: unknown): unknown {
    const status = statusCodeOf(error);
    if (status === 412) return new PreconditionFailedError(`${this.options.entityName} was changed by someone else.`);
    if (status === 404) return new NotFoundError(this.options.entityName);
    return error;
  }

  private encode(partitionKey: string, rowKey: string, value: T) {
    const json = JSON.stringify(this.options.schema.parse(value));
    const text = this.options.compress ? gzipSync(json).toString('base64') : json;
    const parts = splitKeepingSurrogatePairs(text, CHUNK_CHARS);
    if (parts.length > MAX_CHUNKS) {
      throw new UnprocessableError(
        `${this.options.entityName} is too large to store (${json.length} characters${this.options.compress ? `, ${text.length} compressed` : ''}).`,
        'DocumentTooLarge',
      );
    }
    const entity: Record<string, unknown> = { partitionKey, rowKey, chunks: parts.length, ...(this.options.compress ? { encoding: GZIP } : {}) };
    parts.forEach((part, i) => (entity[`data${i}`] = part));
    return { ...(this.options.columns?.(value) ?? {}), ...entity, partitionKey, rowKey };
  }

  private decode(row: Row): Stored<T> {
    const chunks = typeof row.chunks === 'number' ? row.chunks : 1;
    let text = '';
    for (let i = 0; i < chunks; i++) {
      const chunk = row[`data${i}`];
      text += typeof chunk === 'string' ? chunk : '';
    }
    const json = row.encoding === GZIP ? gunzipSync(Buffer.from(text, 'base64')).toString('utf8') : text;
    return {
      partitionKey: String(row.partitionKey),
      rowKey: String(row.rowKey),
      etag: String(row.etag ?? ''),
      value: this.options.schema.parse(JSON.parse(json)),
    };
  }
}

/** Splits text into pieces of at most `size` UTF-16 units without cutting a surrogate pair in half. */
function splitKeepingSurrogatePairs(text: string, size: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length || parts.length === 0) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

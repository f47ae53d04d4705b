import type { TableClient } from '@azure/data-tables';
import type { z } from 'zod';
import { PreconditionFailedError } from '../../domain/errors';
import { opaqueTagOf, requireIfMatch } from '../../domain/preconditions';
import { ensureTableOnce } from './ensureTable';
import { TableRepository } from './tableRepository';

export interface VersionedDocument<T> {
  value: T;
  /** Absent while nothing is stored (the initial value applies). */
  etag?: string;
}

export interface SingletonDocumentOptions<T> {
  /** A readable name for errors, e.g. "Guardrails". */
  entityName: string;
  schema: z.ZodType<T>;
  partitionKey: string;
  rowKey: string;
  /** What a read answers before anyone stored a version. */
  initial: T;
}

/**
 * One fleet-wide document (one row of its own table) that administrators replace as a whole, with ETag
 * concurrency: a write may name the version it was based on, and a stale one is a PreconditionFailedError.
 */
export class SingletonDocument<T> {
  private readonly documents: TableRepository<T>;
  private readonly ensureTable: () => Promise<void>;

  constructor(
    table: TableClient,
    private readonly options: SingletonDocumentOptions<T>,
  ) {
    this.documents = new TableRepository(table, { entityName: options.entityName, schema: options.schema });
    this.ensureTable = ensureTableOnce(table);
  }

  async get(): Promise<VersionedDocument<T>> {
    await this.ensureTable();
    const stored = await this.documents.get(this.options.partitionKey, this.options.rowKey);
    return stored ? this.saved(stored) : { value: this.options.initial };
  }

  /** Replaces the document; with `ifMatch` only the version it names (`*` = any stored version). */
  async put(value: T, ifMatch?: string): Promise<Required<VersionedDocument<T>>> {
    await this.ensureTable();
    const { partitionKey, rowKey, entityName } = this.options;
    if (ifMatch === undefined) return this.saved(await this.documents.upsert(partitionKey, rowKey, value));
    const current = await this.documents.get(partitionKey, rowKey);
    if (!current)
      throw new PreconditionFailedError(`${entityName}: nothing is stored yet; send the first version without If-Match.`);
    requireIfMatch(ifMatch, current.etag, entityName);
    return this.saved(await this.documents.replace(partitionKey, rowKey, value, current.etag));
  }

  /** The version as the strong entity tag callers send back in If-Match. */
  private saved(stored: { value: T; etag: string }): Required<VersionedDocument<T>> {
    return { value: stored.value, etag: `"${opaqueTagOf(stored.etag)}"` };
  }
}

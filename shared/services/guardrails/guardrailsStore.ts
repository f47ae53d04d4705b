import type { TableClient } from '@azure/data-tables';
import { PreconditionFailedError } from '../../domain/errors';
import { guardrailsSchema, type Guardrails } from '../../schemas/guardrails';
import { TableRepository } from '../../storage/tableRepository';

const PARTITION = 'guardrails';
const ROW = 'fleet';

export interface VersionedGuardrails {
  guardrails: Guardrails;
  /** Absent while no admin has stored guardrails (the permissive default applies). */
  etag?: string;
}

/** The permissive default: every rule absent. */
export const DEFAULT_GUARDRAILS: Guardrails = {};

/** The fleet's one guardrails document, durable in Table storage with ETag concurrency. */
export class GuardrailsStore {
  private readonly documents: TableRepository<Guardrails>;
  private ensured: Promise<unknown> | undefined;

  constructor(private readonly table: TableClient) {
    this.documents = new TableRepository(table, { entityName: 'Guardrails', schema: guardrailsSchema });
  }

  async get(): Promise<VersionedGuardrails> {
    await this.ensureTable();
    const stored = await this.documents.get(PARTITION, ROW);
    return stored ? { guardrails: stored.value, etag: stored.etag } : { guardrails: DEFAULT_GUARDRAILS };
  }

  /** Replaces the document; with `ifMatch` only the version it names (`*` = any stored version). */
  async put(guardrails: Guardrails, ifMatch?: string): Promise<VersionedGuardrails> {
    await this.ensureTable();
    if (ifMatch === undefined) return this.saved(await this.documents.upsert(PARTITION, ROW, guardrails));
    const current = await this.documents.get(PARTITION, ROW);
    if (!current) throw new PreconditionFailedError('No guardrails are stored yet; send the first version without If-Match.');
    const etag = ifMatch.trim() === '*' ? current.etag : ifMatch.trim();
    return this.saved(await this.documents.replace(PARTITION, ROW, guardrails, etag));
  }

  private saved(stored: { value: Guardrails; etag: string }): VersionedGuardrails {
    return { guardrails: stored.value, etag: stored.etag };
  }

  private ensureTable(): Promise<unknown> {
    this.ensured ??= this.table.createTable().catch(() => undefined);
    return this.ensured;
  }
}

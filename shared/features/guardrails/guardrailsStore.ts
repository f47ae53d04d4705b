import type { TableClient } from '@azure/data-tables';
import { guardrailsSchema, type Guardrails } from '../../domain/fleet/guardrailsSchema';
import { SingletonDocument } from '../../platform/storage/singletonDocument';

export interface VersionedGuardrails {
  guardrails: Guardrails;
  /** Absent while no admin has stored guardrails (the permissive default applies). */
  etag?: string;
}

/** The permissive default: every rule absent. */
export const DEFAULT_GUARDRAILS: Guardrails = {};

/** The fleet's one guardrails document, durable in Table storage with ETag concurrency. */
export class GuardrailsStore {
  private readonly document: SingletonDocument<Guardrails>;

  constructor(table: TableClient) {
    this.document = new SingletonDocument(table, {
      entityName: 'Guardrails',
      schema: guardrailsSchema,
      partitionKey: 'guardrails',
      rowKey: 'fleet',
      initial: DEFAULT_GUARDRAILS,
    });
  }

  async get(): Promise<VersionedGuardrails> {
    const { value, etag } = await this.document.get();
    return { guardrails: value, ...(etag ? { etag } : {}) };
  }

  /** Replaces the document; with `ifMatch` only the version it names (`*` = any stored version). */
  async put(guardrails: Guardrails, ifMatch?: string): Promise<VersionedGuardrails> {
    const { value, etag } = await this.document.put(guardrails, ifMatch);
    return { guardrails: value, etag };
  }
}

import type { TableClient } from '@azure/data-tables';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { auditHttpHandlers } from './audit.http';
import { AuditStore } from './auditStore';

export { auditOperations } from './audit.api';
export { AuditStore } from './auditStore';

/** The audit trail: every write and every denial, and `GET /api/auditEvents`. */
export interface AuditModule {
  store: AuditStore;
  http: HttpHandlers;
}

export function buildAuditStore(table: TableClient): AuditStore {
  return new AuditStore(table);
}

export function buildAudit(deps: { store: AuditStore; http: HttpPipeline; publicBaseUrl: string | undefined }): AuditModule {
  return { store: deps.store, http: auditHttpHandlers(deps.http, deps) };
}

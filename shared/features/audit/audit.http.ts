import { TENANT_SCOPE_ID } from '../../domain/access/scope';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { nextLinkOf } from '../../platform/http/paging';
import { listAuditEvents } from './audit.api';
import type { AuditStore } from './auditStore';

const DEFAULT_WINDOW_MS = 7 * 86_400_000;

export function auditHttpHandlers(http: HttpPipeline, deps: { store: AuditStore; publicBaseUrl: string | undefined }): HttpHandlers {
  return {
    [listAuditEvents.operationId]: http.handle(listAuditEvents, async ({ query, request, authorize }) => {
      await authorize('audit', 'list', TENANT_SCOPE_ID);
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
      const page = await deps.store.query({
        from,
        to,
        pageSize: query.pageSize,
        ...(query.callerObjectId ? { callerObjectId: query.callerObjectId } : {}),
        ...(query.target ? { target: query.target } : {}),
        ...(query.continuationToken ? { continuation: query.continuationToken } : {}),
      });
      const nextLink = page.continuation
        ? nextLinkOf(request.url, { from: from.toISOString(), to: to.toISOString(), continuationToken: page.continuation }, deps.publicBaseUrl)
        : undefined;
      return { status: 200, jsonBody: { value: page.events, ...(nextLink ? { nextLink } : {}) } };
    }),
  };
}

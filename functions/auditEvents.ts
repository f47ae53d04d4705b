import { app } from '@azure/functions';
import { listAuditEvents } from '../shared/features/access/access.api';
import { services } from '../shared/app';
import { TENANT_SCOPE_ID } from '../shared/domain/access/scope';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { publicUrl } from '../shared/platform/http/publicUrl';

const DEFAULT_WINDOW_MS = 7 * 86_400_000;

export const listAuditEventsHandler = handleHttp(listAuditEvents, async ({ query, request, authorize }) => {
  await authorize('audit', 'list', TENANT_SCOPE_ID);
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
  const page = await services().audit.query({
    from,
    to,
    pageSize: query.pageSize,
    ...(query.callerObjectId ? { callerObjectId: query.callerObjectId } : {}),
    ...(query.target ? { target: query.target } : {}),
    ...(query.continuationToken ? { continuation: query.continuationToken } : {}),
  });
  const next = new URL(request.url);
  next.searchParams.set('from', from.toISOString());
  next.searchParams.set('to', to.toISOString());
  if (page.continuation) next.searchParams.set('continuationToken', page.continuation);
  return {
    status: 200,
    jsonBody: {
      value: page.events,
      ...(page.continuation ? { nextLink: publicUrl(request.url, `${next.pathname}${next.search}`, services().settings.FLEETPLANE_PUBLIC_BASE_URL) } : {}),
    },
  };
});

app.http(listAuditEvents.operationId, { ...httpTriggerOf(listAuditEvents), handler: listAuditEventsHandler });

import type { HttpRequest } from '@azure/functions';
import type { Caller } from '../../domain/access/caller';
import type { AccessDecision } from '../../domain/access/decision';
import { TENANT_SCOPE_ID } from '../../domain/access/scope';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { getHealth, getReadiness } from './health.api';
import type { ReadinessCache } from './readinessCache';

/** Who may see readiness details: the access control of the app, asked only when a token is sent. */
export interface ReadinessViewers {
  authenticate: (request: HttpRequest) => Promise<Caller>;
  decide: (caller: Caller, verb: string, resource: string, scope: string) => Promise<AccessDecision>;
}

const NO_STORE = { 'cache-control': 'no-store' };

export function healthHttpHandlers(http: HttpPipeline, readiness: ReadinessCache, viewers: ReadinessViewers): HttpHandlers {
  return {
    [getHealth.operationId]: http.handle(getHealth, () => Promise.resolve({ status: 200, jsonBody: { status: 'live' }, headers: NO_STORE })),
    [getReadiness.operationId]: http.handle(getReadiness, async ({ request }) => {
      const showDetails = await isAdmin(request, viewers);
      const { report, retryAfterSeconds } = await readiness.current();
      const ready = report.status === 'ready';
      return {
        status: ready ? 200 : 503,
        jsonBody: showDetails ? report : { status: report.status },
        headers: ready ? NO_STORE : { ...NO_STORE, 'retry-after': String(retryAfterSeconds) },
      };
    }),
  };
}

/** Anonymous callers see the status only; a sent token must be valid (else 401) and belong to a tenant-scope Admin. */
async function isAdmin(request: HttpRequest, viewers: ReadinessViewers): Promise<boolean> {
  if (!request.headers.has('authorization')) return false;
  const caller = await viewers.authenticate(request);
  return (await viewers.decide(caller, 'get', 'health', TENANT_SCOPE_ID)).allowed;
}

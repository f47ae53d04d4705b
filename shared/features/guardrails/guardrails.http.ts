import type { ApiOperation } from '../../platform/http/apiOperation';
import { etagHeader } from '../../platform/http/etags';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { Authorize } from '../../platform/http/requestContext';
import { getGuardrails, putGuardrails } from './guardrails.api';
import type { GuardrailsService } from './guardrailsService';
import { getVersionSupportCalendar, putVersionSupportCalendar } from './versionSupportCalendar.api';
import type { VersionSupportCalendarService } from './versionSupportCalendarService';

/** A fleet-wide document an admin reads and replaces as a whole, with its ETag. */
interface FleetDocumentEndpoints<T> {
  get: ApiOperation;
  put: ApiOperation;
  read: (authorize: Authorize) => Promise<{ value: T; etag?: string }>;
  replace: (authorize: Authorize, value: T, ifMatch: string | undefined) => Promise<{ value: T; etag?: string }>;
}

function fleetDocumentHandlers<T>(http: HttpPipeline, endpoints: FleetDocumentEndpoints<T>): HttpHandlers {
  return {
    [endpoints.get.operationId]: http.handle(endpoints.get, async ({ authorize }) => {
      const current = await endpoints.read(authorize);
      return { status: 200, jsonBody: current.value, headers: etagHeader(current.etag) };
    }),
    [endpoints.put.operationId]: http.handle(endpoints.put, async ({ authorize, body, request }) => {
      const stored = await endpoints.replace(authorize, body as T, request.headers.get('if-match') ?? undefined);
      return { status: 200, jsonBody: stored.value, headers: etagHeader(stored.etag) };
    }),
  };
}

export function guardrailsHttpHandlers(
  http: HttpPipeline,
  services: { guardrails: GuardrailsService; calendar: VersionSupportCalendarService },
): HttpHandlers {
  const { guardrails, calendar } = services;
  return {
    ...fleetDocumentHandlers(http, {
      get: getGuardrails,
      put: putGuardrails,
      read: async (authorize) => {
        const current = await guardrails.get(authorize);
        return versioned(current.guardrails, current);
      },
      replace: async (authorize, value, ifMatch) => {
        const stored = await guardrails.put(authorize, value, ifMatch);
        return versioned(stored.guardrails, stored);
      },
    }),
    ...fleetDocumentHandlers(http, {
      get: getVersionSupportCalendar,
      put: putVersionSupportCalendar,
      read: async (authorize) => {
        const current = await calendar.get(authorize);
        return versioned(current.calendar, current);
      },
      replace: async (authorize, value, ifMatch) => {
        const stored = await calendar.put(authorize, value, ifMatch);
        return versioned(stored.calendar, stored);
      },
    }),
  };
}

function versioned<T>(value: T, source: { etag?: string }): { value: T; etag?: string } {
  return source.etag ? { value, etag: source.etag } : { value };
}

import type { ApiOperation } from '../../platform/http/apiOperation';
import { etagHeader } from '../../platform/http/etags';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { Authorize } from '../../platform/http/requestContext';
import { getGuardrails, putGuardrails } from './guardrails.api';
import type { GuardrailsService } from './guardrailsService';
import { getVersionSupportCalendar, putVersionSupportCalendar } from './versionSupportCalendar.api';
import type { VersionSupportCalendarService } from './versionSupportCalendarService';

/** A fleet-wide document an admin reads and replaces as a whole; its service answers the value with its ETag. */
interface FleetDocumentService<T, V extends { etag?: string }> {
  get(authorize: Authorize): Promise<V>;
  put(authorize: Authorize, value: T, ifMatch: string | undefined): Promise<V>;
}

function fleetDocumentHandlers<T, V extends { etag?: string }>(
  http: HttpPipeline,
  operations: { get: ApiOperation; put: ApiOperation },
  service: FleetDocumentService<T, V>,
  valueOf: (versioned: V) => T,
): HttpHandlers {
  const answer = (versioned: V) => ({ status: 200, jsonBody: valueOf(versioned), headers: etagHeader(versioned.etag) });
  return {
    [operations.get.operationId]: http.handle(operations.get, async ({ authorize }) => answer(await service.get(authorize))),
    [operations.put.operationId]: http.handle(operations.put, async ({ authorize, body, request }) =>
      answer(await service.put(authorize, body as T, request.headers.get('if-match') ?? undefined)),
    ),
  };
}

export function guardrailsHttpHandlers(
  http: HttpPipeline,
  services: { guardrails: GuardrailsService; calendar: VersionSupportCalendarService },
): HttpHandlers {
  return {
    ...fleetDocumentHandlers(http, { get: getGuardrails, put: putGuardrails }, services.guardrails, (v) => v.guardrails),
    ...fleetDocumentHandlers(
      http,
      { get: getVersionSupportCalendar, put: putVersionSupportCalendar },
      services.calendar,
      (v) => v.calendar,
    ),
  };
}

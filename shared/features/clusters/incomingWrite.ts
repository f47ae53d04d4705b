import { publicUrl } from '../../platform/http/publicUrl';
import { IdempotencyStore, idempotencyKeyFromHeader } from '../idempotency';
import type { Authorize, WriteContext } from '../../platform/http/requestContext';

/** The parts of an HTTP call a write needs (structural, so services do not depend on the HTTP layer). */
export interface IncomingWrite {
  request: { url: string; method: string; headers: { get(name: string): string | null } };
  caller: { tenantId: string; objectId: string };
  correlationId: string;
  authorize: Authorize;
  decide: WriteContext['decide'];
  enforce: WriteContext['enforce'];
  body?: unknown;
}

/** Reads If-Match, Idempotency-Key and the request identity from an HTTP call. */
export function writeContextOf(
  call: IncomingWrite,
  options: { dryRun?: boolean; publicBaseUrl?: string | undefined } = {},
): WriteContext {
  const url = new URL(call.request.url);
  const ifMatch = call.request.headers.get('if-match') ?? undefined;
  const idempotencyKey = idempotencyKeyFromHeader(call.request.headers.get('idempotency-key') ?? undefined);
  return {
    authorize: call.authorize,
    decide: call.decide,
    enforce: call.enforce,
    caller: call.caller,
    correlationId: call.correlationId,
    operationUrl: (operationId) =>
      publicUrl(call.request.url, `api/operations/${operationId}`, options.publicBaseUrl),
    requestHash: IdempotencyStore.hashRequest(call.request.method, `${url.pathname}${url.search}`, JSON.stringify(call.body ?? null)),
    ...(ifMatch !== undefined ? { ifMatch } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
  };
}

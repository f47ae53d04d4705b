import type { IdempotencyStore } from '../../idempotency/idempotencyStore';
import type { ApiResponse, WriteContext } from './writeContext';

/** Keys belong to the caller: another caller's key never replays for you. Safe as a Table partition key. */
function keyScopeOf(caller: WriteContext['caller']): string {
  return `${caller.tenantId}_${caller.objectId}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

/**
 * Runs `produce` once per Idempotency-Key: the same key and request replays the stored response, another
 * request with the key is 422, a concurrent one 409. A failure forgets the key so that a retry runs again.
 */
export async function idempotent(
  store: IdempotencyStore,
  context: WriteContext,
  produce: () => Promise<ApiResponse>,
): Promise<ApiResponse> {
  const key = context.idempotencyKey;
  if (key === undefined) return produce();
  const scope = keyScopeOf(context.caller);
  const createdAt = new Date().toISOString();
  const start = await store.begin(scope, key, context.requestHash);
  if (start.kind === 'replay') {
    return { ...start.response, headers: { ...start.response.headers, 'idempotent-replayed': 'true' } };
  }
  let response: ApiResponse;
  try {
    response = await produce();
  } catch (error) {
    await store.abandon(scope, key, start.etag);
    throw error;
  }
  await store.complete(scope, key, start.etag, { key, requestHash: context.requestHash, createdAt }, response);
  return response;
}

import type { IdempotencyStore } from '../idempotency';
import { acceptedResponse, type OperationStore } from '../operations';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

/** Keys belong to the caller: another caller's key never replays for you. Safe as a Table partition key. */
function keyScopeOf(caller: WriteContext['caller']): string {
  return `${caller.tenantId}_${caller.objectId}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

/**
 * Runs `produce` once per Idempotency-Key: the same key and request replays the stored response, another
 * request with the key is 422, a concurrent one 409. A failure forgets the key so that a retry runs again. The
 * key learns the ARM operation before ARM is called, so a retry after a crash answers with that operation
 * instead of sending the change twice.
 */
export async function idempotent(
  deps: { idempotency: IdempotencyStore; operationStore: OperationStore },
  context: WriteContext,
  produce: () => Promise<ApiResponse>,
): Promise<ApiResponse> {
  const key = context.idempotencyKey;
  if (key === undefined) return produce();
  const store = deps.idempotency;
  const scope = keyScopeOf(context.caller);
  const record = { key, requestHash: context.requestHash, createdAt: new Date().toISOString() };
  const start = await store.begin(scope, key, context.requestHash);
  if (start.kind === 'replay') {
    return { ...start.response, headers: { ...start.response.headers, 'idempotent-replayed': 'true' } };
  }
  let etag = start.etag;
  let response: ApiResponse;
  try {
    if (start.kind === 'adopt') {
      const operation = await deps.operationStore.get(start.operationId);
      if (!operation) throw new Error(`Operation ${start.operationId} of Idempotency-Key "${key}" is missing.`);
      response = acceptedResponse(operation.value, context.operationUrl(operation.value.id));
    } else {
      context.onOperationRecorded = async (operationId) => {
        etag = await store.attachOperation(scope, key, etag, record, operationId);
      };
      response = await produce();
    }
  } catch (error) {
    await store.abandon(scope, key, etag);
    throw error;
  }
  await store.complete(scope, key, etag, record, response);
  return response;
}

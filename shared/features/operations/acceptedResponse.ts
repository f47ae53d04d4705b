import type { ApiResponse } from '../../platform/http/requestContext';
import { toOperationView, type OperationRecord } from './operationRecord';

/** Seconds a client should wait between polls of an operation. */
export const POLL_AFTER_SECONDS = 5;

/** 202 Accepted: where to poll the operation, and its state now. */
export function acceptedResponse(record: OperationRecord, operationUrl: string): ApiResponse {
  return {
    status: 202,
    headers: { 'operation-location': operationUrl, 'retry-after': String(POLL_AFTER_SECONDS) },
    body: toOperationView(record),
  };
}

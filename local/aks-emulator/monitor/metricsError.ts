import { randomUUID } from 'node:crypto';
import type { ArmResponse } from '../http/router';

/**
 * A refused metrics request. Azure Monitor answers these with HTTP 400 and code BadRequest, in two envelopes:
 * the ARM metrics API (`…/providers/Microsoft.Insights/metrics`) with a flat `{code, message}` body, the data-plane
 * batch API (`metrics:getBatch`) with `{error: {code, message, additionalInfo}}` and an `x-ms-error-code` header.
 */
export class MetricsRequestError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'BadRequest',
  ) {
    super(message);
    this.name = 'MetricsRequestError';
  }
}

export type ErrorEnvelope = 'flat' | 'dataPlane';

export function renderMetricsError(error: MetricsRequestError, envelope: ErrorEnvelope, exceptionType = 'Microsoft.Online.Metrics.MetricsMP.Utilities.RPRequestFormatException'): ArmResponse {
  if (envelope === 'flat') return { status: error.status, body: { code: error.code, message: error.message } };
  return {
    status: error.status,
    headers: { 'x-ms-error-code': error.code },
    body: {
      error: {
        additionalInfo: [
          { type: 'string', info: `TraceId=${randomUUID().replace(/-/g, '')}` },
          { type: 'string', info: `ExceptionType=${exceptionType}` },
        ],
        code: error.code,
        message: error.message,
      },
    },
  };
}

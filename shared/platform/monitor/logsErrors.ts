import { errorCodeOf } from '../azure/restErrors';
import { translateMonitorError } from './monitorErrors';

export const LOG_ANALYTICS = 'Log Analytics';

interface ServiceError {
  code?: unknown;
  message?: unknown;
  innererror?: ServiceError;
}

/**
 * Query API failures as domain errors: throttling, server faults, timeouts and no answer at all become "retry
 * later" (503 + Retry-After); a rejected query keeps the service's code and its most specific message
 * (e.g. BadArgumentError with "Query could not be parsed at 'x' on line [1,5]").
 */
export function translateLogsError(error: unknown): unknown {
  return translateMonitorError(LOG_ANALYTICS, error, (status) => {
    const serviceCode = serviceErrorOf(error)?.code;
    return { code: (typeof serviceCode === 'string' ? serviceCode : errorCodeOf(error)) ?? `Http${status}`, message: messageOf(error) };
  });
}

/** A query the service ran only in part (200 with `PartialError`): the rows came back, with this warning. */
export interface PartialQueryError {
  code: string;
  message: string;
}

function serviceErrorOf(error: unknown): ServiceError | undefined {
  const details = (error as { details?: { error?: ServiceError } & ServiceError }).details;
  if (typeof details !== 'object' || details === null) return undefined;
  return details.error ?? details;
}

/** The innermost message the service gave: the most specific one. */
function messageOf(error: unknown): string {
  let current = serviceErrorOf(error);
  let message = typeof current?.message === 'string' ? current.message : undefined;
  while (current?.innererror) {
    current = current.innererror;
    if (typeof current.message === 'string') message = current.message;
  }
  return message ?? (error instanceof Error ? error.message : 'Log Analytics rejected the query.');
}

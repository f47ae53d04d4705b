import { DependencyRejectedError, DependencyUnavailableError } from '../../domain/errors';
import { errorCodeOf, isOwnCredentialFailure, retryAfterOf, statusCodeOf } from '../azure/restErrors';

export const LOG_ANALYTICS = 'Log Analytics';
const DEFAULT_RETRY_AFTER_SECONDS = 10;

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
  if (isOwnCredentialFailure(error)) {
    return new DependencyUnavailableError(LOG_ANALYTICS, 'Fleetplane could not get a token for Log Analytics; check its managed identity.', DEFAULT_RETRY_AFTER_SECONDS);
  }
  const status = statusCodeOf(error);
  if (status === undefined) {
    return new DependencyUnavailableError(LOG_ANALYTICS, 'Log Analytics could not be reached or did not answer in time; retry later.', DEFAULT_RETRY_AFTER_SECONDS);
  }
  const serviceCode = serviceErrorOf(error)?.code;
  const code = (typeof serviceCode === 'string' ? serviceCode : errorCodeOf(error)) ?? `Http${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    return new DependencyUnavailableError(LOG_ANALYTICS, `Log Analytics answered ${status} (${code}); retry later.`, retryAfterOf(error) ?? DEFAULT_RETRY_AFTER_SECONDS);
  }
  return new DependencyRejectedError(LOG_ANALYTICS, status, code, messageOf(error));
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

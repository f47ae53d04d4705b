import { DependencyUnavailableError, DomainError } from '../../domain/errors';
import { errorCodeOf, statusCodeOf } from '../azure/restErrors';

/** What a caller is told to wait before trying again when storage is down or slow. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * Statuses that say "the storage service cannot serve this now" (timeouts, throttling, server errors, 503
 * ServerBusy). Every other 4xx is an answer about the request (404, 409, 412, ...) and keeps its meaning.
 */
export function isUnavailableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * True for failures where storage gave no usable answer: no HTTP response at all (ECONNREFUSED, ECONNRESET,
 * DNS, a try that timed out), or an unavailable status. A caller's own cancellation is not among them.
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (error instanceof DomainError) return false;
  const status = statusCodeOf(error);
  if (status !== undefined) return isUnavailableStatus(status);
  return isRestError(error) || isSystemError(error);
}

export function storageUnavailableError(reason: string): DependencyUnavailableError {
  return new DependencyUnavailableError('storage', `Storage is unavailable (${reason}); retry later.`, STORAGE_RETRY_AFTER_SECONDS);
}

/** Why, in a few words fit for a caller (never the SDK's message, which may carry URLs). */
export function unavailableReason(error: unknown): string {
  const status = statusCodeOf(error);
  if (status !== undefined) return `HTTP ${status}`;
  return errorCodeOf(error) ?? 'no answer';
}

/** Turns an unavailability failure into the one error the HTTP mapping answers 503 for; anything else as is. */
export function translateStorageFailure(error: unknown): unknown {
  return isStorageUnavailable(error) ? storageUnavailableError(unavailableReason(error)) : error;
}

function isRestError(error: unknown): boolean {
  return error instanceof Error && error.name === 'RestError';
}

/** A Node socket or DNS failure (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND, EAI_AGAIN, ...). */
function isSystemError(error: unknown): boolean {
  return /^E[A-Z_]+$/.test(errorCodeOf(error) ?? '');
}

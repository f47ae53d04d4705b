import { DependencyRejectedError, DependencyUnavailableError } from '../../domain/errors';
import { isOwnCredentialFailure, retryAfterOf, statusCodeOf } from '../azure/restErrors';

const DEFAULT_RETRY_AFTER_SECONDS = 10;

/**
 * An Azure Monitor API's failure as a domain error: no token, no answer, throttling and server faults become
 * "retry later" (503 + Retry-After); a refusal keeps the service's code and message (`rejection` reads them).
 */
export function translateMonitorError(service: string, error: unknown, rejection: (status: number) => { code: string; message: string }): unknown {
  if (isOwnCredentialFailure(error)) {
    return new DependencyUnavailableError(service, `Fleetplane could not get a token for ${service}; check its managed identity.`, DEFAULT_RETRY_AFTER_SECONDS);
  }
  const status = statusCodeOf(error);
  if (status === undefined) {
    return new DependencyUnavailableError(service, `${service} could not be reached or did not answer in time; retry later.`, DEFAULT_RETRY_AFTER_SECONDS);
  }
  const { code, message } = rejection(status);
  if (status === 408 || status === 429 || status >= 500) {
    return new DependencyUnavailableError(service, `${service} answered ${status} (${code}); retry later.`, retryAfterOf(error) ?? DEFAULT_RETRY_AFTER_SECONDS);
  }
  return new DependencyRejectedError(service, status, code, message);
}

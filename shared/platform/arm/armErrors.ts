import {
  DependencyRejectedError,
  DependencyUnavailableError,
  DomainError,
  NotFoundError,
} from '../../domain/errors';
import { errorCodeOf, isOwnCredentialFailure, retryAfterOf, statusCodeOf } from '../azure/restErrors';
import { ArmDeadlineExceededError, ArmRetryAfterBeyondDeadlineError } from './armDeadline';

const DEFAULT_RETRY_AFTER_SECONDS = 10;
/** ARM refusing Fleetplane's own identity (a deployment problem); other 401/403s, e.g. a policy denial, are the caller's. */
const OWN_IDENTITY_CODES = /^(AuthorizationFailed|LinkedAuthorizationFailed|InvalidAuthenticationToken\w*|AuthenticationFailed|ExpiredAuthenticationToken)$/;

/**
 * ARM failures as domain errors: throttling and server faults become "retry later" (503 + Retry-After),
 * client errors keep AKS's own code and message.
 */
export function translateArmError(error: unknown, resource = 'The resource'): unknown {
  // Already decided in-process (e.g. the read budget refused the call before it left): keep it.
  if (error instanceof DomainError) return error;
  const status = statusCodeOf(error);
  if (isOwnCredentialFailure(error)) {
    return new DependencyUnavailableError(
      'Azure Resource Manager',
      "Fleetplane could not get a token for Azure Resource Manager; check its managed identity.",
      DEFAULT_RETRY_AFTER_SECONDS,
    );
  }
  if (error instanceof ArmDeadlineExceededError) {
    return new DependencyUnavailableError(
      'Azure Resource Manager',
      'Azure Resource Manager did not answer in time; retry later.',
      DEFAULT_RETRY_AFTER_SECONDS,
    );
  }
  if (error instanceof ArmRetryAfterBeyondDeadlineError) {
    return new DependencyUnavailableError(
      'Azure Resource Manager',
      `Azure Resource Manager answered ${error.statusCode} (${error.code}); retry later.`,
      error.retryAfterSeconds,
    );
  }
  if (status === undefined) {
    // No HTTP answer at all (connection refused or reset, timeout, abort): ARM could not be reached.
    return new DependencyUnavailableError(
      'Azure Resource Manager',
      'Azure Resource Manager could not be reached; retry later.',
      DEFAULT_RETRY_AFTER_SECONDS,
    );
  }
  const code = errorCodeOf(error) ?? `Http${status}`;
  const message = armMessageOf(error);
  if (status === 429 || status >= 500) {
    return new DependencyUnavailableError(
      'Azure Resource Manager',
      `Azure Resource Manager answered ${status} (${code}); retry later.`,
      retryAfterOf(error) ?? DEFAULT_RETRY_AFTER_SECONDS,
    );
  }
  if (status === 404) return new NotFoundError(resource, message, code);
  if ((status === 401 || status === 403) && OWN_IDENTITY_CODES.test(code)) {
    // ARM refused Fleetplane's own identity: a deployment problem, not the caller's.
    return new DependencyRejectedError(
      'Azure Resource Manager',
      502,
      code,
      `Azure Resource Manager refused Fleetplane's identity (${code}); grant it access to this scope.`,
    );
  }
  return new DependencyRejectedError('Azure Resource Manager', status, code, message);
}

function armMessageOf(error: unknown): string {
  const details = (error as { details?: { error?: { message?: unknown } } }).details;
  const message = details?.error?.message ?? (error as Error).message;
  return typeof message === 'string' ? message : 'Azure Resource Manager rejected the request.';
}

/** Failures that prove the request never left: nothing was connected to, or no token to send. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether ARM may have received (and acted on) a request that failed this way: true when the request was
 * sent but no answer came back (deadline, timeout, connection reset). Any HTTP answer, a refused connection
 * or a missing token means ARM did not take it.
 */
export function mayHaveReachedArm(error: unknown): boolean {
  if (error instanceof ArmRetryAfterBeyondDeadlineError) return false;
  if (error instanceof ArmDeadlineExceededError) return error.requestSent;
  if (statusCodeOf(error) !== undefined || isOwnCredentialFailure(error)) return false;
  const code = errorCodeOf(error) ?? errorCodeOf((error as { cause?: unknown } | null)?.cause);
  return !(code !== undefined && NOT_SENT_CODES.has(code));
}

import {
  ConflictError,
  DependencyRejectedError,
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  TooManyRequestsError,
  UnprocessableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../domain/errors';
import { isAuthenticationError } from '../../domain/access/errors';
import { problem, type Problem } from './problem';

export interface MappedProblem {
  body: Problem;
  headers: Record<string, string>;
}

/** The one place where typed failures become HTTP statuses. Unknown errors never leak their message. */
export function errorToProblem(error: unknown): MappedProblem {
  if (error instanceof DomainError) return domainProblem(error);
  const authentication = authenticationProblem(error);
  if (authentication) return authentication;
  return {
    body: problem(500, 'Internal Server Error', { detail: 'An unexpected error occurred; see the logs for this correlation id.' }),
    headers: {},
  };
}

function domainProblem(error: DomainError): MappedProblem {
  const none = {};
  if (error instanceof ValidationError) {
    return { body: problem(400, 'Bad Request', { detail: error.message, errors: error.issues }), headers: none };
  }
  if (error instanceof NotFoundError) {
    return { body: problem(404, 'Not Found', { detail: error.message, ...(error.code ? { code: error.code } : {}) }), headers: none };
  }
  if (error instanceof ConflictError) {
    return { body: problem(409, 'Conflict', { detail: error.message, code: error.code }), headers: none };
  }
  if (error instanceof PreconditionFailedError) {
    return { body: problem(412, 'Precondition Failed', { detail: error.message }), headers: none };
  }
  if (error instanceof UnprocessableError) {
    return { body: problem(422, 'Unprocessable Content', { detail: error.message, code: error.code }), headers: none };
  }
  if (error instanceof UnsupportedMediaTypeError) {
    return { body: problem(415, 'Unsupported Media Type', { detail: error.message }), headers: none };
  }
  if (error instanceof PayloadTooLargeError) {
    return { body: problem(413, 'Content Too Large', { detail: error.message, limitBytes: error.limitBytes }), headers: none };
  }
  if (error instanceof TooManyRequestsError) {
    return {
      body: problem(429, 'Too Many Requests', { detail: error.message, code: error.code }),
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof ForbiddenError) {
    return { body: problem(403, 'Forbidden', { detail: error.message, ...(error.issues.length > 0 ? { errors: error.issues } : {}) }), headers: none };
  }
  if (error instanceof DependencyUnavailableError) {
    return {
      body: problem(503, 'Service Unavailable', { detail: error.message, dependency: error.dependency }),
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof DependencyRejectedError) {
    return {
      body: problem(error.status, titleFor(error.status), {
        detail: error.message,
        code: error.code,
        dependency: error.dependency,
      }),
      headers: none,
    };
  }
  return { body: problem(500, 'Internal Server Error', { detail: error.message }), headers: none };
}

/** The caller's authentication failed (not our own credential: @azure/identity's errors share the name). */
function authenticationProblem(error: unknown): MappedProblem | undefined {
  if (!isAuthenticationError(error)) return undefined;
  const code = error.reason;
  if (error.status === 503) {
    return {
      body: problem(503, 'Service Unavailable', { detail: error.message, code }),
      headers: { 'retry-after': '30' },
    };
  }
  return {
    body: problem(401, 'Unauthorized', { detail: error.message, code }),
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${code}"` },
  };
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    412: 'Precondition Failed',
    422: 'Unprocessable Content',
    429: 'Too Many Requests',
    502: 'Bad Gateway',
  };
  return titles[status] ?? (status >= 500 ? 'Bad Gateway' : 'Bad Request');
}

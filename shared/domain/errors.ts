/**
 * Typed failures at the domain boundary. Only shared/http knows how each becomes an HTTP response.
 */
export interface FieldIssue {
  /** Dotted/indexed path of the offending field, e.g. `nodePools[1].vmSize`; empty for the whole body. */
  path: string;
  code: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: string;
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'notFound';
  constructor(
    readonly resource: string,
    message = `${resource} was not found.`,
    /** The dependency's own code when it said so, e.g. ResourceGroupNotFound. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The resource exists, or another request holds it right now. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  constructor(
    message: string,
    readonly code = 'Conflict',
  ) {
    super(message);
  }
}

/** A write was based on a stale version (ETag) of the resource. */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'preconditionFailed';
  constructor(message = 'The resource was changed since it was read; read it again and retry.') {
    super(message);
  }
}

export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
  constructor(
    message: string,
    readonly code = 'Unprocessable',
  ) {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  constructor(
    message: string,
    /** The body fields the denial is about (e.g. a referenced resource the caller may not use). */
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** A dependency (ARM, storage) is throttling or failing; the caller should retry later. */
export class DependencyUnavailableError extends DomainError {
  readonly kind = 'dependencyUnavailable';
  constructor(
    readonly dependency: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dependency rejected the request; its own code and message are kept for the caller. */
export class DependencyRejectedError extends DomainError {
  readonly kind = 'dependencyRejected';
  constructor(
    readonly dependency: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupportedMediaType';
  constructor(message: string) {
    super(message);
  }
}

/** The request body is larger than the API accepts. */
export class PayloadTooLargeError extends DomainError {
  readonly kind = 'payloadTooLarge';
  constructor(
    message: string,
    readonly limitBytes: number,
  ) {
    super(message);
  }
}

/** The caller has spent its budget (e.g. of live ARM reads); it may retry after the given seconds. */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'tooManyRequests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly code = 'TooManyRequests',
  ) {
    super(message);
  }
}

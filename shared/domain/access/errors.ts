/** Why a bearer token or client principal was not accepted. Stable, machine-readable. */
export const AUTHENTICATION_FAILURE_REASONS = [
  'missing_token',
  'unsupported_scheme',
  'malformed',
  'repeated_header',
  'bad_algorithm',
  'untrusted_issuer',
  'unknown_key',
  'bad_signature',
  'expired',
  'not_yet_valid',
  'wrong_audience',
  'issuer_tenant_mismatch',
  'missing_claim',
  'groups_overage',
  'untrusted_client_principal',
  'key_source_unavailable',
  'group_lookup_unavailable',
] as const;

export type AuthenticationFailureReason = (typeof AUTHENTICATION_FAILURE_REASONS)[number];

/**
 * Authentication failed. `status` is what the HTTP layer should answer: 401 (with
 * `WWW-Authenticate: Bearer`) for every reason except `key_source_unavailable` and
 * `group_lookup_unavailable`, which are dependency outages (503 + Retry-After), never an acceptance.
 * The message is written by us and never contains the token or key material.
 */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  readonly status: 401 | 503;

  constructor(
    readonly reason: AuthenticationFailureReason,
    message: string,
  ) {
    super(message);
    this.status = reason === 'key_source_unavailable' || reason === 'group_lookup_unavailable' ? 503 : 401;
  }
}

export function isAuthenticationError(error: unknown): error is AuthenticationError {
  return error instanceof AuthenticationError;
}

export const SCOPE_PROBLEMS = [
  'not_a_string',
  'empty',
  'too_long',
  'not_absolute',
  'empty_segment',
  'unexpected_segment',
  'missing_name',
  'invalid_subscription_id',
  'invalid_resource_group',
  'invalid_cluster_name',
  'invalid_namespace',
  'trailing_segments',
] as const;

export type ScopeProblem = (typeof SCOPE_PROBLEMS)[number];

/** A scope string is not `tenant` nor a well-formed fleet ARM-like id. */
export class InvalidScopeError extends Error {
  override readonly name = 'InvalidScopeError';

  constructor(
    readonly problem: ScopeProblem,
    message: string,
  ) {
    super(message);
  }
}

import { AuthenticationError } from '../../domain/access/errors';

/** Tokens above this size are refused before any parsing (Entra access tokens are a few KiB). */
export const MAX_AUTHORIZATION_HEADER_BYTES = 8 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * `Bearer <compact JWS>` and nothing else. A repeated Authorization header reaches the worker as one value,
 * its lines joined with ',' (the Functions host's conversion): a JWS never contains ',', so that is refused.
 */
export function extractBearerToken(authorizationHeader: string | null | undefined): string {
  if (
    authorizationHeader === null ||
    authorizationHeader === undefined ||
    authorizationHeader.trim() === ''
  ) {
    throw new AuthenticationError('missing_token', 'an Authorization: Bearer token is required');
  }
  if (authorizationHeader.length > MAX_AUTHORIZATION_HEADER_BYTES) {
    throw new AuthenticationError(
      'malformed',
      `the Authorization header exceeds ${MAX_AUTHORIZATION_HEADER_BYTES} bytes`,
    );
  }
  if (authorizationHeader.includes(',')) {
    throw new AuthenticationError('repeated_header', 'the Authorization header must be sent exactly once');
  }
  const match = /^(\S+) +(\S+)$/.exec(authorizationHeader.trim());
  const scheme = match?.[1] ?? authorizationHeader.trim().split(/\s/, 1)[0] ?? '';
  if (scheme.toLowerCase() !== 'bearer') {
    throw new AuthenticationError('unsupported_scheme', 'only the Bearer authorization scheme is accepted');
  }
  const token = match?.[2];
  if (token === undefined || !COMPACT_JWS.test(token)) {
    throw new AuthenticationError('malformed', 'the bearer token is not a single compact JWT');
  }
  return token;
}

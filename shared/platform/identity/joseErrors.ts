import { errors } from 'jose';
import { AuthenticationError, type AuthenticationFailureReason } from '../../domain/access/errors';

const CLAIM_REASONS: Readonly<Record<string, AuthenticationFailureReason>> = {
  aud: 'wrong_audience',
  iss: 'untrusted_issuer',
  nbf: 'not_yet_valid',
  exp: 'expired',
};

/** Any verification failure becomes an AuthenticationError; jose's messages are not passed on. */
export function toAuthenticationError(error: unknown): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  if (error instanceof errors.JWTExpired) return new AuthenticationError('expired', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return claimFailure(error.claim, error.reason);
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthenticationError('bad_algorithm', 'the token is not signed with RS256');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthenticationError(
      'unknown_key',
      'the token is signed with a key the issuer does not publish',
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthenticationError('bad_signature', 'the token signature is not valid');
  }
  return new AuthenticationError('malformed', 'the token could not be verified');
}

function claimFailure(claim: string, reason: string): AuthenticationError {
  if (reason === 'missing')
    return new AuthenticationError('missing_claim', `the token has no "${claim}" claim`);
  const mapped = CLAIM_REASONS[claim] ?? 'malformed';
  return new AuthenticationError(mapped, `the token's "${claim}" claim is not acceptable`);
}

import { expect } from 'vitest';
import { AuthenticationError, type AuthenticationFailureReason } from '../../../../shared/domain/access';

/** Asserts the typed failure, and that nothing of the token leaks into the message. */
export async function expectRejection(
  attempt: Promise<unknown>,
  reason: AuthenticationFailureReason,
  token?: string,
): Promise<AuthenticationError> {
  const error = await attempt.then(
    () => {
      throw new Error(`expected rejection with ${reason}, but it was accepted`);
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  const authError = error as AuthenticationError;
  expect(authError.reason).toBe(reason);
  const outage = reason === 'key_source_unavailable' || reason === 'group_lookup_unavailable';
  expect(authError.status).toBe(outage ? 503 : 401);
  expect(authError.message).not.toMatch(/eyJ/);
  if (token !== undefined) {
    for (const part of token.split('.').filter((segment) => segment.length > 8)) {
      expect(authError.message).not.toContain(part);
    }
  }
  return authError;
}

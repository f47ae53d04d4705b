import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ArmError } from '../errors';

export type AuthOptions = { mode: 'any' } | { mode: 'jwks'; jwksUrl: string; issuer?: string; audience?: string };

export type Authenticator = (authorization: string | undefined) => Promise<void>;

/** `any`: a Bearer token must be present. `jwks`: it must also verify against the issuer's keys. */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const jwks = options.mode === 'jwks' ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') {
      throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) {
      throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.");
    }
    if (options.mode !== 'jwks' || !jwks) return;
    try {
      await jwtVerify(match[1], jwks, {
        ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
        ...(options.audience === undefined ? {} : { audience: options.audience }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'verification failed';
      throw new ArmError(401, 'InvalidAuthenticationToken', `The access token is invalid. ${reason}`);
    }
  };
}

export { createTokenValidator, DEV_SCOPE_CLAIM, MAX_CLOCK_TOLERANCE_SECONDS } from './tokenValidator';
export type { TokenValidator, TokenValidatorOptions, GroupsOveragePolicy } from './tokenValidator';
export { parseClientPrincipal, CLIENT_PRINCIPAL_HEADER } from './clientPrincipal';
export type { ClientPrincipalOptions } from './clientPrincipal';
export { entraIssuers, DEFAULT_AUTHORITY_HOST, DEFAULT_V1_ISSUER_HOST } from './trustedIssuers';
export type { TrustedIssuer, EntraTokenVersion } from './trustedIssuers';
export { extractBearerToken, MAX_AUTHORIZATION_HEADER_BYTES } from './bearerToken';
export type { FetchFunction } from './signingKeyStore';

import { decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { Caller } from '../../domain/access/caller';
import { AuthenticationError } from '../../domain/access/errors';
import { tryParseScope } from '../../domain/access/scope';
import { extractBearerToken } from './bearerToken';
import { callerFromClaims, hasGroupsOverage } from './callerFromClaims';
import { toAuthenticationError } from './joseErrors';
import { createSigningKeyStore, type FetchFunction } from './signingKeyStore';
import { entraIssuers, issuerIndex, type EntraTokenVersion, type TrustedIssuer } from './trustedIssuers';
import { VerifiedTokenCache } from './verifiedTokenCache';

export const MAX_CLOCK_TOLERANCE_SECONDS = 300;
export const DEV_SCOPE_CLAIM = 'fleetplane_scope';

export type GroupsOveragePolicy = 'flag' | 'reject';

export interface TokenValidatorOptions {
  /** Entra tenant GUIDs whose tokens are accepted (v1 and v2 issuer forms, see `tokenVersions`). */
  readonly trustedTenants: readonly string[];
  /** Accepted `aud` values: the API's client id, optionally its `api://` App ID URI. */
  readonly audiences: readonly string[];
  /** Default https://login.microsoftonline.com. */
  readonly authorityHost?: string;
  /** Default https://sts.windows.net (v1 issuer host). */
  readonly v1IssuerHost?: string;
  /** Default ['v1', 'v2']. */
  readonly tokenVersions?: readonly EntraTokenVersion[];
  /** Issuers outside Entra's URL scheme, each with an explicit metadata URL (the local dev issuer). */
  readonly extraIssuers?: readonly TrustedIssuer[];
  /** Let plain-http loopback metadata serve the Entra tenants (tests only). */
  readonly allowHttpOnLoopback?: boolean;
  /** Honour the `fleetplane_scope` claim, only on tokens from an issuer marked `devIssuer`. Default false. */
  readonly acceptDevScopeClaim?: boolean;
  /** 0..300, default 300 (the Microsoft.IdentityModel default). */
  readonly clockToleranceSeconds?: number;
  /** Minimum time between two key refetches for one issuer. Default 30 s. */
  readonly jwksCooldownMs?: number;
  /** Keys are refreshed after this age. Default 24 h (Microsoft's guidance). */
  readonly jwksCacheMaxAgeMs?: number;
  /** Default 5 s. */
  readonly fetchTimeoutMs?: number;
  /**
   * Groups overage: 'flag' (default) marks the caller so group bindings cannot match and `can`
   * explains the denial; 'reject' fails authentication. Ignored when `resolveOverageGroups` is set.
   */
  readonly groupsOverage?: GroupsOveragePolicy;
  /** A Graph lookup (e.g. `/users/{oid}/getMemberObjects`), when configured. */
  readonly resolveOverageGroups?: (identity: {
    tenantId: string;
    objectId: string;
  }) => Promise<readonly string[]>;
  /** How many verified tokens are remembered (0 turns the cache off). Default 5,000. */
  readonly verifiedTokenCacheSize?: number;
  readonly fetch?: FetchFunction;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
}

export interface TokenValidator {
  /** Resolves to the caller, or rejects with an AuthenticationError. */
  validate(authorizationHeader: string | null | undefined): Promise<Caller>;
}

export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const settings = resolveSettings(options);
  const issuers = issuerIndex([
    ...entraIssuers({ ...options, allowHttpOnLoopback: options.allowHttpOnLoopback ?? false }),
    ...(options.extraIssuers ?? []),
  ]);
  if (issuers.size === 0) throw new TypeError('at least one trusted tenant or issuer is required');
  const verifiedTokens = new VerifiedTokenCache(options.verifiedTokenCacheSize);
  const keyStore = createSigningKeyStore({
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now: settings.now,
    cooldownMs: settings.cooldownMs,
    cacheMaxAgeMs: settings.cacheMaxAgeMs,
    fetchTimeoutMs: settings.fetchTimeoutMs,
  });

  async function verify(token: string, issuer: TrustedIssuer): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, keyStore.keyResolverFor(issuer), {
        algorithms: ['RS256'],
        issuer: issuer.issuer,
        audience: [...options.audiences],
        clockTolerance: settings.clockToleranceSeconds,
        currentDate: new Date(settings.now()),
        requiredClaims: ['exp', 'nbf', 'iat', 'tid', 'oid'],
      });
      return payload;
    } catch (error) {
      throw toAuthenticationError(error);
    }
  }

  async function groupsOf(claims: JWTPayload, caller: Omit<Caller, 'groupsOverage'>) {
    if (!hasGroupsOverage(claims)) return { groups: caller.groups, groupsOverage: false };
    if (options.resolveOverageGroups !== undefined) {
      const groups = await options
        .resolveOverageGroups({ tenantId: caller.tenantId, objectId: caller.objectId })
        .catch(() => {
          throw new AuthenticationError('group_lookup_unavailable', 'the group membership lookup failed');
        });
      return { groups: groups.map((group) => group.toLowerCase()), groupsOverage: false };
    }
    if (settings.groupsOverage === 'reject') {
      throw new AuthenticationError(
        'groups_overage',
        'the token omits group memberships (overage) and no group lookup is configured',
      );
    }
    return { groups: [], groupsOverage: true };
  }

  /** The full check: algorithm, issuer, signature against the issuer's keys, audience, lifetime, tenant. */
  async function verifyToken(token: string): Promise<{ issuer: TrustedIssuer; claims: JWTPayload }> {
    const issuer = trustedIssuerOf(token, issuers);
    const keyGeneration = keyStore.freshKeyGeneration(issuer);
    const claims = await verify(token, issuer);
    if (typeof claims.tid !== 'string' || claims.tid.toLowerCase() !== issuer.tenantId) {
      throw new AuthenticationError(
        'issuer_tenant_mismatch',
        'the token\'s "tid" does not match its issuer',
      );
    }
    // Remembered only when the keys did not change during the check (a refresh may have dropped the key).
    if (keyGeneration !== undefined && keyGeneration === keyStore.freshKeyGeneration(issuer)) {
      verifiedTokens.set(token, { issuer, claims, keyGeneration });
    }
    return { issuer, claims };
  }

  /** A token verified before with the issuer's current keys, while its lifetime still holds. */
  function rememberedToken(token: string): { issuer: TrustedIssuer; claims: JWTPayload } | undefined {
    const remembered = verifiedTokens.get(token);
    if (remembered === undefined) return undefined;
    const stillValid =
      remembered.keyGeneration === keyStore.freshKeyGeneration(remembered.issuer) &&
      isWithinLifetime(remembered.claims, settings.now(), settings.clockToleranceSeconds);
    if (stillValid) return remembered;
    verifiedTokens.delete(token);
    return undefined;
  }

  return {
    async validate(authorizationHeader) {
      const token = extractBearerToken(authorizationHeader);
      const { issuer, claims } = rememberedToken(token) ?? (await verifyToken(token));
      const caller = { ...callerFromClaims(claims), ...devScopeOf(claims, issuer, options) };
      return { ...caller, ...(await groupsOf(claims, caller)) };
    },
  };
}

/** jose's exp and nbf rules with the same tolerance, for tokens whose other checks are remembered. */
function isWithinLifetime(claims: JWTPayload, nowMs: number, toleranceSeconds: number): boolean {
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now - toleranceSeconds) return false;
  return typeof claims.nbf !== 'number' || claims.nbf <= now + toleranceSeconds;
}

/**
 * Checks the algorithm and picks the issuer before any key fetch. The unverified `iss` only selects
 * among issuers we already trust; the signature must then verify against that issuer's own keys.
 */
function trustedIssuerOf(token: string, issuers: ReadonlyMap<string, TrustedIssuer>): TrustedIssuer {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    throw new AuthenticationError('malformed', 'the bearer token is not a decodable JWT');
  }
  if (header.alg !== 'RS256')
    throw new AuthenticationError('bad_algorithm', 'the token is not signed with RS256');
  if (typeof header.kid !== 'string' || header.kid === '') {
    throw new AuthenticationError('malformed', 'the token header names no signing key (kid)');
  }
  const issuer = typeof claims.iss === 'string' ? issuers.get(claims.iss) : undefined;
  if (issuer === undefined)
    throw new AuthenticationError('untrusted_issuer', 'the token issuer is not trusted');
  return issuer;
}

function devScopeOf(
  claims: JWTPayload,
  issuer: TrustedIssuer,
  options: TokenValidatorOptions,
): { devScope?: string } {
  const claim = claims[DEV_SCOPE_CLAIM];
  if (claim === undefined || issuer.devIssuer !== true || options.acceptDevScopeClaim !== true) return {};
  const parsed = tryParseScope(claim);
  if (!parsed.ok)
    throw new AuthenticationError('malformed', `the ${DEV_SCOPE_CLAIM} claim is not a valid scope`);
  return { devScope: parsed.scope.id };
}

function resolveSettings(options: TokenValidatorOptions) {
  const clockToleranceSeconds = options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS;
  if (!(clockToleranceSeconds >= 0 && clockToleranceSeconds <= MAX_CLOCK_TOLERANCE_SECONDS)) {
    throw new TypeError(`clockToleranceSeconds must be between 0 and ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  if (options.audiences.length === 0 || options.audiences.some((audience) => audience.trim() === '')) {
    throw new TypeError('audiences must list at least one non-empty audience');
  }
  return {
    clockToleranceSeconds,
    cooldownMs: nonNegative(options.jwksCooldownMs ?? 30_000, 'jwksCooldownMs'),
    cacheMaxAgeMs: nonNegative(options.jwksCacheMaxAgeMs ?? 24 * 60 * 60 * 1000, 'jwksCacheMaxAgeMs'),
    fetchTimeoutMs: nonNegative(options.fetchTimeoutMs ?? 5_000, 'fetchTimeoutMs'),
    groupsOverage: options.groupsOverage ?? 'flag',
    now: options.now ?? Date.now,
  };
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a non-negative number`);
  return value;
}

import { createLocalJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from '../../domain/access/errors';
import { isAllowedKeySourceUrl, type TrustedIssuer } from './trustedIssuers';

export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

export interface SigningKeyStoreOptions {
  readonly fetch: FetchFunction;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** At most one refetch per issuer per cooldown, whatever the number of unknown `kid`s. */
  readonly cooldownMs: number;
  /** Keys older than this are refreshed before use (a refresh failure keeps the old keys). */
  readonly cacheMaxAgeMs: number;
  readonly fetchTimeoutMs: number;
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;

interface IssuerKeys {
  keySet?: LocalKeySet;
  fetchedAt?: number;
  /** Counts successful fetches: a new generation may have dropped a key. */
  generation?: number;
  lastAttemptAt?: number;
  pending?: Promise<void>;
}

/**
 * Signing keys per trusted issuer, discovered through OpenID metadata and cached. Written here
 * rather than with jose's remote JWK set so that the clock is injectable and cooldowns testable.
 */
export function createSigningKeyStore(options: SigningKeyStoreOptions) {
  const stateByIssuer = new Map<string, IssuerKeys>();

  function stateFor(issuer: TrustedIssuer): IssuerKeys {
    let state = stateByIssuer.get(issuer.issuer);
    if (state === undefined) {
      state = {};
      stateByIssuer.set(issuer.issuer, state);
    }
    return state;
  }

  const isRecent = (timestamp: number | undefined, windowMs: number) =>
    timestamp !== undefined && options.now() - timestamp < windowMs;

  function refresh(issuer: TrustedIssuer, state: IssuerKeys): Promise<void> {
    if (state.pending !== undefined) return state.pending;
    state.lastAttemptAt = options.now();
    const pending = fetchKeySet(issuer, options)
      .then((keySet) => {
        state.keySet = keySet;
        state.fetchedAt = options.now();
        state.generation = (state.generation ?? 0) + 1;
      })
      .finally(() => {
        state.pending = undefined;
      });
    state.pending = pending;
    return pending;
  }

  async function ensureFreshKeys(issuer: TrustedIssuer, state: IssuerKeys): Promise<LocalKeySet> {
    const stale = !isRecent(state.fetchedAt, options.cacheMaxAgeMs);
    if (state.keySet === undefined || stale) {
      if (state.pending !== undefined || !isRecent(state.lastAttemptAt, options.cooldownMs)) {
        await refresh(issuer, state).catch((error: unknown) => {
          if (state.keySet === undefined) throw error;
        });
      }
    }
    if (state.keySet === undefined) {
      throw new AuthenticationError(
        'key_source_unavailable',
        `signing keys for ${issuer.issuer} are unavailable`,
      );
    }
    return state.keySet;
  }

  /** A jose key resolver bound to one trusted issuer. */
  function keyResolverFor(issuer: TrustedIssuer): JWTVerifyGetKey {
    return async (protectedHeader, token) => {
      const state = stateFor(issuer);
      const keySet = await ensureFreshKeys(issuer, state);
      try {
        return await keySet(protectedHeader, token);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
        // Rotation: an unknown kid may be a new key. Refetch at most once per cooldown.
        const refetching =
          state.pending ??
          (isRecent(state.lastAttemptAt, options.cooldownMs) ? undefined : refresh(issuer, state));
        if (refetching === undefined) throw error;
        await refetching.catch(() => undefined);
        return (state.keySet ?? keySet)(protectedHeader, token);
      }
    };
  }

  /**
   * Identifies the issuer's current keys while they are fresh (fetched within the max age): a signature
   * checked with one generation stays trustworthy until the keys are fetched again. Undefined when the keys
   * are missing or due for a refresh, so that callers go through `keyResolverFor`, which refreshes them.
   */
  function freshKeyGeneration(issuer: TrustedIssuer): number | undefined {
    const state = stateByIssuer.get(issuer.issuer);
    if (state?.keySet === undefined || !isRecent(state.fetchedAt, options.cacheMaxAgeMs)) return undefined;
    return state.generation;
  }

  return {
    keyResolverFor,
    freshKeyGeneration,
  };
}

export type SigningKeyStore = ReturnType<typeof createSigningKeyStore>;

async function fetchKeySet(issuer: TrustedIssuer, options: SigningKeyStoreOptions): Promise<LocalKeySet> {
  const metadata = await fetchJson(issuer.metadataUrl, issuer, options);
  if (!isRecord(metadata) || metadata.issuer !== issuer.issuer || typeof metadata.jwks_uri !== 'string') {
    throw unavailable(issuer, 'the OpenID metadata does not name this issuer and a jwks_uri');
  }
  if (!isAllowedKeySourceUrl(metadata.jwks_uri, issuer)) {
    throw unavailable(issuer, 'the jwks_uri is not https');
  }
  const jwks = await fetchJson(metadata.jwks_uri, issuer, options);
  try {
    return createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
  } catch {
    throw unavailable(issuer, 'the JWKS document is malformed');
  }
}

async function fetchJson(
  url: string,
  issuer: TrustedIssuer,
  options: SigningKeyStoreOptions,
): Promise<unknown> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: 'GET',
      redirect: 'manual',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.fetchTimeoutMs),
    });
  } catch {
    throw unavailable(issuer, 'the key source could not be reached');
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw unavailable(issuer, `the key source answered HTTP ${response.status}`);
  }
  try {
    return await response.json();
  } catch {
    throw unavailable(issuer, 'the key source did not return JSON');
  }
}

function unavailable(issuer: TrustedIssuer, detail: string): AuthenticationError {
  return new AuthenticationError('key_source_unavailable', `signing keys for ${issuer.issuer}: ${detail}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

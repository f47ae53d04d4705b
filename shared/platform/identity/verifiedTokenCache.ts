import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { TrustedIssuer } from './trustedIssuers';

/** A token whose signature, issuer, audience and tenant have been checked against one generation of keys. */
export interface VerifiedToken {
  readonly issuer: TrustedIssuer;
  readonly claims: JWTPayload;
  /** The issuer's key-set generation the signature was checked with. */
  readonly keyGeneration: number;
}

export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 5_000;

/**
 * Remembers tokens that passed the full check, so that a client presenting the same token again skips the
 * RSA verification (which runs on the libuv thread pool and costs more than the rest of a read request).
 * What a hit still checks is the caller's business (lifetime, key generation); the cache only remembers.
 * Keyed by SHA-256 so that bearer tokens are not kept in memory. Oldest entries are evicted first.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(private readonly maxEntries: number = DEFAULT_VERIFIED_TOKEN_CACHE_SIZE) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new TypeError('maxEntries must be a non-negative integer');
  }

  get(token: string): VerifiedToken | undefined {
    return this.entries.get(keyOf(token));
  }

  set(token: string, verified: VerifiedToken): void {
    if (this.maxEntries === 0) return;
    const key = keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, verified);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(token: string): void {
    this.entries.delete(keyOf(token));
  }

  get size(): number {
    return this.entries.size;
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

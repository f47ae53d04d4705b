import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache, type VerifiedToken } from '../../../shared/platform/identity/verifiedTokenCache';

const verified = (oid: string): VerifiedToken => ({
  issuer: { issuer: 'https://issuer', tenantId: 't', metadataUrl: 'https://issuer/.well-known/openid-configuration' },
  claims: { oid },
  keyGeneration: 1,
});

describe('VerifiedTokenCache', () => {
  it('returns what was stored for exactly that token', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('a.b.c', verified('1'));
    expect(cache.get('a.b.c')?.claims.oid).toBe('1');
    expect(cache.get('a.b.d')).toBeUndefined();
  });

  it('evicts the oldest entries beyond its size; storing again makes an entry the newest', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('t1', verified('1'));
    cache.set('t2', verified('2'));
    cache.set('t1', verified('1b'));
    cache.set('t3', verified('3'));
    expect(cache.size).toBe(2);
    expect(cache.get('t2')).toBeUndefined();
    expect(cache.get('t1')?.claims.oid).toBe('1b');
    expect(cache.get('t3')?.claims.oid).toBe('3');
  });

  it('size 0 remembers nothing; delete forgets one token', () => {
    const off = new VerifiedTokenCache(0);
    off.set('t', verified('1'));
    expect(off.get('t')).toBeUndefined();
    const cache = new VerifiedTokenCache(5);
    cache.set('t', verified('1'));
    cache.delete('t');
    expect(cache.get('t')).toBeUndefined();
  });

  it('refuses a negative or fractional size', () => {
    expect(() => new VerifiedTokenCache(-1)).toThrow(TypeError);
    expect(() => new VerifiedTokenCache(1.5)).toThrow(TypeError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSealed, parseSecretKey, SecretEnvelopeError, SecretKeyRing } from '../../../shared/platform/secrets/secretEnvelope';
import { randomSecretKey } from '../../support/secretKeys';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const CONTEXT = 'webhook-subscription:s1';

/** Replaces one base64url character of the envelope part `index` (0 iv, 1 ciphertext, 2 tag). */
function tamper(sealed: string, index: number): string {
  const at = sealed.lastIndexOf(':') + 1;
  const parts = sealed.slice(at).split('.');
  const part = parts[index]!;
  parts[index] = `${part[0] === 'A' ? 'B' : 'A'}${part.slice(1)}`;
  return `${sealed.slice(0, at)}${parts.join('.')}`;
}

describe('secret envelope (AES-256-GCM with key ids)', () => {
  const k1 = randomSecretKey('k1');
  const k2 = randomSecretKey('k2');

  it('round-trips any text, never shows it, and seals the same text differently each time', () => {
    const ring = new SecretKeyRing(k1);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        const sealed = ring.seal(text, CONTEXT);
        expect(isSealed(sealed)).toBe(true);
        expect(ring.open(sealed, CONTEXT)).toBe(text);
      }),
    );
    const once = ring.seal(SECRET, CONTEXT);
    expect(once).not.toContain('whsec_');
    expect(once.startsWith('fpenc:v1:k1:')).toBe(true);
    expect(ring.seal(SECRET, CONTEXT)).not.toBe(once);
  });

  it.each([
    ['the iv', (sealed: string) => tamper(sealed, 0)],
    ['the ciphertext', (sealed: string) => tamper(sealed, 1)],
    ['the tag', (sealed: string) => tamper(sealed, 2)],
    ['a truncated tag', (sealed: string) => sealed.slice(0, -2)],
    ['a missing part', (sealed: string) => sealed.slice(0, sealed.lastIndexOf('.'))],
    ['the key id (another configured key)', (sealed: string) => sealed.replace('fpenc:v1:k1:', 'fpenc:v1:k2:')],
  ])('refuses a value whose %s was changed', (_what, change) => {
    const ring = new SecretKeyRing(k1, [k2]);
    const sealed = ring.seal(SECRET, CONTEXT);
    expect(() => ring.open(change(sealed), CONTEXT)).toThrow(SecretEnvelopeError);
  });

  it('refuses a value moved to another context (another subscription row)', () => {
    const ring = new SecretKeyRing(k1);
    expect(() => ring.open(ring.seal(SECRET, CONTEXT), 'webhook-subscription:s2')).toThrow(SecretEnvelopeError);
  });

  it('opens values of a previous key after rotation, and tells which need re-sealing', () => {
    const before = new SecretKeyRing(k1);
    const sealedByK1 = before.seal(SECRET, CONTEXT);
    const after = new SecretKeyRing(k2, [k1]);
    expect(after.open(sealedByK1, CONTEXT)).toBe(SECRET);
    expect(after.isCurrent(sealedByK1)).toBe(false);
    expect(after.isCurrent(after.seal(SECRET, CONTEXT))).toBe(true);
    expect(() => new SecretKeyRing(k2).open(sealedByK1, CONTEXT)).toThrow('No key "k1"');
  });

  it('reads a clear value (written before encryption) as it is', () => {
    const ring = new SecretKeyRing(k1);
    expect(ring.open(SECRET, CONTEXT)).toBe(SECRET);
    expect(ring.isCurrent(SECRET)).toBe(false);
  });

  it.each([
    ['k1', 'must be "keyId:base64key"'],
    [`:${Buffer.alloc(32).toString('base64')}`, 'must be "keyId:base64key"'],
    [`bad id:${Buffer.alloc(32).toString('base64')}`, 'must be "keyId:base64key"'],
    [`k1:${Buffer.alloc(31).toString('base64')}`, 'must hold a 32-byte key'],
  ])('refuses key setting %j without repeating it', (text, message) => {
    expect(() => parseSecretKey(text)).toThrow(message);
    try {
      parseSecretKey(text);
    } catch (error) {
      if (text.length > 3) expect((error as Error).message).not.toContain(text.slice(3));
    }
  });

  it('parses a key setting', () => {
    const key = Buffer.alloc(32, 3);
    expect(parseSecretKey(`k-2026_12:${key.toString('base64')}`)).toEqual({ id: 'k-2026_12', key });
  });
});

import { randomBytes } from 'node:crypto';
import { SecretKeyRing, type SecretKey } from '../../shared/platform/secrets/secretEnvelope';

/** A fresh random key (never a fixed one, so no test passes by knowing it). */
export function randomSecretKey(id: string): SecretKey {
  return { id, key: randomBytes(32) };
}

export function testSecretKeys(id = 'test-key'): SecretKeyRing {
  return new SecretKeyRing(randomSecretKey(id));
}

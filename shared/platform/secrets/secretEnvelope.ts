import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A sealed value starts with this; a value without it was stored before encryption (clear text). */
const PREFIX = 'fpenc:v1:';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface SecretKey {
  id: string;
  key: Buffer;
}

/** A sealed value cannot be opened: unknown key id, wrong context, or the bytes were changed. */
export class SecretEnvelopeError extends Error {}

/** Parses `keyId:base64` (32 bytes) as a key; the message never repeats the key. */
export function parseSecretKey(text: string): SecretKey {
  const separator = text.indexOf(':');
  const id = text.slice(0, Math.max(0, separator));
  if (!KEY_ID.test(id)) throw new SecretEnvelopeError('must be "keyId:base64key" with a key id of 1-32 letters, digits, "-" or "_"');
  const key = Buffer.from(text.slice(separator + 1), 'base64');
  if (key.length !== SECRET_KEY_BYTES) throw new SecretEnvelopeError(`must hold a ${SECRET_KEY_BYTES}-byte key in base64 after the key id`);
  return { id, key };
}

/**
 * AES-256-GCM envelopes for secrets kept in storage: `fpenc:v1:{keyId}:{iv}.{ciphertext}.{tag}` (base64url). New
 * values are sealed with the current key; values sealed with an older key still open while that key is listed, and a
 * value without the prefix is clear text from before encryption. The context (e.g. the row's id) is authenticated
 * data, so a sealed value copied to another row does not open there.
 */
export class SecretKeyRing {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly current: SecretKey,
    previous: readonly SecretKey[] = [],
  ) {
    this.keys = new Map([...previous, current].map((key) => [key.id, key.key]));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
    return `${PREFIX}${this.current.id}:${parts.join('.')}`;
  }

  open(stored: string, context: string): string {
    if (!isSealed(stored)) return stored;
    const [keyId, body] = splitOnce(stored.slice(PREFIX.length), ':');
    const key = this.keys.get(keyId);
    if (!key) throw new SecretEnvelopeError(`No key "${keyId}" is configured to open a stored secret.`);
    const [iv, ciphertext, tag] = body.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !ciphertext || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretEnvelopeError('A stored secret is malformed.');
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretEnvelopeError('A stored secret failed authentication (changed, moved to another row, or sealed with another key).');
    }
  }

  /** True when the value is sealed with the current key (else a rewrite re-seals it). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${PREFIX}${this.current.id}:`);
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

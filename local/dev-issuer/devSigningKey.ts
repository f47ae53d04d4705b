import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, importPKCS8, type CryptoKey, type JWK } from 'jose';

export const DEV_SIGNING_KEY_FILE = 'signing-key.pem';

export interface DevSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** Public JWK with `kid`, `use` and `alg`, as published in the JWKS. */
  readonly publicJwk: JWK;
}

/** Loads the dev RSA key from `dir`, creating it (mode 0600) on first use. Safe when two processes race. */
export async function loadOrCreateDevSigningKey(dir: string): Promise<DevSigningKey> {
  const pem = readOrCreatePem(path.join(dir, DEV_SIGNING_KEY_FILE), dir);
  const exported = createPublicKey(createPrivateKey(pem)).export({ format: 'jwk' });
  const publicJwk: JWK = { kty: 'RSA', n: exported.n, e: exported.e };
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateKey: await importPKCS8(pem, 'RS256'),
    publicJwk: { ...publicJwk, kid, use: 'sig', alg: 'RS256' },
  };
}

function readOrCreatePem(file: string, dir: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  // Write a private temp file, then link it into place: the link fails if another process won the
  // race, and nobody ever reads a half-written key.
  const temporary = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temporary, privateKey, { mode: 0o600 });
  try {
    linkSync(temporary, file);
    return privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly publicPem: string;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  // Entra's JWKs carry kid, use and x5t but no alg.
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { ...jwk, kid, use: 'sig' },
    publicPem: await exportSPKI(publicKey),
  };
}

export function signToken(
  key: SigningKey,
  claims: JWTPayload,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })
    .sign(key.privateKey);
}

/**
 * A loopback stand-in for login.microsoftonline.com: tenant metadata in the v1 and v2 shapes and
 * a JWKS whose keys the test can rotate, take down, and count fetches of.
 */
export interface FakeEntra {
  readonly authority: string;
  publishedKeys: SigningKey[];
  /** When set, every request answers with this status. */
  failWith: number | undefined;
  /** When set, the metadata names this issuer instead of the right one. */
  metadataIssuerOverride: string | undefined;
  /** When set, the metadata points at this jwks_uri. */
  jwksUriOverride: string | undefined;
  readonly requests: string[];
  jwksFetches(): number;
  metadataFetches(): number;
  close(): Promise<void>;
}

export async function startFakeEntra(publishedKeys: SigningKey[]): Promise<FakeEntra> {
  const holder: { server?: Server } = {};
  const fake: FakeEntra = {
    authority: '',
    publishedKeys,
    failWith: undefined,
    metadataIssuerOverride: undefined,
    jwksUriOverride: undefined,
    requests: [],
    jwksFetches: () => fake.requests.filter((path) => path.includes('/discovery/')).length,
    metadataFetches: () => fake.requests.filter((path) => path.endsWith('/openid-configuration')).length,
    close: () =>
      new Promise<void>((resolve) => {
        holder.server?.closeAllConnections();
        holder.server?.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    fake.requests.push(path);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (fake.failWith !== undefined) return send(fake.failWith, { error: 'down' });
    const match =
      /^\/([0-9a-f-]{36})\/(v2\.0\/\.well-known\/openid-configuration|\.well-known\/openid-configuration|discovery\/v2\.0\/keys|discovery\/keys)$/.exec(
        path,
      );
    if (match === null) return send(404, { error: 'not found' });
    const [, tenant, resource] = match;
    if (resource === 'v2.0/.well-known/openid-configuration') {
      return send(200, {
        issuer: fake.metadataIssuerOverride ?? `${fake.authority}/${tenant}/v2.0`,
        jwks_uri: fake.jwksUriOverride ?? `${fake.authority}/${tenant}/discovery/v2.0/keys`,
      });
    }
    if (resource === '.well-known/openid-configuration') {
      return send(200, {
        issuer: fake.metadataIssuerOverride ?? `https://sts.windows.net/${tenant}/`,
        jwks_uri: fake.jwksUriOverride ?? `${fake.authority}/${tenant}/discovery/keys`,
      });
    }
    send(200, { keys: fake.publishedKeys.map((key) => key.publicJwk) });
  });
  holder.server = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (fake as { authority: string }).authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

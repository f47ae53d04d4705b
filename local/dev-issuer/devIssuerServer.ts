import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_ISSUER_DEFAULT_HOST } from './constants';
import { assertLoopbackHost, devIssuerUrls, type DevIssuerUrls } from './devIssuerUrls';
import { loadOrCreateDevSigningKey } from './devSigningKey';
import { signDevToken, type DevTokenOptions } from './signDevToken';

export interface DevIssuerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Loopback only. Default 127.0.0.1. */
  readonly host?: string;
  /** Where the signing key lives, e.g. `.local/dev-issuer`. */
  readonly dir: string;
}

export interface RunningDevIssuer extends DevIssuerUrls {
  readonly port: number;
  /** Signs a token for this running issuer (same as `signDevToken` with its issuer URL). */
  signToken(options: Omit<DevTokenOptions, 'port' | 'issuerUrl'>): Promise<string>;
  close(): Promise<void>;
}

/** Serves the OpenID configuration and JWKS of the dev issuer over http on loopback. */
export async function startDevIssuer(options: DevIssuerOptions): Promise<RunningDevIssuer> {
  const host = options.host ?? DEV_ISSUER_DEFAULT_HOST;
  assertLoopbackHost(host);
  const key = await loadOrCreateDevSigningKey(options.dir);
  // The URLs name the port, which is only known once listening.
  const listening: { urls?: DevIssuerUrls } = {};
  const server = createServer((request, response) => {
    if (listening.urls === undefined) return respond(response, 503, { error: 'starting' });
    route(request, response, listening.urls, { keys: [key.publicJwk] });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urls = devIssuerUrls(port, host);
  listening.urls = urls;
  const issuerUrl = urls.issuerUrl;
  return {
    ...urls,
    port,
    signToken: (tokenOptions) => signDevToken({ ...tokenOptions, issuerUrl }, options.dir),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function route(request: IncomingMessage, response: ServerResponse, urls: DevIssuerUrls, jwks: object): void {
  if (request.method !== 'GET') return respond(response, 405, { error: 'method not allowed' });
  const path = new URL(request.url ?? '/', 'http://loopback').pathname;
  if (path === new URL(urls.metadataUrl).pathname) return respond(response, 200, openIdConfiguration(urls));
  if (path === new URL(urls.jwksUrl).pathname) return respond(response, 200, jwks);
  respond(response, 404, { error: 'not found' });
}

/** The subset of Entra's v2 metadata that token validation reads, in the same shape. */
function openIdConfiguration(urls: DevIssuerUrls): object {
  return {
    issuer: urls.issuerUrl,
    jwks_uri: urls.jwksUrl,
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['token'],
    subject_types_supported: ['pairwise'],
    claims_supported: ['iss', 'aud', 'tid', 'oid', 'sub', 'iat', 'nbf', 'exp', 'roles', 'groups', 'scp'],
    tenant_region_scope: null,
  };
}

function respond(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

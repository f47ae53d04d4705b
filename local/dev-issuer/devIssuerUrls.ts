import type { TrustedIssuer } from '../../shared/platform/identity/trustedIssuers';
import { DEV_ISSUER_DEFAULT_HOST, DEV_TENANT_ID } from './constants';

export interface DevIssuerUrls {
  readonly issuerUrl: string;
  readonly metadataUrl: string;
  readonly jwksUrl: string;
  readonly tenantId: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export function assertLoopbackHost(host: string): void {
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`the dev issuer listens on loopback only, not on '${host}'`);
}

/** Same path shape as Entra v2: `{origin}/{tid}/v2.0` and `{origin}/{tid}/discovery/v2.0/keys`. */
export function devIssuerUrls(port: number, host: string = DEV_ISSUER_DEFAULT_HOST): DevIssuerUrls {
  assertLoopbackHost(host);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    issuerUrl: `${origin}/${DEV_TENANT_ID}/v2.0`,
    metadataUrl: `${origin}/${DEV_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    jwksUrl: `${origin}/${DEV_TENANT_ID}/discovery/v2.0/keys`,
    tenantId: DEV_TENANT_ID,
  };
}

/** The entry to add to `createTokenValidator({ extraIssuers })` in local mode, and only there. */
export function devIssuerTrust(port: number, host: string = DEV_ISSUER_DEFAULT_HOST): TrustedIssuer {
  const urls = devIssuerUrls(port, host);
  return {
    issuer: urls.issuerUrl,
    tenantId: urls.tenantId,
    metadataUrl: urls.metadataUrl,
    allowHttpOnLoopback: true,
    devIssuer: true,
  };
}

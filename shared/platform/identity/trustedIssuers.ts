import { isGuid } from '../../domain/access/scope';

/** One issuer we accept tokens from, and where its signing keys are published. */
export interface TrustedIssuer {
  /** Exact `iss` value. */
  readonly issuer: string;
  /** The only `tid` a token from this issuer may carry. */
  readonly tenantId: string;
  /** OpenID configuration document; its `issuer` must equal `issuer`, its `jwks_uri` gives the keys. */
  readonly metadataUrl: string;
  /** Allow plain http for metadata and keys, on loopback hosts only (the local dev issuer). */
  readonly allowHttpOnLoopback?: boolean;
  /** Tokens from this issuer may carry the `fleetplane_scope` dev claim (honoured only with `acceptDevScopeClaim`). */
  readonly devIssuer?: boolean;
}

export type EntraTokenVersion = 'v1' | 'v2';

export interface EntraIssuerOptions {
  readonly trustedTenants: readonly string[];
  /** Default https://login.microsoftonline.com; sovereign clouds use other hosts. */
  readonly authorityHost?: string;
  /** Host of v1 issuers. Default https://sts.windows.net. */
  readonly v1IssuerHost?: string;
  /** Default both. */
  readonly tokenVersions?: readonly EntraTokenVersion[];
  /** For tests against a loopback authority only. */
  readonly allowHttpOnLoopback?: boolean;
}

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_V1_ISSUER_HOST = 'https://sts.windows.net';

/** v2: `{authority}/{tid}/v2.0`; v1: `https://sts.windows.net/{tid}/` (trailing slash included). */
export function entraIssuers(options: EntraIssuerOptions): TrustedIssuer[] {
  const authority = trimTrailingSlash(options.authorityHost ?? DEFAULT_AUTHORITY_HOST);
  const v1Host = trimTrailingSlash(options.v1IssuerHost ?? DEFAULT_V1_ISSUER_HOST);
  const versions = options.tokenVersions ?? ['v1', 'v2'];
  return options.trustedTenants.flatMap((rawTenant) => {
    if (!isGuid(rawTenant)) throw new TypeError('trustedTenants must contain tenant GUIDs only');
    const tenantId = rawTenant.toLowerCase();
    const shared = { tenantId, allowHttpOnLoopback: options.allowHttpOnLoopback ?? false };
    return versions.map((version) =>
      version === 'v2'
        ? {
            ...shared,
            issuer: `${authority}/${tenantId}/v2.0`,
            metadataUrl: `${authority}/${tenantId}/v2.0/.well-known/openid-configuration`,
          }
        : {
            ...shared,
            issuer: `${v1Host}/${tenantId}/`,
            metadataUrl: `${authority}/${tenantId}/.well-known/openid-configuration`,
          },
    );
  });
}

export function issuerIndex(issuers: readonly TrustedIssuer[]): ReadonlyMap<string, TrustedIssuer> {
  const index = new Map<string, TrustedIssuer>();
  for (const issuer of issuers) {
    if (!isGuid(issuer.tenantId)) throw new TypeError(`trusted issuer ${issuer.issuer} needs a tenant GUID`);
    assertAllowedUrl(issuer.metadataUrl, issuer);
    index.set(issuer.issuer, { ...issuer, tenantId: issuer.tenantId.toLowerCase() });
  }
  return index;
}

/** https everywhere; http only on a loopback host and only when the issuer says so. */
export function isAllowedKeySourceUrl(
  rawUrl: string,
  issuer: Pick<TrustedIssuer, 'allowHttpOnLoopback'>,
): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && issuer.allowHttpOnLoopback === true && isLoopbackHost(url.hostname);
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

function assertAllowedUrl(rawUrl: string, issuer: TrustedIssuer): void {
  if (!isAllowedKeySourceUrl(rawUrl, issuer)) {
    throw new TypeError(
      `metadata URL for issuer ${issuer.issuer} must be https (http only on loopback when allowed)`,
    );
  }
}

function trimTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

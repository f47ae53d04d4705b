import { z } from 'zod';
import type { Caller } from '../../domain/access/caller';
import { AuthenticationError } from '../../domain/access/errors';
import { isGuid } from '../../domain/access/scope';

export const CLIENT_PRINCIPAL_HEADER = 'x-ms-client-principal';
const MAX_HEADER_LENGTH = 16 * 1024;

const CLAIM_TYPES = {
  tenantId: ['http://schemas.microsoft.com/identity/claims/tenantid', 'tid'],
  objectId: ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'oid'],
  roles: ['roles', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role'],
  scopes: ['http://schemas.microsoft.com/identity/claims/scope', 'scp'],
  groups: ['groups'],
  idtyp: ['idtyp'],
  clientAppId: ['azp', 'appid'],
  overage: ['_claim_names', 'hasgroups'],
} as const;

const principalSchema = z.object({
  auth_typ: z.string(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })).max(1000),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
});

export interface ClientPrincipalOptions {
  /** Only true when App Service Authentication runs in front of the app (e.g. TRUST_EASYAUTH_HEADERS). */
  readonly trusted: boolean;
  /** When given, the principal's tenant must be one of these. */
  readonly trustedTenants?: readonly string[];
}

/**
 * Reads App Service Authentication's `x-ms-client-principal` (base64 JSON). Anyone can send this
 * header when the platform module is not in front of us, so it is refused unless explicitly trusted.
 */
export function parseClientPrincipal(
  headerValue: string | null | undefined,
  options: ClientPrincipalOptions,
): Caller {
  if (!options.trusted) {
    throw new AuthenticationError(
      'untrusted_client_principal',
      `${CLIENT_PRINCIPAL_HEADER} is not trusted in this deployment`,
    );
  }
  if (headerValue === null || headerValue === undefined || headerValue.trim() === '') {
    throw new AuthenticationError('missing_token', `no ${CLIENT_PRINCIPAL_HEADER} header`);
  }
  const principal = decodePrincipal(headerValue);
  const values = (types: readonly string[]) =>
    principal.claims.filter((claim) => types.includes(claim.typ)).map((claim) => claim.val);
  const first = (types: readonly string[]) => values(types)[0];

  const tenantId = first(CLAIM_TYPES.tenantId);
  const objectId = first(CLAIM_TYPES.objectId);
  if (tenantId === undefined || !isGuid(tenantId) || objectId === undefined || !isGuid(objectId)) {
    throw new AuthenticationError(
      'missing_claim',
      `${CLIENT_PRINCIPAL_HEADER} lacks a tenant id or object id GUID`,
    );
  }
  if (
    options.trustedTenants !== undefined &&
    !options.trustedTenants.some((t) => t.toLowerCase() === tenantId.toLowerCase())
  ) {
    throw new AuthenticationError(
      'untrusted_issuer',
      `${CLIENT_PRINCIPAL_HEADER} names a tenant that is not trusted`,
    );
  }
  const scopes = values(CLAIM_TYPES.scopes)
    .flatMap((value) => value.split(' '))
    .filter((scope) => scope !== '');
  const idtyp = first(CLAIM_TYPES.idtyp);
  const kind = idtyp === 'app' || (idtyp === undefined && scopes.length === 0) ? 'servicePrincipal' : 'user';
  const roleTypes =
    principal.role_typ === undefined ? CLAIM_TYPES.roles : [principal.role_typ, ...CLAIM_TYPES.roles];
  const displayName = principal.name_typ === undefined ? undefined : first([principal.name_typ]);
  const clientAppId = first(CLAIM_TYPES.clientAppId);
  const groupsOverage = values(CLAIM_TYPES.overage).length > 0;
  return {
    tenantId: tenantId.toLowerCase(),
    objectId: objectId.toLowerCase(),
    kind,
    appRoles: [...new Set(values(roleTypes))],
    groups: groupsOverage ? [] : values(CLAIM_TYPES.groups).map((group) => group.toLowerCase()),
    groupsOverage,
    scopes,
    authMethod: 'easyauth',
    ...(displayName === undefined ? {} : { displayName }),
    ...(clientAppId === undefined ? {} : { clientAppId }),
  };
}

function decodePrincipal(headerValue: string): z.infer<typeof principalSchema> {
  if (headerValue.length > MAX_HEADER_LENGTH || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(headerValue.trim())) {
    throw new AuthenticationError('malformed', `${CLIENT_PRINCIPAL_HEADER} is not base64`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(headerValue.trim(), 'base64').toString('utf8'));
  } catch {
    throw new AuthenticationError('malformed', `${CLIENT_PRINCIPAL_HEADER} is not base64-encoded JSON`);
  }
  const parsed = principalSchema.safeParse(json);
  if (!parsed.success || parsed.data.auth_typ !== 'aad') {
    throw new AuthenticationError(
      'malformed',
      `${CLIENT_PRINCIPAL_HEADER} is not an Entra (aad) client principal`,
    );
  }
  return parsed.data;
}

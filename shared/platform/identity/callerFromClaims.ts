import type { JWTPayload } from 'jose';
import type { Caller } from '../../domain/access/caller';
import { AuthenticationError } from '../../domain/access/errors';
import { isGuid } from '../../domain/access/scope';

/** Entra drops `groups` past 200 memberships and points at a claim source instead (or sets `hasgroups`). */
export function hasGroupsOverage(claims: JWTPayload): boolean {
  const claimNames = claims._claim_names;
  const namesGroups = typeof claimNames === 'object' && claimNames !== null && 'groups' in claimNames;
  return namesGroups || claims.hasgroups === true;
}

/** Builds the caller from verified claims. Authorization never uses names, UPNs or e-mail. */
export function callerFromClaims(claims: JWTPayload): Omit<Caller, 'groupsOverage' | 'devScope'> {
  const tenantId = requireGuid(claims, 'tid');
  const objectId = requireGuid(claims, 'oid');
  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ').filter((scope) => scope !== '') : [];
  const caller = {
    tenantId,
    objectId,
    kind: callerKind(claims, scopes),
    appRoles: stringArray(claims.roles),
    groups: stringArray(claims.groups).map((group) => group.toLowerCase()),
    scopes,
    authMethod: 'jwt' as const,
  };
  const clientAppId = stringClaim(claims.azp) ?? stringClaim(claims.appid);
  const displayName = stringClaim(claims.name);
  return {
    ...caller,
    ...(clientAppId === undefined ? {} : { clientAppId }),
    ...(displayName === undefined ? {} : { displayName }),
  };
}

/** `idtyp` when the app asks for it; otherwise app-only tokens are the ones without `scp`. */
function callerKind(claims: JWTPayload, scopes: readonly string[]): Caller['kind'] {
  if (claims.idtyp === 'app') return 'servicePrincipal';
  if (claims.idtyp === 'user') return 'user';
  return scopes.length > 0 ? 'user' : 'servicePrincipal';
}

function requireGuid(claims: JWTPayload, name: 'tid' | 'oid'): string {
  const value = claims[name];
  if (typeof value !== 'string' || !isGuid(value)) {
    throw new AuthenticationError('missing_claim', `the token's "${name}" claim must be a GUID`);
  }
  return value.toLowerCase();
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

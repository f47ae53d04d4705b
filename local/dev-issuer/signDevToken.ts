import { SignJWT, type JWTPayload } from 'jose';
import { appRoleFor } from '../../shared/domain/access/appRoles';
import { isRole, type Role } from '../../shared/domain/access/roles';
import { parseScope } from '../../shared/domain/access/scope';
import { DEV_SCOPE_CLAIM } from '../../shared/platform/identity/tokenValidator';
import {
  DEV_CLIENT_APP_ID,
  DEV_ISSUER_DEFAULT_HOST,
  DEV_ISSUER_DEFAULT_PORT,
  DEV_TENANT_ID,
  DEV_TOKEN_DEFAULT_LIFETIME_SECONDS,
  DEV_TOKEN_MAX_LIFETIME_SECONDS,
  DEV_USER_OBJECT_ID,
} from './constants';
import { devIssuerUrls } from './devIssuerUrls';
import { loadOrCreateDevSigningKey } from './devSigningKey';

export interface DevTokenOptions {
  /** The API's audience; must be one the app accepts. */
  readonly audience: string;
  /** Adds `roles: ["Fleet.<role>"]`. */
  readonly role?: Role;
  /** Adds the `fleetplane_scope` claim (honoured only for dev-issuer tokens in local mode). */
  readonly scope?: string;
  readonly oid?: string;
  /** Overrides the `tid` claim only; `iss` always names the dev tenant (so a different tid is a mismatch). */
  readonly tid?: string;
  readonly groups?: readonly string[];
  readonly kind?: 'user' | 'servicePrincipal';
  readonly expiresInSeconds?: number;
  /** The dev issuer's port (default 7080) or its full issuer URL. */
  readonly port?: number;
  readonly issuerUrl?: string;
  /** Milliseconds since the epoch; default now. */
  readonly now?: number;
  /** Extra or overriding claims, for tests of the validator. */
  readonly claims?: JWTPayload;
}

/** Signs an RS256 access token in the Entra v2 shape with the dev key stored in `dir`. */
export async function signDevToken(options: DevTokenOptions, dir: string): Promise<string> {
  const key = await loadOrCreateDevSigningKey(dir);
  const claims = devTokenClaims(options);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

export function devTokenClaims(options: DevTokenOptions): JWTPayload {
  if (options.role !== undefined && !isRole(options.role))
    throw new Error(`unknown role '${String(options.role)}'`);
  const lifetime = options.expiresInSeconds ?? DEV_TOKEN_DEFAULT_LIFETIME_SECONDS;
  if (!(lifetime > 0 && lifetime <= DEV_TOKEN_MAX_LIFETIME_SECONDS)) {
    throw new Error(`expiresInSeconds must be between 1 and ${DEV_TOKEN_MAX_LIFETIME_SECONDS}`);
  }
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const kind = options.kind ?? 'user';
  const oid = options.oid ?? DEV_USER_OBJECT_ID;
  return {
    iss:
      options.issuerUrl ??
      devIssuerUrls(options.port ?? DEV_ISSUER_DEFAULT_PORT, DEV_ISSUER_DEFAULT_HOST).issuerUrl,
    aud: options.audience,
    tid: options.tid ?? DEV_TENANT_ID,
    oid,
    sub: oid,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + lifetime,
    ver: '2.0',
    azp: DEV_CLIENT_APP_ID,
    idtyp: kind === 'user' ? 'user' : 'app',
    ...(kind === 'user' ? { scp: 'access_as_user', name: 'Fleetplane dev user' } : {}),
    ...(options.role === undefined ? {} : { roles: [appRoleFor(options.role)] }),
    ...(options.groups === undefined ? {} : { groups: [...options.groups] }),
    ...(options.scope === undefined ? {} : { [DEV_SCOPE_CLAIM]: parseScope(options.scope).id }),
    ...options.claims,
  };
}

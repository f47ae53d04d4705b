import type { Caller } from './caller';
import type { RoleBinding } from './roleBinding';
import { ROLES, type Role } from './roles';
import { TENANT_SCOPE_ID } from './scope';

export const APP_ROLE_PREFIX = 'Fleet.';

/** `Fleet.Reader` → `Reader`; anything else (including `Fleet.Webhook`) → undefined. */
export function roleFromAppRole(appRole: string): Role | undefined {
  if (!appRole.startsWith(APP_ROLE_PREFIX)) return undefined;
  const name = appRole.slice(APP_ROLE_PREFIX.length);
  return ROLES.find((role) => role === name);
}

export function appRoleFor(role: Role): string {
  return `${APP_ROLE_PREFIX}${role}`;
}

export const APP_ROLE_BINDING_PREFIX = 'token-app-role:';

/**
 * Synthetic bindings for the caller's `Fleet.*` app roles: at tenant scope, or confined to the
 * caller's dev scope when the validator set one (dev issuer, local mode only).
 */
export function appRoleBindings(caller: Caller): RoleBinding[] {
  const scope = caller.devScope ?? TENANT_SCOPE_ID;
  return caller.appRoles.flatMap((appRole) => {
    const role = roleFromAppRole(appRole);
    if (role === undefined) return [];
    return [
      { id: `${APP_ROLE_BINDING_PREFIX}${appRole}`, subject: { kind: 'appRole', id: appRole }, role, scope },
    ];
  });
}

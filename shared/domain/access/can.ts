import type { Caller } from './caller';
import { allow, deny, type AccessDecision } from './decision';
import { effectiveRoleAt, groupBindingsCovering, type AccessOptions } from './effectiveRole';
import { requiredRole, type Resource, type VerbOf } from './permissions';
import type { RoleBinding } from './roleBinding';
import { roleAtLeast, roleRank, type Role } from './roles';
import { tryParseScope, type Scope } from './scope';

/**
 * The one authorization check. Deny by default; permissions are the union of the caller's
 * bindings whose scope is a case-insensitive, segment-wise prefix of the target scope.
 */
export function can<R extends Resource>(
  caller: Caller,
  verb: VerbOf<R>,
  resource: R,
  targetScope: string | Scope,
  bindings: readonly RoleBinding[],
  options: AccessOptions = {},
): AccessDecision {
  return checkPermission(caller, verb, resource, targetScope, bindings, options);
}

/** Same as `can`, for verbs and resources only known at run time (unknown pairs are denied). */
export function checkPermission(
  caller: Caller,
  verb: string,
  resource: string,
  targetScope: string | Scope,
  bindings: readonly RoleBinding[],
  options: AccessOptions = {},
): AccessDecision {
  const permission = `${resource}.${verb}`;
  const required = requiredRole(resource, verb);
  if (required === undefined) return deny('unknown_permission', `'${permission}' is not a permission`);

  const target =
    typeof targetScope === 'string' ? tryParseScope(targetScope) : { ok: true as const, scope: targetScope };
  if (!target.ok) return deny('invalid_scope', target.error.message);

  const held = effectiveRoleAt(caller, target.scope, bindings, options);
  if (held !== undefined && roleAtLeast(held.role, required)) {
    return allow(
      `${permission} needs ${required}; ${held.role} via binding '${held.binding.id}' at ${held.scope.id}`,
      held.binding.id,
      held.role,
    );
  }
  if (caller.groupsOverage && overageMayHide(required, target.scope, bindings)) {
    return deny(
      'groups_overage',
      `the token omits group memberships (overage) and a group binding at ${target.scope.id} might apply; ` +
        'sign in with fewer groups, use an app role, or enable the group lookup',
      held?.role,
    );
  }
  if (held === undefined)
    return deny('no_binding', `no role binding for the caller covers ${target.scope.id}`);
  return deny(
    'insufficient_role',
    `${permission} needs ${required} at ${target.scope.id}; the caller holds ${held.role}`,
    held.role,
  );
}

function overageMayHide(required: Role, target: Scope, bindings: readonly RoleBinding[]): boolean {
  return groupBindingsCovering(target, bindings).some(
    (binding) => roleRank(binding.role) >= roleRank(required),
  );
}

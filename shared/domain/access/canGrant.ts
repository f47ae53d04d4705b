import type { Caller } from './caller';
import { checkPermission } from './can';
import { deny, type AccessDecision } from './decision';
import type { AccessOptions } from './effectiveRole';
import type { RoleBinding } from './roleBinding';
import { isRole, roleAtLeast } from './roles';
import { TENANT_SCOPE, tryParseScope } from './scope';

/**
 * May the caller create `binding`? They need `rolebindings.create` at a scope covering the
 * binding's scope, and a role there at least as strong as the one granted (no escalation).
 */
export function canGrant(
  caller: Caller,
  binding: Pick<RoleBinding, 'role' | 'scope'>,
  bindings: readonly RoleBinding[],
  options: AccessOptions = {},
): AccessDecision {
  if (!isRole(binding.role)) return deny('invalid_role', `'${String(binding.role)}' is not a role`);
  const target = tryParseScope(binding.scope);
  if (!target.ok) return deny('invalid_scope', target.error.message);
  return withinOwnRole(
    'create',
    binding.role,
    checkPermission(caller, 'create', 'rolebindings', target.scope, bindings, options),
  );
}

/**
 * May the caller delete `binding`? Same rule as granting: an Admin cannot remove an Owner.
 * A stored binding with a malformed scope is judged at tenant scope.
 */
export function canRevoke(
  caller: Caller,
  binding: Pick<RoleBinding, 'role' | 'scope'>,
  bindings: readonly RoleBinding[],
  options: AccessOptions = {},
): AccessDecision {
  const target = tryParseScope(binding.scope);
  const scope = target.ok ? target.scope : TENANT_SCOPE;
  const roleToRemove = isRole(binding.role) ? binding.role : 'Owner';
  return withinOwnRole(
    'delete',
    roleToRemove,
    checkPermission(caller, 'delete', 'rolebindings', scope, bindings, options),
  );
}

function withinOwnRole(
  action: 'create' | 'delete',
  role: RoleBinding['role'],
  decision: AccessDecision,
): AccessDecision {
  if (!decision.allowed) return decision;
  const held = decision.effectiveRole;
  if (held === undefined || !roleAtLeast(held, role)) {
    const verb = action === 'create' ? 'grant' : 'revoke';
    return deny('escalation', `a caller holding ${held ?? 'no role'} cannot ${verb} ${role}`, held);
  }
  return decision;
}

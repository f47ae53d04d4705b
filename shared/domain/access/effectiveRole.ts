import { appRoleBindings } from './appRoles';
import type { Caller } from './caller';
import type { RoleBinding } from './roleBinding';
import { subjectMatches } from './roleBinding';
import { roleRank, type Role } from './roles';
import { scopeCovers, tryParseScope, type Scope } from './scope';

export interface AccessOptions {
  /**
   * Count the caller's `Fleet.Reader|Operator|Admin|Owner` app roles as bindings at tenant scope
   * (or at the caller's dev scope). Off by default: only stored bindings grant anything.
   */
  readonly appRolesGrantTenantScope?: boolean;
  /** When set, app roles count only for callers from these tenants (one tenant's admins cannot assign roles for another). */
  readonly appRoleTenants?: readonly string[];
}

export interface HeldRole {
  readonly role: Role;
  readonly binding: RoleBinding;
  readonly scope: Scope;
}

/** Bindings held by the caller whose scope covers the target, strongest and most specific first. */
export function heldRolesAt(
  caller: Caller,
  target: Scope,
  bindings: readonly RoleBinding[],
  options: AccessOptions = {},
): HeldRole[] {
  return bindingsHeldBy(caller, bindings, options).filter((held) => scopeCovers(held.scope, target));
}

export function effectiveRoleAt(
  caller: Caller,
  target: Scope,
  bindings: readonly RoleBinding[],
  options: AccessOptions = {},
): HeldRole | undefined {
  return heldRolesAt(caller, target, bindings, options)[0];
}

/** Every binding the caller holds, at any scope (for `whoami`), strongest first. Malformed scopes are skipped. */
export function bindingsHeldBy(
  caller: Caller,
  bindings: readonly RoleBinding[],
  options: AccessOptions = {},
): HeldRole[] {
  return candidateBindings(caller, bindings, options)
    .flatMap((binding): HeldRole[] => {
      const parsed = tryParseScope(binding.scope);
      if (!parsed.ok || !subjectMatches(binding.subject, caller)) return [];
      return [{ role: binding.role, binding, scope: parsed.scope }];
    })
    .sort(strongestFirst);
}

/** Group bindings covering the target: what an overage caller might be missing. */
export function groupBindingsCovering(target: Scope, bindings: readonly RoleBinding[]): RoleBinding[] {
  return bindings.filter((binding) => {
    if (binding.subject.kind !== 'group') return false;
    const parsed = tryParseScope(binding.scope);
    return parsed.ok && scopeCovers(parsed.scope, target);
  });
}

function candidateBindings(
  caller: Caller,
  bindings: readonly RoleBinding[],
  options: AccessOptions,
): RoleBinding[] {
  if (!options.appRolesGrantTenantScope || !appRoleTenantAllowed(caller, options)) return [...bindings];
  return [...bindings, ...appRoleBindings(caller)];
}

function appRoleTenantAllowed(caller: Caller, options: AccessOptions): boolean {
  if (options.appRoleTenants === undefined) return true;
  const tenant = caller.tenantId.toLowerCase();
  return options.appRoleTenants.some((allowed) => allowed.toLowerCase() === tenant);
}

function strongestFirst(a: HeldRole, b: HeldRole): number {
  return (
    roleRank(b.role) - roleRank(a.role) ||
    b.scope.key.length - a.scope.key.length ||
    (a.binding.id < b.binding.id ? -1 : a.binding.id > b.binding.id ? 1 : 0)
  );
}

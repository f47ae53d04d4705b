import type { Caller } from '../access/caller';
import { bindingsHeldBy, type AccessOptions, type HeldRole } from '../access/effectiveRole';
import { requiredRole } from '../access/permissions';
import type { RoleBinding } from '../access/roleBinding';
import { roleAtLeast } from '../access/roles';
import type { Scope } from '../access/scope';
import { scopeCovers } from '../access/scope';

export const LOG_RESOURCE = 'clusters/logs';
export const LOG_VERB = 'query';

/**
 * The caller's namespace-scoped bindings inside `cluster` that allow `clusters/logs.query` (a role at or above
 * what it needs), strongest first. Used when the caller has no such role on the cluster as a whole.
 */
export function namespaceLogGrants(
  caller: Caller,
  cluster: Scope,
  bindings: readonly RoleBinding[],
  options: AccessOptions = {},
): HeldRole[] {
  const required = requiredRole(LOG_RESOURCE, LOG_VERB);
  if (required === undefined) return [];
  return bindingsHeldBy(caller, bindings, options).filter(
    (held) => held.scope.level === 'namespace' && scopeCovers(cluster, held.scope) && roleAtLeast(held.role, required),
  );
}

/** The distinct namespaces of those grants, sorted. */
export function namespacesOf(grants: readonly HeldRole[]): string[] {
  return [...new Set(grants.map((held) => held.scope.namespace ?? ''))].filter(Boolean).sort();
}

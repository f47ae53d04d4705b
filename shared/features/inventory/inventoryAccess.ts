import type { Caller } from '../../domain/access/caller';
import { checkPermission } from '../../domain/access/can';
import { allow, type AccessDecision } from '../../domain/access/decision';
import { bindingsHeldBy, type AccessOptions } from '../../domain/access/effectiveRole';
import { requiredRole } from '../../domain/access/permissions';
import type { RoleBinding } from '../../domain/access/roleBinding';
import { roleAtLeast } from '../../domain/access/roles';
import { parseScope, scopeCovers } from '../../domain/access/scope';
import type { VisibleScope } from './inventoryFilters';
import type { InventoryRecord } from './inventoryRecord';

/** Above this many scopes the OData filter would get long; the per-row check alone narrows the rows. */
const MAX_SCOPES_IN_FILTER = 40;

export interface InventoryVisibility {
  /** `clusters.list` at the filter scope: allowed outright, narrowed to the caller's scopes, or denied. */
  decision: AccessDecision;
  /** Present when narrowed: the scopes for the query filter (absent when there are too many). */
  visible?: VisibleScope[];
  /** Present when narrowed: `clusters.get` on each row. */
  mayShow?: (record: InventoryRecord) => boolean;
  /** Present when narrowed: the subscriptions the caller sees into (for the snapshot age and sync errors). */
  subscriptions?: string[];
}

/**
 * What part of the inventory a caller sees under the filter scope. A caller with `clusters.list` there sees
 * every row; otherwise it sees the clusters it may `get` (Reader on a subscription, resource group or cluster
 * inside the filter scope); a caller with neither is denied. Bindings are loaded once per request by the caller.
 */
export function inventoryVisibility(
  caller: Caller,
  filterScope: string,
  bindings: readonly RoleBinding[],
  options: AccessOptions,
): InventoryVisibility {
  const listDecision = checkPermission(caller, 'list', 'clusters', filterScope, bindings, options);
  if (listDecision.allowed) return { decision: listDecision };
  const target = parseScope(filterScope);
  const needed = requiredRole('clusters', 'get') ?? 'Reader';
  const held = bindingsHeldBy(caller, bindings, options).filter(
    (entry) =>
      roleAtLeast(entry.role, needed) &&
      ['subscription', 'resourceGroup', 'cluster'].includes(entry.scope.level) &&
      scopeCovers(target, entry.scope),
  );
  const first = held[0];
  if (!first) return { decision: listDecision };
  const visible = held.map((entry): VisibleScope => ({
    subscriptionId: entry.scope.subscriptionId ?? '',
    ...(entry.scope.resourceGroup ? { resourceGroup: entry.scope.resourceGroup } : {}),
    ...(entry.scope.clusterName ? { clusterName: entry.scope.clusterName } : {}),
  }));
  return {
    decision: allow(
      `clusters.list narrowed to the ${held.length} scope(s) under ${target.id} where the caller may get clusters`,
      first.binding.id,
      first.role,
    ),
    ...(visible.length <= MAX_SCOPES_IN_FILTER ? { visible } : {}),
    subscriptions: [...new Set(visible.map((scope) => scope.subscriptionId))],
    mayShow: (record) => checkPermission(caller, 'get', 'clusters', record.id, bindings, options).allowed,
  };
}

/** Running a sync touches the whole fleet's snapshot, so it takes Admin at tenant scope. */

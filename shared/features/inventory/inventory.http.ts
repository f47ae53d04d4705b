import type { RoleBinding } from '../../domain/access/roleBinding';
import { TENANT_SCOPE_ID } from '../../domain/access/scope';
import type { AccessOptions } from '../../domain/access/effectiveRole';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { nextLinkOf } from '../../platform/http/paging';
import { listClusters, syncInventory } from './inventory.api';
import { inventoryVisibility } from './inventoryAccess';
import { filterScopeOf, inventoryFiltersOf } from './inventoryFilters';
import { listInventory } from './inventoryListing';
import type { InventoryStore } from './inventoryStore';
import type { InventorySync } from './inventorySync';

export interface InventoryHttpDependencies {
  store: InventoryStore;
  sync: InventorySync;
  subscriptions: () => string[];
  /** Every role binding in force and how they are read: who may see which clusters. */
  roleBindings: () => Promise<{ bindings: RoleBinding[]; options: AccessOptions }>;
  publicBaseUrl: string | undefined;
}

export function inventoryHttpHandlers(http: HttpPipeline, deps: InventoryHttpDependencies): HttpHandlers {
  return {
    [listClusters.operationId]: http.handle(listClusters, async (call) => {
      const { query, caller, request } = call;
      const filters = inventoryFiltersOf(query);
      const scope = filterScopeOf(filters);
      const { bindings, options } = await deps.roleBindings();
      const visibility = inventoryVisibility(caller, scope, bindings, options);
      call.enforce(visibility.decision, 'clusters.list', scope);
      const listing = await listInventory(
        deps.store,
        {
          filters,
          pageSize: query.pageSize,
          ...(query.continuationToken ? { continuation: query.continuationToken } : {}),
          ...(visibility.visible ? { visible: visibility.visible } : {}),
          ...(visibility.mayShow ? { mayShow: visibility.mayShow } : {}),
        },
        filters.subscriptionId ? [filters.subscriptionId] : (visibility.subscriptions ?? deps.subscriptions()),
        new Date(),
      );
      const { continuation, ...body } = listing;
      const nextLink = continuation ? { nextLink: nextLinkOf(request.url, { continuationToken: continuation }, deps.publicBaseUrl) } : {};
      return { status: 200, jsonBody: { ...body, ...nextLink }, headers: { 'cache-control': 'no-store' } };
    }),
    [syncInventory.operationId]: http.handle(syncInventory, async (call) => {
      await call.authorize('inventory', 'sync', TENANT_SCOPE_ID);
      return { status: 200, jsonBody: await deps.sync.run() };
    }),
  };
}

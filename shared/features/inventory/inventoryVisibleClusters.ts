import type { HttpCall } from '../../platform/http/handleHttp';
import type { InventoryHttpDependencies } from './inventory.http';
import { inventoryVisibility } from './inventoryAccess';
import { filterScopeOf, inventoryFiltersOf, type InventoryFilterQuery } from './inventoryFilters';
import { listInventory, type InventoryListing } from './inventoryListing';
import type { InventoryRecord } from './inventoryRecord';

const PAGE_SIZE = 1_000;

export type VisibleClusters = Omit<InventoryListing, 'value' | 'continuation'> & { clusters: InventoryRecord[] };

/**
 * Every cluster of the snapshot that matches the filters and that the caller may see (as `GET /api/clusters` shows
 * them, all pages at once), with the snapshot's age: for fleet-wide views that must not call ARM per cluster.
 * The `clusters.list` decision goes through `enforce`, so a denial is audited (403).
 */
export async function listVisibleClusters(
  deps: Pick<InventoryHttpDependencies, 'store' | 'subscriptions' | 'roleBindings'>,
  call: Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce'>,
  query: InventoryFilterQuery,
  now: Date,
): Promise<VisibleClusters> {
  const filters = inventoryFiltersOf(query);
  const scope = filterScopeOf(filters);
  const { bindings, options } = await deps.roleBindings();
  const visibility = inventoryVisibility(call.caller, scope, bindings, options);
  call.enforce(visibility.decision, 'clusters.list', scope);
  const subscriptions = filters.subscriptionId ? [filters.subscriptionId] : (visibility.subscriptions ?? deps.subscriptions());
  const clusters: InventoryRecord[] = [];
  let continuation: string | undefined;
  let listing: InventoryListing;
  do {
    listing = await listInventory(
      deps.store,
      {
        filters,
        pageSize: PAGE_SIZE,
        ...(continuation ? { continuation } : {}),
        ...(visibility.visible ? { visible: visibility.visible } : {}),
        ...(visibility.mayShow ? { mayShow: visibility.mayShow } : {}),
      },
      subscriptions,
      now,
    );
    clusters.push(...listing.value);
    continuation = listing.continuation;
  } while (continuation);
  const { value: _value, continuation: _continuation, ...age } = listing;
  return { ...age, clusters };
}

import { decodeContinuation, encodeContinuation } from './inventoryContinuation';
import { inventoryFilterOData, type InventoryFilters, type VisibleScope } from './inventoryFilters';
import type { InventoryRecord } from './inventoryRecord';
import type { InventoryStore } from './inventoryStore';

export interface InventoryQuery {
  filters: InventoryFilters;
  pageSize: number;
  continuation?: string;
  /** Narrows the rows to these scopes (the caller's bindings); absent = everything the filters match. */
  visible?: readonly VisibleScope[];
  /** A last check per row (e.g. `clusters.get` for the caller); rows it rejects are skipped. */
  mayShow?: (record: InventoryRecord) => boolean;
}

export interface InventoryPage {
  value: InventoryRecord[];
  /** Opaque; absent on the last page. */
  continuation: string | undefined;
}

/** Table storage can answer a filtered query with short pages; a few more round trips fill the page. */
const MAX_ROUND_TRIPS = 10;

/** One page of the snapshot, in (subscription, resource group, name) order, without gaps or repeats across pages. */
export async function queryInventory(store: InventoryStore, query: InventoryQuery): Promise<InventoryPage> {
  const filter = inventoryFilterOData(query.filters, query.visible);
  let token = query.continuation === undefined ? undefined : decodeContinuation(query.continuation);
  const value: InventoryRecord[] = [];
  for (let trip = 0; trip < MAX_ROUND_TRIPS && value.length < query.pageSize; trip++) {
    const page = await store.page(filter, query.pageSize - value.length, token);
    for (const item of page.items) if (!query.mayShow || query.mayShow(item.value)) value.push(item.value);
    token = page.continuationToken;
    if (!token) break;
  }
  return { value, continuation: token ? encodeContinuation(token) : undefined };
}

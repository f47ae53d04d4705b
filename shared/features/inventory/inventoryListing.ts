import { queryInventory, type InventoryQuery } from './inventoryQuery';
import type { InventoryRecord } from './inventoryRecord';
import type { InventoryStore } from './inventoryStore';
import { snapshotTimeOf } from './inventorySyncState';

export interface InventoryListing {
  value: InventoryRecord[];
  continuation: string | undefined;
  /** When the snapshot of the subscriptions in scope was taken (the stalest of them); absent before a first sync. */
  syncedAt?: string;
  snapshotAgeSeconds?: number;
  /** Subscriptions in scope whose last list failed, with the error; their rows are from an earlier sync. */
  staleSubscriptions: Array<{ subscriptionId: string; code: string; message: string; at: string }>;
}

/** A page of the snapshot together with how old it is. */
export async function listInventory(
  store: InventoryStore,
  query: InventoryQuery,
  subscriptionsInScope: readonly string[],
  now: Date,
): Promise<InventoryListing> {
  const [page, state] = await Promise.all([queryInventory(store, query), store.syncState()]);
  const syncedAt = snapshotTimeOf(state, subscriptionsInScope);
  const staleSubscriptions = subscriptionsInScope.flatMap((id) => {
    const error = state.subscriptions[id.toLowerCase()]?.error;
    return error ? [{ subscriptionId: id.toLowerCase(), ...error }] : [];
  });
  return {
    ...page,
    ...(syncedAt
      ? {
          syncedAt,
          snapshotAgeSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(syncedAt)) / 1000)),
        }
      : {}),
    staleSubscriptions,
  };
}

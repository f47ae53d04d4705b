import { z } from 'zod';

const syncErrorSchema = z.object({ code: z.string(), message: z.string(), at: z.iso.datetime() });

export const subscriptionSyncStateSchema = z.object({
  lastAttemptAt: z.iso.datetime(),
  lastSuccessAt: z.iso.datetime().optional(),
  clusterCount: z.int().optional(),
  /** The failure of the last attempt; cleared by the next success. */
  error: syncErrorSchema.optional(),
});

export const inventorySyncStateSchema = z.object({
  /** Last sync in which every fleet subscription was listed successfully. */
  lastSuccessfulSyncAt: z.iso.datetime().optional(),
  lastAttemptAt: z.iso.datetime().optional(),
  subscriptions: z.record(z.string(), subscriptionSyncStateSchema),
});

export type SyncError = z.infer<typeof syncErrorSchema>;
export type SubscriptionSyncState = z.infer<typeof subscriptionSyncStateSchema>;
export type InventorySyncState = z.infer<typeof inventorySyncStateSchema>;

export const EMPTY_SYNC_STATE: InventorySyncState = { subscriptions: {} };

export interface SubscriptionOutcome {
  subscriptionId: string;
  clusterCount?: number;
  error?: Omit<SyncError, 'at'>;
}

/** The state after one sync attempt finished with these per-subscription outcomes. */
export function applySyncOutcomes(
  state: InventorySyncState,
  outcomes: readonly SubscriptionOutcome[],
  at: Date,
): InventorySyncState {
  const time = at.toISOString();
  const subscriptions = { ...state.subscriptions };
  for (const outcome of outcomes) {
    const previous = subscriptions[outcome.subscriptionId];
    subscriptions[outcome.subscriptionId] = outcome.error
      ? {
          lastAttemptAt: time,
          ...(previous?.lastSuccessAt ? { lastSuccessAt: previous.lastSuccessAt } : {}),
          ...(previous?.clusterCount !== undefined ? { clusterCount: previous.clusterCount } : {}),
          error: { ...outcome.error, at: time },
        }
      : { lastAttemptAt: time, lastSuccessAt: time, clusterCount: outcome.clusterCount ?? 0 };
  }
  const allSucceeded = outcomes.length > 0 && outcomes.every((outcome) => !outcome.error);
  return {
    ...state,
    subscriptions,
    lastAttemptAt: time,
    ...(allSucceeded ? { lastSuccessfulSyncAt: time } : {}),
  };
}

/**
 * When the snapshot of these subscriptions was taken: the oldest of their last successful lists, since the
 * stalest subscription bounds how old any row may be. Undefined while one of them never synced.
 */
export function snapshotTimeOf(
  state: InventorySyncState,
  subscriptionIds: readonly string[],
): string | undefined {
  let oldest: string | undefined;
  for (const id of subscriptionIds) {
    const success = state.subscriptions[id.toLowerCase()]?.lastSuccessAt;
    if (!success) return undefined;
    if (oldest === undefined || success < oldest) oldest = success;
  }
  return oldest;
}

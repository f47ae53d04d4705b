import type { DeliveryStore } from './deliveryStore';
import type { EventStore } from './eventStore';

export interface WebhookRetention {
  /** Finished deliveries of events older than this are deleted. */
  retentionMs: number;
  /**
   * Events outlive their deliveries' retention by this much (one round of retries): a delivery redelivered just
   * before its retention ended is still Pending, and its attempts read the event.
   */
  eventGraceMs: number;
  /** Bound on the rows of each table one run deletes. */
  maxRowsPerRun: number;
}

export interface PrunedHistory {
  deliveries: number;
  events: number;
  /** Rows past retention were left for the next run (the bound was reached). */
  more: boolean;
}

/**
 * The outbox's retention (the `webhookRetention` timer): finished deliveries of events past retention, then events
 * past retention plus a round of retries. A Pending or leased delivery is never deleted; two runs at once delete
 * each row once (a missing row is no error, a delivery rewritten meanwhile stays).
 */
export async function pruneWebhookHistory(deps: { events: EventStore; deliveries: DeliveryStore; now: () => Date; retention: WebhookRetention }): Promise<PrunedHistory> {
  const now = deps.now();
  const { retentionMs, eventGraceMs, maxRowsPerRun } = deps.retention;
  const deliveries = await deps.deliveries.pruneFinished(new Date(now.getTime() - retentionMs), now, maxRowsPerRun);
  const events = await deps.events.prunePlannedBefore(new Date(now.getTime() - retentionMs - eventGraceMs), maxRowsPerRun);
  return { deliveries: deliveries.deleted, events: events.deleted, more: deliveries.more || events.more };
}

import type { InboundEventStore } from './inboundEventStore';

export interface InboundRetention {
  /**
   * A processed record is its dedupe key: it must outlive every redelivery of its event. Event Grid retries for at
   * most 24 h after publishing (eventTimeToLive ≤ 1440 min) and a record is received after publishing, so anything
   * past 24 h after receipt cannot come again; the default 48 h adds a margin for clocks and a delivery in flight.
   */
  dedupeMs: number;
  /** A record never processed (its message went to the poison queue) stays this long, for operators. */
  unprocessedMs: number;
  maxRowsPerRun: number;
}

/** The inbound dedupe rows' retention (the `webhookEventsRetention` timer). Two runs at once delete each row once. */
export async function pruneInbound(deps: { store: InboundEventStore; now: () => Date; retention: InboundRetention }): Promise<{ processed: number; unprocessed: number; more: boolean }> {
  const now = deps.now().getTime();
  const { dedupeMs, unprocessedMs, maxRowsPerRun } = deps.retention;
  const processed = await deps.store.pruneReceivedBefore(new Date(now - dedupeMs), 'processed', maxRowsPerRun);
  const unprocessed = await deps.store.pruneReceivedBefore(new Date(now - unprocessedMs), 'unprocessed', maxRowsPerRun);
  return { processed: processed.deleted, unprocessed: unprocessed.deleted, more: processed.more || unprocessed.more };
}

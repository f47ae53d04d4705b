import { PreconditionFailedError } from '../../domain/errors';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { DeliveryMessage } from './deliveryQueue';
import type { DeliveryStore } from './deliveryStore';
import type { EventStore } from './eventStore';
import type { Outbox } from './outbox';

/** A delivery this far past its next attempt has lost its message; an event this old should have been planned. */
export const OVERDUE_AFTER_MS = 2 * 60_000;
const UNPLANNED_AFTER_MS = 60_000;

/**
 * The safety net behind the queue (the `webhookRepair` timer): plans events whose emitter died before fanning
 * out, and sends a new message for each Pending delivery whose attempt is overdue (message lost, or a sender
 * killed while holding its lease). Moving `nextAttemptAt` first, conditionally, makes each repair send one.
 */
export async function repairOutbox(deps: {
  events: EventStore;
  deliveries: DeliveryStore;
  outbox: Outbox;
  queue: StorageQueue<DeliveryMessage>;
  now: () => Date;
}): Promise<{ planned: number; resent: number }> {
  const now = deps.now();
  const unplanned = await deps.events.unplannedBefore(new Date(now.getTime() - UNPLANNED_AFTER_MS));
  for (const event of unplanned) await deps.outbox.planDeliveries(event);
  let resent = 0;
  for (const { value, etag } of await deps.deliveries.overdueBefore(new Date(now.getTime() - OVERDUE_AFTER_MS))) {
    if (value.leaseUntil && Date.parse(value.leaseUntil) > now.getTime()) continue;
    try {
      const { leaseUntil: _expired, ...rest } = value;
      await deps.deliveries.replace({ ...rest, nextAttemptAt: now.toISOString(), updatedAt: now.toISOString() }, etag);
    } catch (error) {
      if (error instanceof PreconditionFailedError) continue; // an attempt or another repair got there first
      throw error;
    }
    await deps.queue.send({ subscriptionId: value.subscriptionId, deliveryId: value.id });
    resent += 1;
  }
  return { planned: unplanned.length, resent };
}

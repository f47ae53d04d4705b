import { ConflictError, NotFoundError } from '../../domain/errors';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { DeliveryMessage } from './deliveryQueue';
import { toDeliveryView, type DeliveryView } from './deliveryRecord';
import type { DeliveryStore } from './deliveryStore';
import type { Authorize } from './putSubscription';
import { requireSubscription } from './readSubscriptions';
import type { SubscriptionStore } from './subscriptionStore';

/**
 * Sends a delivery again, whatever it came to (a new round of attempts with its own ~3-day back-off; the same
 * `webhook-id`, so a receiver that already has it can tell). Refused while an attempt is running.
 */
export async function redeliver(
  input: { subscriptionId: string; deliveryId: string; authorize: Authorize },
  deps: { store: SubscriptionStore; deliveries: DeliveryStore; queue: StorageQueue<DeliveryMessage>; now: Date },
): Promise<DeliveryView> {
  await requireSubscription(input.subscriptionId, 'redeliver', input.authorize, deps.store);
  const found = await deps.deliveries.get(input.subscriptionId, input.deliveryId);
  if (!found) throw new NotFoundError(`Webhook delivery "${input.deliveryId}"`);
  if (found.value.leaseUntil && Date.parse(found.value.leaseUntil) > deps.now.getTime()) {
    throw new ConflictError('An attempt of this delivery is running; try again in a few seconds.', 'DeliveryInProgress');
  }
  const now = deps.now.toISOString();
  const { outcome: _outcome, deliveredAt: _delivered, leaseUntil: _lease, ...rest } = found.value;
  const reset = { ...rest, status: 'Pending' as const, roundStartedAt: now, roundFailures: 0, nextAttemptAt: now, updatedAt: now };
  await deps.deliveries.replace(reset, found.etag);
  await deps.queue.send({ subscriptionId: reset.subscriptionId, deliveryId: reset.id }).catch(() => undefined); // repair covers a lost send
  return toDeliveryView(reset);
}

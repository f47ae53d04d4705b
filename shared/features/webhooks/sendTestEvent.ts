import { NotFoundError } from '../../domain/errors';
import type { Outbox } from './outbox';
import type { Authorize } from './putSubscription';
import { requireSubscription } from './readSubscriptions';
import type { SubscriptionStore } from './subscriptionStore';

/** Sends a `fleetplane.webhook.test` event to this subscription only, through the outbox like any other. */
export async function sendTestEvent(
  input: { id: string; authorize: Authorize; requestedBy: string },
  deps: { store: SubscriptionStore; outbox: Outbox },
): Promise<{ eventId: string }> {
  const found = await requireSubscription(input.id, 'test', input.authorize, deps.store);
  const subject = `/webhookSubscriptions/${found.value.id}`;
  const event = await deps.outbox.emit({ type: 'fleetplane.webhook.test', subject, data: { subscriptionId: found.value.id, requestedBy: input.requestedBy } }, found.value.id);
  // Only a subscription deleted since it was read wants nothing.
  if (!event) throw new NotFoundError(`Webhook subscription "${found.value.id}"`);
  return { eventId: event.id };
}

import { requireIfMatch } from '../../domain/preconditions';
import type { Authorize } from './putSubscription';
import { requireSubscription } from './readSubscriptions';
import type { SubscriptionStore } from './subscriptionStore';

/** Deletes a subscription; its pending deliveries end as Failed when their next attempt finds it gone. */
export async function deleteSubscription(input: { id: string; ifMatch: string | undefined; authorize: Authorize }, store: SubscriptionStore): Promise<void> {
  const found = await requireSubscription(input.id, 'delete', input.authorize, store);
  requireIfMatch(input.ifMatch, found.etag, `Webhook subscription "${input.id}"`);
  await store.delete(input.id, found.etag);
}

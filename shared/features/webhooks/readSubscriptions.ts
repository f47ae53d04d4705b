import type { AccessDecision } from '../../domain/access/decision';
import { NotFoundError } from '../../domain/errors';
import type { Stored } from '../../platform/storage/tableRepository';
import type { Authorize } from './putSubscription';
import type { SubscriptionStore } from './subscriptionStore';
import { toSubscriptionView, type SubscriptionRecord, type SubscriptionView } from './webhookSubscription';

type Decide = (resource: string, verb: string, scope: string) => Promise<AccessDecision>;

/** The subscriptions the caller administers (webhooks.list at each one's scope), by id. */
export async function listSubscriptions(decide: Decide, store: SubscriptionStore, now: Date): Promise<SubscriptionView[]> {
  const visible: SubscriptionView[] = [];
  for (const { value } of await store.all()) {
    if ((await decide('webhooks', 'list', value.scope)).allowed) visible.push(toSubscriptionView(value, now));
  }
  return visible.sort((a, b) => a.id.localeCompare(b.id));
}

/** One subscription, after `webhooks.<verb>` at its scope; 404 when it does not exist. */
export async function requireSubscription(id: string, verb: string, authorize: Authorize, store: SubscriptionStore): Promise<Stored<SubscriptionRecord>> {
  const found = await store.get(id);
  if (!found) throw new NotFoundError(`Webhook subscription "${id}"`);
  await authorize('webhooks', verb, found.value.scope);
  return found;
}

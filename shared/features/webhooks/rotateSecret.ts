import { requireIfMatch } from '../../domain/preconditions';
import type { Authorize } from './putSubscription';
import { requireSubscription } from './readSubscriptions';
import { newSigningSecret, rotateSecrets } from './signingSecrets';
import type { SubscriptionStore } from './subscriptionStore';
import { toSubscriptionView, type SubscriptionView } from './webhookSubscription';

/** A new signing secret, shown this once; the old one keeps signing (a second `v1,` signature) for the overlap. */
export async function rotateSecret(
  input: { id: string; ifMatch: string | undefined; authorize: Authorize },
  deps: { store: SubscriptionStore; overlapMs: number; now: Date },
): Promise<{ view: SubscriptionView; etag: string; secret: string }> {
  const found = await requireSubscription(input.id, 'rotate-secret', input.authorize, deps.store);
  requireIfMatch(input.ifMatch, found.etag, `Webhook subscription "${input.id}"`);
  const secret = newSigningSecret();
  const record = { ...found.value, secrets: rotateSecrets(found.value, secret, deps.now, deps.overlapMs), updatedAt: deps.now.toISOString() };
  const stored = await deps.store.replace(record, found.etag);
  return { view: toSubscriptionView(record, deps.now), etag: stored.etag, secret };
}

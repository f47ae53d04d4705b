import type { Caller } from '../../domain/access/caller';
import type { AccessDecision } from '../../domain/access/decision';
import { requireIfMatch } from '../../domain/preconditions';
import { newSigningSecret } from './signingSecrets';
import { ownerOf } from './subscriptionOwner';
import type { SubscriptionStore } from './subscriptionStore';
import type { AdmitUrl } from './urlAdmission';
import { toSubscriptionView, type SubscriptionRecord, type SubscriptionRequest, type SubscriptionView } from './webhookSubscription';

export type Authorize = (resource: string, verb: string, scope: string) => Promise<AccessDecision>;

export interface PutSubscriptionResult {
  view: SubscriptionView;
  etag: string;
  created: boolean;
  /** Only when created: the signing secret, shown this once. */
  secret?: string;
}

/**
 * Creates or replaces a subscription (Admins at its scope, and at the old scope when it moves). Its owner
 * becomes the caller: deliveries reach what that caller may read. A new subscription gets its signing secret;
 * a replaced one keeps its secrets.
 */
export async function putSubscription(
  input: { caller: Caller; id: string; body: SubscriptionRequest; ifMatch: string | undefined; authorize: Authorize },
  deps: { store: SubscriptionStore; admitUrl: AdmitUrl; now: Date },
): Promise<PutSubscriptionResult> {
  const existing = await deps.store.get(input.id);
  await input.authorize('webhooks', existing ? 'update' : 'create', input.body.scope);
  if (existing) await input.authorize('webhooks', 'update', existing.value.scope);
  requireIfMatch(input.ifMatch, existing?.etag, `Webhook subscription "${input.id}"`);
  await deps.admitUrl(input.body.url);
  const now = deps.now.toISOString();
  const { tags, description, ...rules } = input.body;
  const record: SubscriptionRecord = {
    id: input.id.toLowerCase(),
    ...rules,
    ...(tags ? { tags } : {}),
    ...(description ? { description } : {}),
    owner: ownerOf(input.caller),
    secrets: existing?.value.secrets ?? [{ secret: newSigningSecret(), createdAt: now }],
    createdAt: existing?.value.createdAt ?? now,
    updatedAt: now,
  };
  if (!existing) {
    const stored = await deps.store.create(record);
    return { view: toSubscriptionView(record, deps.now), etag: stored.etag, created: true, secret: record.secrets[0]!.secret };
  }
  const stored = await deps.store.replace(record, existing.etag);
  return { view: toSubscriptionView(record, deps.now), etag: stored.etag, created: false };
}

import { PreconditionFailedError } from '../../domain/errors';
import { nextAttemptAt, type RetryPolicy } from '../../domain/webhooks';
import type { SendOutcome } from '../../platform/outbound/webhookSender';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { Stored } from '../../platform/storage/tableRepository';
import { ownerMayReceive, type DecideAccess } from './deliveryAccess';
import { KEPT_ATTEMPTS, type DeliveryAttempt, type DeliveryRecord } from './deliveryRecord';
import type { DeliveryMessage } from './deliveryQueue';
import type { DeliveryStore } from './deliveryStore';
import type { EventStore } from './eventStore';
import { signDelivery } from './signedDelivery';
import { activeSecrets } from './signingSecrets';
import type { SubscriptionStore } from './subscriptionStore';

export interface DeliverDependencies {
  deliveries: DeliveryStore;
  subscriptions: SubscriptionStore;
  events: EventStore;
  queue: StorageQueue<DeliveryMessage>;
  post: (url: string, headers: Record<string, string>, body: string) => Promise<SendOutcome>;
  decide: DecideAccess;
  retryPolicy: RetryPolicy;
  /** CloudEvents `source` of every event. */
  source: string;
  /** How long one attempt may hold a delivery (longer than the sender's total timeout). */
  leaseMs: number;
  now: () => Date;
  random: () => number;
}

/** What one message came to, for the log (never the receiver's body). */
export type AttemptResult =
  | { kind: 'ignored'; why: 'missing' | 'finished' | 'notDue' | 'leased' | 'raced' }
  | { kind: 'ended'; status: DeliveryRecord['status']; outcome?: string; responseStatus?: number }
  | { kind: 'retrying'; nextAttemptAt: string; responseStatus?: number; error?: string };

/** A message that arrives this early belongs to an older schedule (a redelivery or repair sent a newer one). */
const EARLY_TOLERANCE_MS = 2_000;

/**
 * One attempt of one delivery (the `webhookDeliver` queue trigger). A delivery that is no longer Pending does
 * nothing, so a duplicate message never sends twice; a lease taken with a conditional write keeps two messages
 * from sending at once. After a 2xx the delivery is marked Delivered (conditional on the lease's version); 410
 * ends it and disables the subscription; anything else is retried on the back-off schedule until it gives up.
 */
export async function deliverWebhook(message: DeliveryMessage, deps: DeliverDependencies): Promise<AttemptResult> {
  const found = await deps.deliveries.get(message.subscriptionId, message.deliveryId);
  if (!found) return { kind: 'ignored', why: 'missing' };
  const now = deps.now();
  const skip = reasonToSkip(found.value, now);
  if (skip) return { kind: 'ignored', why: skip };
  const leased = await takeLease(found, now, deps);
  if (!leased) return { kind: 'ignored', why: 'raced' };

  const subscription = await deps.subscriptions.get(found.value.subscriptionId);
  const event = await deps.events.get(found.value.eventId);
  if (!subscription) return end(leased, 'Failed', 'the subscription was deleted', deps);
  if (!event) return end(leased, 'Failed', 'the event is no longer stored', deps);
  if (!subscription.value.enabled) return end(leased, 'Failed', `the subscription is disabled${subscription.value.disabledReason ? ` (${subscription.value.disabledReason})` : ''}`, deps);
  if (!(await ownerMayReceive(subscription.value, event.value, deps.decide))) {
    return end(leased, 'Skipped', "the subscription's owner may not read the event's subject", deps);
  }

  const signed = signDelivery(event.value, { source: deps.source, secrets: activeSecrets(subscription.value, now), now });
  const outcome = await deps.post(subscription.value.url, signed.headers, signed.body);
  return record(leased, outcome, deps);
}

function reasonToSkip(delivery: DeliveryRecord, now: Date): 'finished' | 'notDue' | 'leased' | undefined {
  if (delivery.status !== 'Pending') return 'finished';
  if (delivery.nextAttemptAt && Date.parse(delivery.nextAttemptAt) > now.getTime() + EARLY_TOLERANCE_MS) return 'notDue';
  if (delivery.leaseUntil && Date.parse(delivery.leaseUntil) > now.getTime()) return 'leased';
  return undefined;
}

async function takeLease(found: Stored<DeliveryRecord>, now: Date, deps: DeliverDependencies): Promise<Stored<DeliveryRecord> | undefined> {
  const leaseUntil = new Date(now.getTime() + deps.leaseMs).toISOString();
  return conditional(() => deps.deliveries.replace({ ...found.value, leaseUntil, updatedAt: now.toISOString() }, found.etag));
}

async function record(leased: Stored<DeliveryRecord>, outcome: SendOutcome, deps: DeliverDependencies): Promise<AttemptResult> {
  const now = deps.now();
  const attempt: DeliveryAttempt = {
    at: now.toISOString(),
    durationMs: outcome.durationMs,
    ...(outcome.kind === 'answered' ? { status: outcome.status } : { error: `${outcome.reason}: ${outcome.message}` }),
  };
  const tried = withAttempt(leased.value, attempt);
  const status = outcome.kind === 'answered' ? outcome.status : undefined;
  if (status !== undefined && status >= 200 && status < 300) {
    return end({ ...leased, value: tried }, 'Delivered', undefined, deps, status);
  }
  if (status === 410) {
    await disableSubscription(leased.value.subscriptionId, 'the receiver answered 410 Gone', deps);
    return end({ ...leased, value: tried }, 'Failed', 'the receiver answered 410 Gone: the subscription was disabled', deps, status);
  }
  const retryAfterSeconds = outcome.kind === 'answered' ? outcome.retryAfterSeconds : undefined;
  return retryLater({ ...leased, value: tried }, deps, { responseStatus: status, error: attempt.error, retryAfterSeconds });
}

async function retryLater(
  leased: Stored<DeliveryRecord>,
  deps: DeliverDependencies,
  failure: { responseStatus: number | undefined; error: string | undefined; retryAfterSeconds: number | undefined },
): Promise<AttemptResult> {
  const { responseStatus, error, retryAfterSeconds } = failure;
  const now = deps.now();
  const failures = leased.value.roundFailures + 1;
  const next = nextAttemptAt(
    { firstAttemptAt: new Date(leased.value.roundStartedAt), failedAttempts: failures, now, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
    deps.retryPolicy,
    deps.random(),
  );
  if (!next) return end(leased, 'Failed', `gave up after ${leased.value.attemptCount} attempts`, deps, responseStatus);
  const { leaseUntil: _released, ...rest } = leased.value;
  const written = await conditional(() =>
    deps.deliveries.replace({ ...rest, roundFailures: failures, nextAttemptAt: next.toISOString(), updatedAt: now.toISOString() }, leased.etag),
  );
  if (!written) return { kind: 'ignored', why: 'raced' };
  const delaySeconds = Math.max(0, Math.ceil((next.getTime() - now.getTime()) / 1000));
  // A lost send leaves the delivery Pending and overdue: the repair timer sends it again.
  await deps.queue.send({ subscriptionId: rest.subscriptionId, deliveryId: rest.id }, { delaySeconds }).catch(() => undefined);
  return { kind: 'retrying', nextAttemptAt: next.toISOString(), ...(responseStatus === undefined ? {} : { responseStatus }), ...(error ? { error } : {}) };
}

async function end(
  leased: Stored<DeliveryRecord>,
  status: DeliveryRecord['status'],
  outcome: string | undefined,
  deps: DeliverDependencies,
  responseStatus?: number,
): Promise<AttemptResult> {
  const now = deps.now().toISOString();
  const { leaseUntil: _released, nextAttemptAt: _next, ...rest } = leased.value;
  const finished: DeliveryRecord = {
    ...rest,
    status,
    updatedAt: now,
    ...(status === 'Delivered' ? { deliveredAt: now } : {}),
    ...(outcome ? { outcome } : {}),
  };
  if (status === 'Delivered') delete finished.outcome;
  // Conditional on the lease's version: a redelivery asked for meanwhile keeps its own state.
  const written = await conditional(() => deps.deliveries.replace(finished, leased.etag));
  if (!written) return { kind: 'ignored', why: 'raced' };
  return { kind: 'ended', status, ...(outcome ? { outcome } : {}), ...(responseStatus === undefined ? {} : { responseStatus }) };
}

function withAttempt(delivery: DeliveryRecord, attempt: DeliveryAttempt): DeliveryRecord {
  return { ...delivery, attemptCount: delivery.attemptCount + 1, attempts: [attempt, ...delivery.attempts].slice(0, KEPT_ATTEMPTS) };
}

async function disableSubscription(subscriptionId: string, reason: string, deps: DeliverDependencies): Promise<void> {
  const now = deps.now().toISOString();
  await deps.subscriptions.update(subscriptionId, (current) =>
    current.enabled ? { ...current, enabled: false, disabledReason: reason, updatedAt: now } : undefined,
  );
}

/** A conditional write; undefined when someone else wrote first. */
async function conditional<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof PreconditionFailedError) return undefined;
    throw error;
  }
}

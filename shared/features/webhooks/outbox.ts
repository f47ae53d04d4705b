import { createHash, randomUUID } from 'node:crypto';
import { fleetEventDraftSchema, type FleetEventDraft } from '../../domain/events';
import { subscriptionWants } from '../../domain/webhooks';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { Stored } from '../../platform/storage/tableRepository';
import { deliveryIdOf, type DeliveryRecord } from './deliveryRecord';
import type { DeliveryMessage } from './deliveryQueue';
import type { DeliveryStore } from './deliveryStore';
import type { EventStore } from './eventStore';
import type { OutboxEventRecord } from './outboxEvent';
import type { SubscriptionStore } from './subscriptionStore';
import type { SubscriptionRecord } from './webhookSubscription';

export interface OutboxDependencies {
  events: EventStore;
  deliveries: DeliveryStore;
  subscriptions: SubscriptionStore;
  queue: StorageQueue<DeliveryMessage>;
  now: () => Date;
}

/**
 * The durable outbox behind `emitEvent`: an event no enabled subscription wants is dropped at once (one read of the
 * subscriptions; the autoscaler emits for every pool every cycle). Otherwise the event is stored (numbered in its
 * ordering stream; a dedupe key makes its id, so emitting the same fact twice is one event) before anything is
 * delivered; then each subscription that wants it gets a delivery row and a queue message, and the event is marked
 * planned. Every step can be repeated: a crash in between is finished by the next emit of the same dedupe key or by
 * the repair.
 */
export class Outbox {
  constructor(private readonly deps: OutboxDependencies) {}

  /** The stored event, or undefined when no subscription wants it (nothing is stored then). */
  async emit(draft: FleetEventDraft, onlySubscriptionId?: string): Promise<OutboxEventRecord | undefined> {
    const event = fleetEventDraftSchema.parse(draft);
    const interested = (await this.deps.subscriptions.all()).filter(({ value }) => wants(value, { ...event, onlySubscriptionId }));
    if (interested.length === 0) return undefined;
    const id = event.dedupeKey ? idOfDedupeKey(event.dedupeKey) : randomUUID();
    const existing = event.dedupeKey ? await this.deps.events.get(id) : undefined;
    const stored =
      existing ??
      (await this.deps.events.createOrGet({
        id,
        type: event.type,
        subject: event.subject,
        time: this.deps.now().toISOString(),
        data: event.data,
        orderingKey: event.orderingKey ?? event.subject,
        sequence: await this.deps.events.nextSequence(event.orderingKey ?? event.subject),
        ...(onlySubscriptionId ? { onlySubscriptionId } : {}),
        deliveriesPlanned: false,
      }));
    if (!stored.value.deliveriesPlanned) await this.planDeliveries(stored, interested);
    return stored.value;
  }

  /** One delivery row and one message per subscription that wants the event; then the event is marked planned. */
  async planDeliveries(stored: Stored<OutboxEventRecord>, interested?: Stored<SubscriptionRecord>[]): Promise<void> {
    const event = stored.value;
    const subscriptions = interested ?? (await this.deps.subscriptions.all()).filter(({ value }) => wants(value, event));
    for (const { value: subscription } of subscriptions) {
      const delivery = this.newDelivery(subscription, event);
      if (await this.deps.deliveries.createIfAbsent(delivery)) {
        // A lost send leaves the row Pending and overdue: the repair timer sends it again.
        await this.deps.queue.send({ subscriptionId: delivery.subscriptionId, deliveryId: delivery.id }).catch(() => undefined);
      }
    }
    await this.deps.events.markPlanned(stored);
  }

  private newDelivery(subscription: SubscriptionRecord, event: OutboxEventRecord): DeliveryRecord {
    const now = this.deps.now().toISOString();
    return {
      id: deliveryIdOf(event.time, event.id),
      subscriptionId: subscription.id.toLowerCase(),
      eventId: event.id,
      eventType: event.type,
      subject: event.subject,
      sequence: event.sequence,
      status: 'Pending',
      createdAt: now,
      updatedAt: now,
      roundStartedAt: now,
      attemptCount: 0,
      roundFailures: 0,
      nextAttemptAt: now,
      attempts: [],
    };
  }
}

function wants(subscription: SubscriptionRecord, event: Pick<OutboxEventRecord, 'type' | 'subject' | 'data' | 'onlySubscriptionId'>): boolean {
  if (event.onlySubscriptionId) return subscription.id.toLowerCase() === event.onlySubscriptionId.toLowerCase();
  return subscription.enabled && subscriptionWants(subscription, event);
}

/** A dedupe key's event id: the same key always names the same event (a UUID-shaped hash, never the key itself). */
function idOfDedupeKey(dedupeKey: string): string {
  const hex = createHash('sha256').update(`fleetplane-event:${dedupeKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

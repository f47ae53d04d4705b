import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deliveryIdOf, type DeliveryRecord } from '../../../shared/features/webhooks/deliveryRecord';
import { DeliveryStore } from '../../../shared/features/webhooks/deliveryStore';
import { EventStore } from '../../../shared/features/webhooks/eventStore';
import { pruneWebhookHistory, type WebhookRetention } from '../../../shared/features/webhooks/pruneWebhookHistory';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const DAY = 86_400_000;
const NOW = new Date('2026-12-06T12:00:00.000Z');
const RETENTION: WebhookRetention = { retentionMs: 30 * DAY, eventGraceMs: 4 * DAY, maxRowsPerRun: 1_000 };
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

/** The outbox's retention over Azurite: what goes, what stays (anything Pending), bounds, and two runs at once. */
describe('webhook history retention (Azurite)', () => {
  function stores() {
    const storage = testStorage();
    const prefix = uniqueTablePrefix();
    return {
      events: new EventStore(storage.tableClient(`${prefix}events`)),
      deliveries: new DeliveryStore(storage.tableClient(`${prefix}deliveries`)),
    };
  }

  async function storeEvent(events: EventStore, time: Date, planned = true): Promise<string> {
    const id = randomUUID();
    await events.createOrGet({ id, type: 'fleetplane.cluster.created', subject: '/c', time: time.toISOString(), data: {}, orderingKey: '/c', sequence: 1, deliveriesPlanned: planned });
    return id;
  }

  async function storeDelivery(deliveries: DeliveryStore, subscriptionId: string, eventId: string, eventTime: Date, status: DeliveryRecord['status']): Promise<string> {
    const id = deliveryIdOf(eventTime.toISOString(), eventId);
    const at = eventTime.toISOString();
    await deliveries.createIfAbsent({
      id, subscriptionId, eventId, eventType: 'fleetplane.cluster.created', subject: '/c', sequence: 1, status,
      createdAt: at, updatedAt: at, roundStartedAt: at, attemptCount: 1, roundFailures: 0, attempts: [],
      ...(status === 'Pending' ? { nextAttemptAt: NOW.toISOString() } : {}),
    });
    return id;
  }

  it('deletes finished deliveries past retention and events past retention and a retry round; keeps Pending deliveries, recent rows, unplanned events and counters', async () => {
    const { events, deliveries } = stores();
    const old = daysAgo(31);
    const oldEvent = await storeEvent(events, old);
    const gone: [string, string][] = [];
    for (const [subscription, status] of [['s1', 'Delivered'], ['s2', 'Failed'], ['s3', 'Skipped']] as const) {
      gone.push([subscription, await storeDelivery(deliveries, subscription, oldEvent, old, status)]);
    }
    const redelivered = await storeDelivery(deliveries, 's4', oldEvent, old, 'Pending');
    const recentEvent = await storeEvent(events, daysAgo(29));
    const recent = await storeDelivery(deliveries, 's1', recentEvent, daysAgo(29), 'Delivered');
    const pastGrace = await storeEvent(events, daysAgo(35));
    const unplanned = await storeEvent(events, daysAgo(40), false);
    expect(await events.nextSequence('/c')).toBe(1);

    const pruned = await pruneWebhookHistory({ events, deliveries, now: () => NOW, retention: RETENTION });

    expect(pruned).toEqual({ deliveries: 3, events: 1, more: false });
    for (const [subscription, id] of gone) expect(await deliveries.get(subscription, id)).toBeUndefined();
    expect((await deliveries.get('s4', redelivered))?.value.status).toBe('Pending');
    expect(await deliveries.get('s1', recent)).toBeDefined();
    expect(await events.get(pastGrace)).toBeUndefined();
    // Within the retry round's grace: the Pending redelivery can still read its event.
    expect(await events.get(oldEvent)).toBeDefined();
    expect(await events.get(recentEvent)).toBeDefined();
    expect(await events.get(unplanned)).toBeDefined();
    expect(await events.nextSequence('/c')).toBe(2);
  });

  it('a delivery redelivered (made Pending) between the run reading it and deleting it stays: the delete is conditional', async () => {
    const table = testStorage().tableClient(`${uniqueTablePrefix()}deliveries`);
    const deliveries = new DeliveryStore(table);
    const events = new EventStore(testStorage().tableClient(`${uniqueTablePrefix()}events`));
    const id = await storeDelivery(deliveries, 's1', randomUUID(), daysAgo(31), 'Failed');
    // A redelivery lands just before the run's delete (the run has read the Failed row already).
    const deleteEntity = table.deleteEntity.bind(table);
    table.deleteEntity = async (...args: Parameters<typeof table.deleteEntity>) => {
      const read = (await deliveries.get('s1', id))!;
      if (read.value.status !== 'Pending') await deliveries.replace({ ...read.value, status: 'Pending', nextAttemptAt: NOW.toISOString() }, read.etag);
      return deleteEntity(...args);
    };
    expect(await pruneWebhookHistory({ events, deliveries, now: () => NOW, retention: RETENTION })).toMatchObject({ deliveries: 0 });
    expect((await deliveries.get('s1', id))?.value.status).toBe('Pending');
  });

  it('deletes at most the bound per run, and later runs finish the backlog', async () => {
    const { events, deliveries } = stores();
    const old = daysAgo(60);
    for (let i = 0; i < 45; i++) await storeDelivery(deliveries, `s${i % 3}`, randomUUID(), new Date(old.getTime() + i), 'Delivered');
    const bounded = { ...RETENTION, maxRowsPerRun: 20 };
    const first = await pruneWebhookHistory({ events, deliveries, now: () => NOW, retention: bounded });
    expect(first).toMatchObject({ deliveries: 20, more: true });
    let total = first.deliveries;
    for (let run = 0; run < 5 && total < 45; run++) total += (await pruneWebhookHistory({ events, deliveries, now: () => NOW, retention: bounded })).deliveries;
    expect(total).toBe(45);
    for (const subscription of ['s0', 's1', 's2']) expect((await deliveries.page(subscription, { pageSize: 100 })).items).toEqual([]);
  });

  it('two runs at once delete everything past retention once, without errors, and leave Pending rows', async () => {
    const { events, deliveries } = stores();
    const pending: string[] = [];
    for (let i = 0; i < 60; i++) {
      const time = new Date(daysAgo(50).getTime() + i);
      const eventId = await storeEvent(events, time);
      await storeDelivery(deliveries, `s${i % 2}`, eventId, time, 'Delivered');
      if (i % 10 === 0) pending.push(await storeDelivery(deliveries, 's-pending', eventId, time, 'Pending'));
    }
    const run = () => pruneWebhookHistory({ events, deliveries, now: () => NOW, retention: RETENTION });
    const results = await Promise.all([run(), run()]);
    expect(results.every((result) => !result.more)).toBe(true);
    for (const subscription of ['s0', 's1']) expect((await deliveries.page(subscription, { pageSize: 100 })).items).toEqual([]);
    const left = (await deliveries.page('s-pending', { pageSize: 100 })).items.map((row) => row.value.id).sort();
    expect(left).toEqual([...pending].sort());
    expect(await pruneWebhookHistory({ events, deliveries, now: () => NOW, retention: RETENTION })).toEqual({ deliveries: 0, events: 0, more: false });
  });
});

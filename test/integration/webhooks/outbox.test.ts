import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { allow, deny } from '../../../shared/domain/access/decision';
import type { DecideAccess } from '../../../shared/features/webhooks/deliveryAccess';
import { deliverWebhook, type DeliverDependencies } from '../../../shared/features/webhooks/deliverWebhook';
import type { DeliveryMessage } from '../../../shared/features/webhooks/deliveryQueue';
import { DeliveryStore } from '../../../shared/features/webhooks/deliveryStore';
import { EventStore } from '../../../shared/features/webhooks/eventStore';
import { Outbox } from '../../../shared/features/webhooks/outbox';
import { repairOutbox } from '../../../shared/features/webhooks/repairOutbox';
import { SubscriptionStore } from '../../../shared/features/webhooks/subscriptionStore';
import { urlAdmission } from '../../../shared/features/webhooks/urlAdmission';
import type { SubscriptionRecord } from '../../../shared/features/webhooks/webhookSubscription';
import { WebhookSender } from '../../../shared/platform/outbound/webhookSender';
import type { StorageQueue } from '../../../shared/platform/storage/storageQueue';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { testSecretKeys } from '../../support/secretKeys';
import { testSettings } from '../../support/storage';
import { WebhookReceiver } from '../../support/webhookReceiver';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.ContainerService/managedClusters/c1`;
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

/** Outbox, delivery attempts and repair over Azurite tables, a loopback receiver and a recording queue. */
describe('webhook outbox and deliveries (Azurite, loopback receiver)', () => {
  const settings = testSettings();
  const storage = new StorageAccount(settings);
  const table = (name: string) => storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}${name}`);
  const subscriptions = new SubscriptionStore(table('whsubs'), testSecretKeys());
  const events = new EventStore(table('whevents'));
  const deliveries = new DeliveryStore(table('whdeliveries'));
  const sent: { message: DeliveryMessage; delaySeconds: number }[] = [];
  const queue = { send: (message: DeliveryMessage, options?: { delaySeconds?: number }) => Promise.resolve(void sent.push({ message, delaySeconds: options?.delaySeconds ?? 0 })) } as unknown as StorageQueue<DeliveryMessage>;
  let clock = new Date();
  const now = () => clock;
  const outbox = new Outbox({ events, deliveries, subscriptions, queue, now });
  let receiver: WebhookReceiver;
  let decide: DecideAccess = () => Promise.resolve(allow('test', 'b1', 'Reader'));

  const deps = (): DeliverDependencies => ({
    deliveries,
    subscriptions,
    events,
    queue,
    post: (url, headers, body) => new WebhookSender({ policy: { allowLoopback: true }, connectTimeoutMs: 1_000, totalTimeoutMs: 2_000 }).post(url, headers, body),
    decide: (caller, verb, resource, scope) => decide(caller, verb, resource, scope),
    retryPolicy: { baseDelaySeconds: 5, maxDelaySeconds: 60, giveUpAfterSeconds: 600 },
    source: 'urn:fleetplane:test',
    leaseMs: 30_000,
    now,
    random: () => 1,
  });

  async function subscribe(id: string, overrides: Partial<SubscriptionRecord> = {}): Promise<void> {
    await subscriptions.create({
      id,
      url: receiver.url(`/${id}`),
      eventTypes: ['fleetplane.cluster.created', 'fleetplane.operation.succeeded'],
      scope: 'tenant',
      enabled: true,
      owner: { tenantId: 't', objectId: 'o', kind: 'user', appRoles: [], groups: [], groupsOverage: false },
      secrets: [{ secret: SECRET, createdAt: clock.toISOString() }],
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
      ...overrides,
    });
  }

  /** Delivers every message sent so far (as the queue trigger would), oldest first. */
  async function drain() {
    const results = [];
    while (sent.length > 0) results.push(await deliverWebhook(sent.shift()!.message, deps()));
    return results;
  }

  beforeAll(async () => {
    receiver = await WebhookReceiver.start('http');
  });
  afterAll(() => receiver.close());

  it('stores, numbers per stream and delivers a signed CloudEvent the library verifies; a dedupe key makes one event', async () => {
    await subscribe('s-basic');
    const draft = { type: 'fleetplane.cluster.created' as const, subject: CLUSTER, data: { clusterId: CLUSTER }, dedupeKey: 'op-1:cluster' };
    const first = (await outbox.emit(draft))!;
    const again = (await outbox.emit(draft))!;
    clock = new Date(clock.getTime() + 1_000);
    const next = (await outbox.emit({ ...draft, dedupeKey: 'op-2:cluster' }))!;
    expect(again.id).toBe(first.id);
    expect([first.sequence, next.sequence]).toEqual([1, 2]);
    expect(sent.map((s) => s.message.subscriptionId)).toEqual(['s-basic', 's-basic']);
    await drain();
    const received = receiver.received.filter((r) => r.headers['webhook-id'] === first.id);
    expect(received).toHaveLength(1);
    const event = new Webhook(SECRET).verify(received[0]!.body, received[0]!.headers) as Record<string, unknown>;
    expect(event).toMatchObject({ specversion: '1.0', id: first.id, type: 'fleetplane.cluster.created', subject: CLUSTER, sequence: '0000000000000001', partitionkey: CLUSTER, source: 'urn:fleetplane:test' });
    const log = await deliveries.page('s-basic', { pageSize: 10 });
    expect(log.items.map((i) => [i.value.sequence, i.value.status, i.value.attemptCount])).toEqual([[2, 'Delivered', 1], [1, 'Delivered', 1]]);
  });

  it('an event no subscription wants is not stored, numbered or queued', async () => {
    const queuedBefore = sent.length;
    const dropped = await outbox.emit({ type: 'fleetplane.updateRun.completed', subject: '/updateRuns/ur-nobody', data: {}, dedupeKey: 'nobody-wants-this' });
    expect(dropped).toBeUndefined();
    expect(sent.length).toBe(queuedBefore);
    // Had it been stored it would hold sequence 1 of its stream.
    expect(await events.nextSequence('/updateRuns/ur-nobody')).toBe(1);
  });

  it('a message for a delivered row does nothing (no second request)', async () => {
    const [row] = (await deliveries.page('s-basic', { pageSize: 1 })).items;
    const before = receiver.received.length;
    expect(await deliverWebhook({ subscriptionId: 's-basic', deliveryId: row!.value.id }, deps())).toEqual({ kind: 'ignored', why: 'finished' });
    expect(receiver.received.length).toBe(before);
  });

  it('retries a failing receiver on the back-off schedule and gives up after the retry window', async () => {
    await subscribe('s-down', { eventTypes: ['fleetplane.operation.succeeded'] });
    receiver.respond = ({ headers }) => ({ status: headers['webhook-id'] ? 503 : 200 });
    await outbox.emit({ type: 'fleetplane.operation.succeeded', subject: CLUSTER, data: {} });
    const results = [];
    for (let i = 0; i < 20 && sent.length > 0; i++) {
      const { message, delaySeconds } = sent.shift()!;
      clock = new Date(clock.getTime() + delaySeconds * 1000);
      results.push(await deliverWebhook(message, deps()));
    }
    receiver.respond = () => ({ status: 200 });
    expect(results.slice(0, 3)).toEqual([
      { kind: 'retrying', nextAttemptAt: expect.any(String), responseStatus: 503 },
      expect.objectContaining({ kind: 'retrying', responseStatus: 503 }),
      expect.objectContaining({ kind: 'retrying', responseStatus: 503 }),
    ]);
    expect(results.at(-1)).toMatchObject({ kind: 'ended', status: 'Failed', outcome: expect.stringMatching(/^gave up after \d+ attempts$/) });
    const [row] = (await deliveries.page('s-down', { pageSize: 1 })).items;
    expect(row!.value).toMatchObject({ status: 'Failed', attempts: expect.arrayContaining([{ at: expect.any(String), durationMs: expect.any(Number), status: 503 }]) });
  });

  it("429 with Retry-After waits as long as the receiver asks (up to the longest delay)", async () => {
    await subscribe('s-busy', { eventTypes: ['fleetplane.nodePool.scaled'] });
    receiver.respond = ({ headers }) => (headers['webhook-id'] ? { status: 429, headers: { 'retry-after': '30' } } : { status: 200 });
    sent.length = 0;
    await outbox.emit({ type: 'fleetplane.nodePool.scaled', subject: CLUSTER, data: {} });
    const result = await deliverWebhook(sent.shift()!.message, deps());
    receiver.respond = () => ({ status: 200 });
    expect(result).toMatchObject({ kind: 'retrying', responseStatus: 429 });
    const retry = sent.shift()!;
    expect(retry.delaySeconds).toBe(30);
    expect(await deliverWebhook(retry.message, deps())).toEqual({ kind: 'ignored', why: 'notDue' });
    clock = new Date(clock.getTime() + 30_000);
    expect(await deliverWebhook(retry.message, deps())).toMatchObject({ kind: 'ended', status: 'Delivered' });
  });

  it('410 ends the delivery and disables the subscription; later deliveries to it end as Failed unsent', async () => {
    await subscribe('s-gone', { eventTypes: ['fleetplane.operation.succeeded'] });
    receiver.respond = ({ headers }) => ({ status: headers['webhook-id'] ? 410 : 200 });
    sent.length = 0;
    await outbox.emit({ type: 'fleetplane.operation.succeeded', subject: CLUSTER, data: {} });
    // Only s-gone still wants operation events that reach a receiver answering 410.
    const results = await drain();
    receiver.respond = () => ({ status: 200 });
    expect(results).toContainEqual({ kind: 'ended', status: 'Failed', outcome: 'the receiver answered 410 Gone: the subscription was disabled', responseStatus: 410 });
    expect((await subscriptions.get('s-gone'))?.value).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone' });
  });

  it("skips an event its owner may no longer read, and an event outside the subscription's scope never becomes a delivery", async () => {
    await subscribe('s-scoped', { eventTypes: ['fleetplane.cluster.created'], scope: `/subscriptions/${SUB}/resourceGroups/rg-a` });
    sent.length = 0;
    await outbox.emit({ type: 'fleetplane.cluster.created', subject: CLUSTER.replace('rg-a', 'rg-b'), data: {} });
    expect(sent.map((s) => s.message.subscriptionId)).not.toContain('s-scoped');
    decide = (_caller, _verb, _resource, scope) => Promise.resolve(scope === CLUSTER ? deny('no_binding', 'no binding') : allow('test', 'b1', 'Reader'));
    await outbox.emit({ type: 'fleetplane.cluster.created', subject: CLUSTER, data: {} });
    const results = await drain();
    decide = () => Promise.resolve(allow('test', 'b1', 'Reader'));
    expect(results).toContainEqual({ kind: 'ended', status: 'Skipped', outcome: "the subscription's owner may not read the event's subject" });
  });

  it('two messages for one delivery send once (the lease); a lost message is re-sent by the repair', async () => {
    await subscribe('s-lease', { eventTypes: ['fleetplane.cluster.supportEnding'] });
    sent.length = 0;
    await outbox.emit({ type: 'fleetplane.cluster.supportEnding', subject: CLUSTER, data: {} });
    const message = sent.shift()!.message;
    let release: () => void = () => undefined;
    const before = receiver.received.length;
    receiver.respond = () => ({ status: 200 });
    const slow: DeliverDependencies = { ...deps(), post: async (...args) => { await new Promise<void>((resolve) => (release = resolve)); return deps().post(...args); } };
    const first = deliverWebhook(message, slow);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await deliverWebhook(message, deps())).toEqual({ kind: 'ignored', why: 'leased' });
    release();
    expect(await first).toMatchObject({ kind: 'ended', status: 'Delivered' });
    expect(receiver.received.length - before).toBe(1);

    // A message lost: the delivery stays Pending; the repair finds it overdue and sends one new message.
    await outbox.emit({ type: 'fleetplane.cluster.supportEnding', subject: CLUSTER, data: {} });
    sent.length = 0;
    clock = new Date(clock.getTime() + 3 * 60_000);
    expect(await repairOutbox({ events, deliveries, outbox, queue, now })).toMatchObject({ resent: 1 });
    expect(await repairOutbox({ events, deliveries, outbox, queue, now })).toMatchObject({ resent: 0 });
    expect(await drain()).toEqual([expect.objectContaining({ kind: 'ended', status: 'Delivered' })]);
  });

  it('azure mode refuses at creation: a name resolving to 127.0.0.1, http://, the metadata address, IPv4-mapped IPv6', async () => {
    const admit = urlAdmission({ allowLoopback: false }, () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]));
    const issues = async (url: string) => {
      try {
        await admit(url);
        return undefined;
      } catch (error) {
        return (error as { issues: unknown }).issues;
      }
    };
    expect(await issues('https://hooks.example.test/x')).toEqual([{ path: 'url', code: 'forbidden_address', message: 'url hooks.example.test resolves to a forbidden address (loopback)' }]);
    expect(await issues('http://hooks.example.test/x')).toEqual([{ path: 'url', code: 'invalid_url', message: 'url must use https (http only to loopback in local mode)' }]);
    expect(await issues('https://169.254.169.254/latest')).toEqual([expect.objectContaining({ path: 'url', code: 'forbidden_address' })]);
    expect(await issues('https://[::ffff:10.0.0.1]/')).toEqual([expect.objectContaining({ path: 'url', code: 'forbidden_address' })]);
    const publicName = urlAdmission({ allowLoopback: false }, () => Promise.resolve([{ address: '20.1.2.3', family: 4 }]));
    await expect(publicName('https://hooks.example.test/x')).resolves.toBeUndefined();
  });
});

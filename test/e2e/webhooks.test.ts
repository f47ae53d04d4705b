import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { SUB } from '../emulator/harness';
import { pollUntil, smallCluster } from '../reliability/support/armFaultStack';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import { WebhookReceiver } from '../support/webhookReceiver';

const AUDIENCE = 'api://fleetplane-webhooks-e2e';
const OWNER = '7a1c0d2e-0000-4000-8000-00000000a001';
const CLUSTERS = `subscriptions/${SUB}/resourceGroups/rg-webhooks/clusters`;

interface Answer {
  status: number;
  headers: Headers;
  body: any;  
}

/** Webhooks out through the local host: subscriptions API, signed deliveries, retries, 410, events from operations. */
describe('webhooks out (local host, Azurite, AKS emulator, loopback receivers)', () => {
  let stack: FleetStack;
  let owner: string;
  let receiver: WebhookReceiver;

  async function call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const url = route.startsWith('http') ? route : `${stack.host.origin}/api/${route}`;
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${owner}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  async function subscribe(id: string, path: string, eventTypes = ['fleetplane.webhook.test']): Promise<string> {
    const created = await call('PUT', `webhookSubscriptions/${id}`, { url: receiver.url(path), eventTypes });
    expect(created.status).toBe(201);
    return created.body.secret as string;
  }

  const deliveriesOf = (id: string) => call('GET', `webhookSubscriptions/${id}/deliveries`);

  beforeAll(async () => {
    receiver = await WebhookReceiver.start('http');
    stack = await startFleetStack({
      audience: AUDIENCE,
      env: () => ({ FLEETPLANE_WEBHOOK_RETRY_BASE_SECONDS: '1', FLEETPLANE_WEBHOOK_RETRY_MAX_DELAY_SECONDS: '1', FLEETPLANE_WEBHOOK_TIMEOUT_MS: '3000' }),
    });
    owner = await stack.token({ role: 'Owner', oid: OWNER });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it('creates a subscription (secret shown once), sends a signed CloudEvent the library verifies, logs the delivery', async () => {
    const secret = await subscribe('ops-chat', '/ops-chat');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await call('GET', 'webhookSubscriptions/ops-chat');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toMatch(/^"/);
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    expect(read.body).toMatchObject({ id: 'ops-chat', enabled: true, scope: 'tenant', owner: { objectId: OWNER } });
    expect((await call('GET', 'webhookSubscriptions')).body.value.map((s: { id: string }) => s.id)).toContain('ops-chat');

    const queued = await call('POST', 'webhookSubscriptions/ops-chat/test');
    expect(queued.status).toBe(202);
    const eventId = queued.body.eventId as string;
    const [delivery] = await pollUntil(() => Promise.resolve(receiver.of(eventId)), (found) => found.length > 0, 20_000);
    const event = new Webhook(secret).verify(delivery!.body, delivery!.headers) as Record<string, unknown>;
    expect(event).toMatchObject({
      specversion: '1.0',
      id: eventId,
      type: 'fleetplane.webhook.test',
      subject: '/webhookSubscriptions/ops-chat',
      datacontenttype: 'application/json',
      sequence: '0000000000000001',
      source: 'urn:fleetplane',
      data: { subscriptionId: 'ops-chat' },
    });
    expect(delivery!.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    const log = await pollUntil(() => deliveriesOf('ops-chat'), (a) => a.body.value[0]?.status === 'Delivered', 10_000);
    expect(log.body.value[0]).toMatchObject({ eventId, status: 'Delivered', attemptCount: 1, attempts: [{ status: 200 }] });
  }, 40_000);

  it('rotation: the old and the new secret both sign during the overlap; redelivery sends the same webhook-id again', async () => {
    const oldSecret = await subscribe('rotating', '/rotating');
    const rotated = await call('POST', 'webhookSubscriptions/rotating/rotateSecret');
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.body.previousSecretRetiresAt).toEqual(expect.any(String));
    const eventId = (await call('POST', 'webhookSubscriptions/rotating/test')).body.eventId as string;
    const [delivery] = await pollUntil(() => Promise.resolve(receiver.of(eventId)), (found) => found.length > 0, 20_000);
    expect(delivery!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(delivery!.body, delivery!.headers)).toMatchObject({ id: eventId });
    expect(new Webhook(newSecret).verify(delivery!.body, delivery!.headers)).toMatchObject({ id: eventId });

    const log = await pollUntil(() => deliveriesOf('rotating'), (a) => a.body.value[0]?.status === 'Delivered', 10_000);
    const again = await call('POST', `webhookSubscriptions/rotating/deliveries/${log.body.value[0].id}/redeliver`);
    expect(again.status).toBe(202);
    const both = await pollUntil(() => Promise.resolve(receiver.of(eventId)), (found) => found.length === 2, 20_000);
    expect(both).toHaveLength(2);
  }, 60_000);

  it('a receiver that answers 500 five times then 200 gets the event once it recovers', async () => {
    await subscribe('flaky', '/flaky');
    let failures = 0;
    receiver.respond = ({ headers }) => (headers['webhook-id'] && failures < 5 && headers['user-agent']?.startsWith('Fleetplane') ? (failures++, { status: 500 }) : { status: 200 });
    const eventId = (await call('POST', 'webhookSubscriptions/flaky/test')).body.eventId as string;
    const log = await pollUntil(() => deliveriesOf('flaky'), (a) => a.body.value[0]?.status === 'Delivered', 90_000);
    receiver.respond = () => ({ status: 200 });
    expect(receiver.of(eventId).map((r) => r.answered)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(log.body.value[0]).toMatchObject({ status: 'Delivered', attemptCount: 6 });
    expect(log.body.value[0].attempts.map((a: { status: number }) => a.status)).toEqual([200, 500, 500, 500, 500, 500]);
  }, 120_000);

  it('410 Gone disables the subscription', async () => {
    await subscribe('retired', '/retired');
    receiver.respond = ({ headers }) => ({ status: headers['webhook-id'] ? 410 : 200 });
    await call('POST', 'webhookSubscriptions/retired/test');
    const read = await pollUntil(() => call('GET', 'webhookSubscriptions/retired'), (a) => a.body.enabled === false, 30_000);
    receiver.respond = () => ({ status: 200 });
    expect(read.body).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone' });
    // The subscription is disabled before the delivery's end is written: wait for that write too.
    const log = await pollUntil(() => deliveriesOf('retired'), (l) => l.body.value[0]?.status === 'Failed', 10_000);
    expect(log.body.value[0]).toMatchObject({ status: 'Failed', outcome: 'the receiver answered 410 Gone: the subscription was disabled' });
  }, 40_000);

  it.each([
    ['https://169.254.169.254/latest/meta-data/', 'forbidden_address'],
    ['https://[::ffff:10.0.0.1]/hook', 'forbidden_address'],
    ['https://10.1.2.3/hook', 'forbidden_address'],
    ['http://hooks.example.com/hook', 'invalid_url'],
    ['https://user:pw@hooks.example.com/hook', 'invalid_url'],
  ])('refuses %s at creation with a problem naming url', async (url, code) => {
    const refused = await call('PUT', 'webhookSubscriptions/refused', { url, eventTypes: ['fleetplane.webhook.test'] });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'url', code })]);
    expect((await call('GET', 'webhookSubscriptions/refused')).status).toBe(404);
  });

  it('a cluster created through the API emits operation.succeeded and cluster.created, in one ordered stream', async () => {
    await subscribe('fleet-events', '/fleet-events', ['fleetplane.cluster.created', 'fleetplane.operation.succeeded']);
    const accepted = await call('PUT', `${CLUSTERS}/hooked`, smallCluster());
    expect(accepted.status).toBe(202);
    stack.emulator.advanceClock(3_600);
    const operation = await call('GET', accepted.headers.get('operation-location')!);
    expect(operation.body.status).toBe('Succeeded');
    const received = await pollUntil(() => Promise.resolve(receiver.received.filter((r) => r.headers['webhook-id'] && r.body.includes('/managedClusters/hooked') && r.answered === 200)), (found) => found.length >= 2, 30_000);
    const events = received.map((r) => JSON.parse(r.body) as { type: string; sequence: string; subject: string; data: Record<string, unknown> });
    const target = `/subscriptions/${SUB}/resourceGroups/rg-webhooks/providers/Microsoft.ContainerService/managedClusters/hooked`;
    expect(events.map((e) => e.type).sort()).toEqual(['fleetplane.cluster.created', 'fleetplane.operation.succeeded']);
    expect(events.every((e) => e.subject === target)).toBe(true);
    expect(events.map((e) => e.sequence).sort()).toEqual(['0000000000000001', '0000000000000002']);
    expect(events.find((e) => e.type === 'fleetplane.operation.succeeded')!.data).toMatchObject({ operationId: operation.body.id, kind: 'createCluster', status: 'Succeeded' });
  }, 60_000);

  it('L2: no signing secret, signature or receiver URL in the host log; the audit trail records the writes without them', async () => {
    const output = stack.host.output();
    expect(output).toContain('webhookDeliver');
    expect(output).not.toMatch(/whsec_|v1,[A-Za-z0-9+/]{20}/);
    expect(output).not.toContain(receiver.url('/ops-chat'));
    const audit = await call('GET', 'auditEvents?pageSize=200');
    const writes = (audit.body.value as { action: string }[]).filter((r) => r.action === 'putWebhookSubscription' || r.action === 'rotateWebhookSubscriptionSecret');
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit.body)).not.toContain('whsec_');
  });

  it('a Reader may not manage subscriptions', async () => {
    const reader = await stack.token({ role: 'Reader', oid: '7a1c0d2e-0000-4000-8000-00000000a002' });
    const denied = await fetch(`${stack.host.origin}/api/webhookSubscriptions/ops-chat`, { headers: { authorization: `Bearer ${reader}` } });
    expect(denied.status).toBe(403);
  });
});

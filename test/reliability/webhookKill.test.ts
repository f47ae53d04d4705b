import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { fleetApiHostEnv, startLocalHost, type StartedHost } from '../support/localHost';
import { uniqueTablePrefix } from '../support/storage';
import { WebhookReceiver } from '../support/webhookReceiver';
import { pollUntil } from './support/armFaultStack';
import { triggerQueueName } from '../../local/stack/triggerQueues';

const AUDIENCE = 'api://fleetplane-webhook-kill';
const OWNER = '0c000000-0000-4000-8000-0000000000f7';
const EVENTS = 6;
const HEALTHY_BEFORE_KILL = 3;

/**
 * kill -9 of the local host with webhook deliveries pending (their retries waiting on the queue): after a restart
 * every event reaches the receiver, none is lost, and none that the receiver already answered 2xx is sent again —
 * not even when a stray message for a delivered row arrives.
 */
describe('kill -9 of the host with webhook deliveries pending (local host, Azurite, loopback receiver)', () => {
  const tablePrefix = uniqueTablePrefix();
  let issuer: RunningDevIssuer;
  let host: StartedHost;
  let receiver: WebhookReceiver;
  let owner: string;
  let healthy = false;
  const okIds = new Set<string>();

  const env = () => ({
    ...fleetApiHostEnv({
      storageConnectionString: inject('storageConnectionString'),
      issuerUrl: issuer.issuerUrl,
      audience: AUDIENCE,
      armEndpoint: 'https://127.0.0.1:9',
      subscriptionIds: ['00000000-0000-0000-0000-00000000f7f7'],
      tablePrefix,
    }),
    // Retries wait 2-4 s on the queue: long enough to kill the host while they wait, short for the test.
    FLEETPLANE_WEBHOOK_RETRY_BASE_SECONDS: '4',
    FLEETPLANE_WEBHOOK_RETRY_MAX_DELAY_SECONDS: '4',
  });

  async function call(method: string, route: string, body?: unknown) {
    const response = await fetch(`${host.origin}/api/${route}`, {
      method,
      headers: { authorization: `Bearer ${owner}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };  
  }

  const deliveries = async () => (await call('GET', 'webhookSubscriptions/pager/deliveries?pageSize=50')).body.value as { id: string; eventId: string; status: string }[];

  async function killHost(): Promise<void> {
    const { process: child } = host.child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  beforeAll(async () => {
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    receiver = await WebhookReceiver.start('http');
    // The first deliveries are answered 200; the rest 500 until the receiver is healthy.
    receiver.respond = ({ headers }) => {
      const id = headers['webhook-id'] ?? '';
      if (healthy || okIds.has(id) || okIds.size < HEALTHY_BEFORE_KILL) {
        okIds.add(id);
        return { status: 200 };
      }
      return { status: 500 };
    };
    host = await startLocalHost({ env: env() });
    owner = await issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: OWNER });
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
    await receiver?.close();
    await issuer?.close();
  });

  it('delivers every pending event after the restart, each exactly once to a receiver that answered 2xx', async () => {
    const created = await call('PUT', 'webhookSubscriptions/pager', { url: receiver.url('/pager'), eventTypes: ['fleetplane.webhook.test'] });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    const eventIds: string[] = [];
    for (let i = 0; i < EVENTS; i++) eventIds.push((await call('POST', 'webhookSubscriptions/pager/test')).body.eventId as string);

    // Every event had its first attempt: three were answered 200, three 500 and wait for their retry on the queue.
    await pollUntil(() => Promise.resolve(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size), (seen) => seen === EVENTS, 20_000);
    const before = await pollUntil(deliveries, (rows) => rows.filter((r) => r.status === 'Delivered').length === HEALTHY_BEFORE_KILL, 10_000);
    await killHost();
    expect(before.filter((r) => r.status === 'Pending')).toHaveLength(EVENTS - HEALTHY_BEFORE_KILL);
    healthy = true;

    // A stray message for a delivered row (a duplicate the queue hands out twice) must do nothing.
    const delivered = before.find((r) => r.status === 'Delivered')!;
    const queue = QueueServiceClient.fromConnectionString(inject('storageConnectionString')).getQueueClient(triggerQueueName(tablePrefix, 'FLEETPLANE_WEBHOOK_DELIVERY_QUEUE'));
    await queue.sendMessage(Buffer.from(JSON.stringify({ subscriptionId: 'pager', deliveryId: delivered.id })).toString('base64'));

    host = await startLocalHost({ env: env() });
    const after = await pollUntil(deliveries, (rows) => rows.length === EVENTS && rows.every((r) => r.status === 'Delivered'), 60_000);
    expect(after.map((r) => r.status)).toEqual(new Array(EVENTS).fill('Delivered'));
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // room for a wrong second send to show

    for (const eventId of eventIds) {
      const answered2xx = receiver.of(eventId).filter((r) => r.answered === 200);
      expect({ eventId, answered2xx: answered2xx.length }).toEqual({ eventId, answered2xx: 1 });
      expect(new Webhook(secret).verify(answered2xx[0]!.body, answered2xx[0]!.headers)).toMatchObject({ id: eventId });
    }
    expect(receiver.of(delivered.eventId)).toHaveLength(1);

    // The delivery log pages with nextLink, newest first.
    const first = await call('GET', 'webhookSubscriptions/pager/deliveries?pageSize=4');
    expect(first.body.value).toHaveLength(4);
    const next = await fetch(first.body.nextLink as string, { headers: { authorization: `Bearer ${owner}` } });
    const rest = (await next.json()) as { value: { eventId: string }[]; nextLink?: string };
    expect(rest.value).toHaveLength(2);
    expect(rest.nextLink).toBeUndefined();
    expect([...first.body.value, ...rest.value].map((r: { eventId: string }) => r.eventId)).toEqual([...eventIds].reverse());
  }, 120_000);
});

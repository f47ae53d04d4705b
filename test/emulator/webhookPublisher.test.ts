import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { fixture } from '../unit/webhookEvents/fixtures';
import { SUB, clusterPath, fast, raw, sdkClient, startTestEmulator } from './harness';

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A webhook receiver on loopback: records every request and answers from a script (default 200, echoing validation codes). */
async function startReceiver() {
  const received: Received[] = [];
  let script: number[] = [];
  let grantOrigin = true;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      received.push({ method: req.method ?? '', headers: req.headers, body });
      if (req.method === 'OPTIONS') {
        res.writeHead(200, grantOrigin ? { 'webhook-allowed-origin': String(req.headers['webhook-request-origin']) } : {});
        return res.end();
      }
      const status = script.shift() ?? 200;
      const validation = Array.isArray(body) && body[0]?.eventType === 'Microsoft.EventGrid.SubscriptionValidationEvent';
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(validation && status === 200 ? JSON.stringify({ validationResponse: body[0].data.validationCode }) : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    answer: (...statuses: number[]) => (script = statuses),
    refuseOrigin: () => (grantOrigin = false),
    notifications: () => received.filter((request) => request.method === 'POST' && request.headers['aeg-event-type'] !== 'SubscriptionValidation'),
    reset: () => {
      received.length = 0;
      script = [];
      grantOrigin = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const keysOf = (value: object) => Object.keys(value).sort();

describe('the emulator as Event Grid and an action group (webhook publisher)', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const rg = 'rg-publish';

  beforeAll(async () => {
    receiver = await startReceiver();
    emulator = await startTestEmulator({ webhookToken: (audience) => Promise.resolve(`token-for-${audience}`), webhookRetryDelaysMs: [10, 10, 10] });
    client = sdkClient(emulator);
    await client.managedClusters.createOrUpdate(
      rg,
      'pub1',
      { location: 'eastus', dnsPrefix: 'pub1', kubernetesVersion: '1.36.1', agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 }] },
      fast,
    );
  });
  beforeEach(async () => {
    for (const subscription of emulator.webhooks.list()) emulator.webhooks.remove(subscription.id);
    await emulator.webhooks.idle();
    receiver.reset();
  });
  afterAll(async () => {
    await emulator?.close();
    await receiver?.close();
  });

  it('validates an Event Grid schema subscription with the validation event, token and header Event Grid sends', async () => {
    const subscription = await emulator.webhooks.configure('eg', { url: receiver.url, audience: 'api://fleetplane', topic: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventGrid/systemTopics/aks' });
    expect(subscription).toMatchObject({ status: 'Active', schema: 'EventGrid', kind: 'events' });
    const [handshake] = receiver.received;
    expect(handshake?.headers).toMatchObject({ 'aeg-event-type': 'SubscriptionValidation', authorization: 'Bearer token-for-api://fleetplane' });
    expect(handshake?.body).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{40}$/),
        topic: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventGrid/systemTopics/aks',
        subject: '',
        data: { validationCode: expect.any(String), validationUrl: expect.stringContaining('/_emulator/webhooks/eg/validate?validationCode=') },
        eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        eventTime: expect.stringMatching(/\.\d{7}Z$/),
        metadataVersion: '1',
        dataVersion: '1',
      },
    ]);
  });

  it('waits for a manual validation when the endpoint does not echo the code; a GET on the validation URL completes it', async () => {
    receiver.answer(202);
    const subscription = await emulator.webhooks.configure('manual', { url: receiver.url });
    expect(subscription).toMatchObject({ status: 'AwaitingManualValidation', validationDetail: 'the endpoint answered 202' });
    const validationUrl: string = receiver.received[0]!.body[0].data.validationUrl;
    expect((await raw(emulator, 'GET', validationUrl.replace(/^https:\/\/[^/]+/, ''))).body).toMatchObject({ status: 'Active' });
    expect((await raw(emulator, 'GET', validationUrl.replace(/^https:\/\/[^/]+/, ''))).status).toBe(404);
  });

  it('runs the CloudEvents OPTIONS handshake; an endpoint that does not grant the origin is not delivered to', async () => {
    expect(await emulator.webhooks.configure('ce', { url: receiver.url, schema: 'CloudEvents' })).toMatchObject({ status: 'Active' });
    expect(receiver.received[0]).toMatchObject({ method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net', 'webhook-request-rate': '120' } });
    receiver.refuseOrigin();
    expect(await emulator.webhooks.configure('ce2', { url: receiver.url, schema: 'CloudEvents' })).toMatchObject({ status: 'ValidationFailed' });
  });

  it('publishes NodePoolRollingStarted and NodePoolRollingSucceeded around a pool upgrade, shaped as the published examples', async () => {
    await emulator.webhooks.configure('eg', { url: receiver.url, audience: 'api://fleetplane' });
    receiver.reset();
    await client.agentPools.beginUpgradeNodeImageVersionAndWait(rg, 'pub1', 'system', fast);
    await emulator.webhooks.idle();
    // Deliveries run concurrently (Event Grid promises no order either): compared sorted.
    const events = receiver.notifications().map((request) => request.body[0]);
    expect(events.map((event) => event.eventType).sort()).toEqual(['Microsoft.ContainerService.NodePoolRollingStarted', 'Microsoft.ContainerService.NodePoolRollingSucceeded']);
    const published = fixture('eventgrid/event-grid-schema/node_pool_rolling_succeeded.json');
    for (const event of events) {
      expect(keysOf(event)).toEqual(keysOf(published));
      expect(event).toMatchObject({ topic: clusterPath(rg, 'pub1'), subject: 'pub1', data: { nodePoolName: 'system' }, dataVersion: '1', metadataVersion: '1' });
      expect(event.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    }
    expect(receiver.notifications()[0]?.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'aeg-event-type': 'Notification', authorization: 'Bearer token-for-api://fleetplane' });
  });

  it('publishes NodePoolRollingFailed when a PDB fails the upgrade', async () => {
    await emulator.webhooks.configure('eg', { url: receiver.url, eventTypes: ['Microsoft.ContainerService.NodePoolRollingFailed'] });
    await client.agentPools.createOrUpdate(rg, 'pub1', 'work', { mode: 'User', vmSize: 'Standard_D4s_v5', orchestratorVersion: '1.35.5', count: 2, upgradeSettings: { maxSurge: '1' } }, fast);
    emulator.declarePdb(SUB, rg, 'pub1', { name: 'api-pdb', pools: ['work'] });
    await expect(client.agentPools.createOrUpdate(rg, 'pub1', 'work', { orchestratorVersion: '1.36.1' }, fast)).rejects.toThrow(/UpgradeFailed/);
    emulator.clearPdbs(SUB, rg, 'pub1');
    await emulator.webhooks.idle();
    expect(receiver.notifications().map((request) => [request.body[0].eventType, request.body[0].data])).toEqual([['Microsoft.ContainerService.NodePoolRollingFailed', { nodePoolName: 'work' }]]);
  });

  it('publishes NewKubernetesVersionAvailable to every cluster when a version is published, as a CloudEvent when asked', async () => {
    await emulator.webhooks.configure('ce', { url: receiver.url, schema: 'CloudEvents' });
    receiver.reset();
    expect((await raw(emulator, 'POST', '/_emulator/kubernetes-versions', { version: '1.37.4' })).status).toBe(204);
    await emulator.webhooks.idle();
    const [delivery] = receiver.notifications();
    expect(receiver.notifications()).toHaveLength(1);
    expect(delivery?.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    const published = fixture('eventgrid/cloud-events-schema/new_kubernetes_version_available.json');
    expect(keysOf(delivery!.body)).toEqual(keysOf(published).map((key) => (key === 'specVersion' ? 'specversion' : key)).sort());
    expect(delivery?.body).toMatchObject({
      source: clusterPath(rg, 'pub1'),
      subject: 'pub1',
      type: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
      specversion: '1.0',
      data: { latestSupportedKubernetesVersion: '1.37.4', latestStableKubernetesVersion: '1.36.2', lowestMinorKubernetesVersion: '1.33.6', latestPreviewKubernetesVersion: '1.38.0' },
    });
  });

  it('publishes ClusterSupportEnding and ClusterSupportEnded on an admin call', async () => {
    await emulator.webhooks.configure('eg', { url: receiver.url });
    receiver.reset();
    expect((await raw(emulator, 'POST', `/_emulator/clusters/${SUB}/${rg}/pub1/support`, { ended: false })).status).toBe(202);
    expect((await raw(emulator, 'POST', `/_emulator/clusters/${SUB}/${rg}/pub1/support`, { ended: true })).status).toBe(202);
    await emulator.webhooks.idle();
    expect(receiver.notifications().map((request) => [request.body[0].eventType, request.body[0].data]).sort()).toEqual([
      ['Microsoft.ContainerService.ClusterSupportEnded', { kubernetesVersion: '1.36.1' }],
      ['Microsoft.ContainerService.ClusterSupportEnding', { kubernetesVersion: '1.36.1' }],
    ]);
  });

  it('fires and resolves a common-schema alert (one alert id), shaped as the published metric alert', async () => {
    await emulator.webhooks.configure('ag', { kind: 'alerts', url: receiver.url });
    const alert = { subscriptionId: SUB, resourceGroup: rg, clusterName: 'pub1', alertRule: 'aks-node-cpu' };
    expect((await raw(emulator, 'POST', '/_emulator/alerts', { ...alert, monitorCondition: 'Resolved' })).status).toBe(404);
    const fired = await raw(emulator, 'POST', '/_emulator/alerts', { ...alert, monitorCondition: 'Fired' });
    expect(fired).toMatchObject({ status: 202, body: { monitorCondition: 'Fired', subscriptions: 1 } });
    expect((await raw(emulator, 'POST', '/_emulator/alerts', { ...alert, monitorCondition: 'Resolved' })).body.alertId).toBe(fired.body.alertId);
    await emulator.webhooks.idle();
    const bodies = receiver.notifications().map((request) => request.body);
    const firedBody = bodies.find((body) => body.data.essentials.monitorCondition === 'Fired');
    const resolvedBody = bodies.find((body) => body.data.essentials.monitorCondition === 'Resolved');
    expect(bodies).toHaveLength(2);
    const published = fixture('monitor-alerts/common-alert-schema-metric.json');
    expect(keysOf(resolvedBody.data.essentials)).toEqual(keysOf(published.data.essentials));
    expect(keysOf(resolvedBody.data.alertContext)).toEqual(keysOf(published.data.alertContext));
    expect(firedBody.data.essentials).toMatchObject({ alertId: fired.body.alertId, monitorCondition: 'Fired', alertTargetIDs: [clusterPath(rg, 'pub1').toLowerCase()], signalType: 'Metric', severity: 'Sev2' });
    expect(firedBody.data.essentials.resolvedDateTime).toBeUndefined();
    expect(resolvedBody.data.essentials).toMatchObject({ alertId: fired.body.alertId, monitorCondition: 'Resolved', resolvedDateTime: expect.stringMatching(/Z$/) });
  });

  it('retries 5xx and timeouts a few times, stops at 400/401/403/413, and logs each delivery', async () => {
    await emulator.webhooks.configure('eg', { url: receiver.url });
    const support = () => raw(emulator, 'POST', `/_emulator/clusters/${SUB}/${rg}/pub1/support`, { ended: false });
    receiver.answer(500, 503, 200);
    await support();
    await emulator.webhooks.idle();
    receiver.answer(401);
    await support();
    await emulator.webhooks.idle();
    receiver.answer(500, 500, 500, 500);
    await support();
    await emulator.webhooks.idle();
    const log = (await raw(emulator, 'GET', '/_emulator/webhooks/deliveries?wait=true')).body.value.filter((entry: { subscriptionId: string }) => entry.subscriptionId === 'eg').slice(-3);
    expect(log.map((entry: { outcome: string; statuses: number[] }) => [entry.outcome, entry.statuses])).toEqual([
      ['delivered', [500, 503, 200]],
      ['dropped', [401]],
      ['exhausted', [500, 500, 500, 500]],
    ]);
  });
});

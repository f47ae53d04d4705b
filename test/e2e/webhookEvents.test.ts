import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSenderToken } from '../../local/dev-issuer';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../emulator/harness';
import { fleetplaneCaller } from '../reliability/support/fleetplaneCaller';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import { fixture } from '../unit/webhookEvents/fixtures';

const AUDIENCE = 'api://fleetplane-webhooks-e2e';
const RG = 'rg-hooks';
const CLUSTER = 'hooks-1';
const UNREGISTERED = 'hooks-2';
const OTHER_SUB = '11111111-2222-3333-4444-555555555555';
const TOPIC = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.EventGrid/systemTopics/aks`;

async function waitFor<T>(read: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`not met in ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Issue #13, inbound: the AKS emulator as Event Grid and an action group, delivering to the compiled app on the
 * local host (Azurite, dev-issuer tokens with the app role Fleet.Webhook): the handshakes, an AKS event from a
 * pool upgrade reaching the inventory and the update-run port, a duplicate done once, 401 without a token, and
 * an alert reaching the autoscale and health-gate ports.
 */
describe('inbound webhooks through the local host, the emulator publishing', () => {
  let stack: FleetStack;
  let sender: string;
  let owner: string;
  const call = fleetplaneCaller(() => stack.host.origin);
  const eventGridUrl = () => `${stack.host.origin}/api/webhooks/eventgrid`;
  const armGets = () => stack.emulator.counters()['managedClusters.get'] ?? 0;
  const processedLines = (action: string) => stack.host.output().split('\n').filter((line) => line.includes('Inbound action done') && line.includes(`"action":"${action}"`));

  function rollingEvent(id = randomBytes(20).toString('hex')) {
    return { ...fixture('eventgrid/event-grid-schema/node_pool_rolling_succeeded.json', { resourceGroup: RG, cluster: CLUSTER }), id, data: { nodePoolName: 'system' } };
  }

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      prepare: async (emulator) => {
        for (const name of [CLUSTER, UNREGISTERED]) {
          expect((await raw(emulator, 'PUT', withApi(clusterPath(RG, name)), basicCluster())).status).toBe(201);
        }
        emulator.advanceClock(3_600);
      },
    });
    [sender, owner] = await Promise.all([webhookSenderToken(stack.issuer, AUDIENCE), stack.token({ role: 'Owner' })]);
  }, 90_000);
  afterAll(() => stack?.stop());

  it('answers the CloudEvents OPTIONS handshake for Event Grid only', async () => {
    const subscription = await stack.emulator.webhooks.configure('cloudevents', { url: eventGridUrl(), schema: 'CloudEvents', audience: AUDIENCE });
    expect(subscription).toMatchObject({ status: 'Active' });
    stack.emulator.webhooks.remove('cloudevents');

    const granted = await fetch(eventGridUrl(), { method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net', 'webhook-request-rate': '120' } });
    expect(granted.status).toBe(200);
    expect(Object.fromEntries([...granted.headers].filter(([name]) => name.startsWith('webhook-')))).toEqual({ 'webhook-allowed-origin': 'eventgrid.azure.net', 'webhook-allowed-rate': '120' });
    const refused = await fetch(eventGridUrl(), { method: 'OPTIONS', headers: { 'webhook-request-origin': 'evil.example' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('webhook-allowed-origin')).toBeNull();
  });

  it('answers the Event Grid validation handshake for a fleet topic, audits its validationUrl, and refuses a foreign topic without echoing', async () => {
    expect(await stack.emulator.webhooks.configure('events', { url: eventGridUrl(), schema: 'EventGrid', audience: AUDIENCE, topic: TOPIC })).toMatchObject({ status: 'Active' });
    const foreign = await stack.emulator.webhooks.configure('foreign', { url: eventGridUrl(), audience: AUDIENCE, topic: TOPIC.replace(SUB, OTHER_SUB) });
    expect(foreign).toMatchObject({ status: 'AwaitingManualValidation', validationDetail: 'the endpoint answered 403' });
    stack.emulator.webhooks.remove('foreign');
    const direct = await call('POST', 'webhooks/eventgrid', sender, [
      { id: 'v1', topic: TOPIC.replace(SUB, OTHER_SUB), subject: '', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', eventTime: '2026-12-06T18:00:00Z', dataVersion: '1', data: { validationCode: 'CODE-NOT-TO-ECHO' } },
    ]);
    expect(direct.status).toBe(403);
    expect(JSON.stringify(direct.body)).not.toContain('CODE-NOT-TO-ECHO');

    const audit = await call('GET', `auditEvents?pageSize=200&from=${new Date(Date.now() - 3_600_000).toISOString()}`, owner);
    const validations = (audit.body.value as { action: string; target: string; reason?: string; status: number; caller?: { kind: string } }[]).filter(
      (event) => event.action === 'receiveEventGridEvents' && event.target.includes('systemTopics'),
    );
    expect(validations.map((event) => event.status).sort()).toEqual([200, 403, 403]);
    const answered = validations.find((event) => event.status === 200);
    expect(answered).toMatchObject({ target: TOPIC, caller: { kind: 'servicePrincipal' } });
    expect(answered?.reason).toMatch(/validationUrl: https:\/\/127\.0\.0\.1:\d+\/_emulator\/webhooks\/events\/validate\?/);
  });

  it('answers a delivery without a valid token 401, one from a user (not a webhook sender) 403, and a body that is not JSON 415', async () => {
    const body = [rollingEvent()];
    expect((await call('POST', 'webhooks/eventgrid', undefined, body)).status).toBe(401);
    expect((await call('POST', 'webhooks/eventgrid', 'not-a-token', body)).status).toBe(401);
    const user = await call('POST', 'webhooks/eventgrid', owner, body);
    expect(user.status).toBe(403);
    expect(user.body.detail).toMatch(/missing_app_role/);
    expect((await call('POST', 'webhooks/eventgrid', sender, body, { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('a pool upgrade in the emulator: NodePoolRollingStarted/Succeeded delivered, the cluster refreshed into the inventory and the update-run port called', async () => {
    expect((await call('GET', 'clusters', owner)).body.value).toEqual([]);
    const upgrade = await raw(stack.emulator, 'POST', withApi(`${clusterPath(RG, CLUSTER)}/agentPools/system/upgradeNodeImageVersion`));
    expect(upgrade.status).toBe(202);
    stack.emulator.advanceClock(3_600);
    await stack.emulator.webhooks.idle();
    // Delivered concurrently, as Event Grid does (no order): compared as a set.
    const deliveries = stack.emulator.webhooks.deliveries().filter((delivery) => delivery.subscriptionId === 'events');
    expect(deliveries.map((delivery) => [delivery.type, delivery.outcome, delivery.statuses]).sort()).toEqual([
      ['Microsoft.ContainerService.NodePoolRollingStarted', 'delivered', [200]],
      ['Microsoft.ContainerService.NodePoolRollingSucceeded', 'delivered', [200]],
    ]);

    const listed = await waitFor(() => call('GET', 'clusters', owner), (result) => result.body.value.length === 1);
    expect(listed.body.value[0]).toMatchObject({ name: CLUSTER, resourceGroup: RG });
    await waitFor(() => processedLines('nodePoolRolling'), (lines) => lines.length === 2);
    expect(processedLines('nodePoolRolling').join('\n')).toContain(clusterPath(RG, CLUSTER));
  });

  it('a duplicate delivery does nothing twice, even three at once', async () => {
    const event = rollingEvent();
    const before = armGets();
    const first = await call('POST', 'webhooks/eventgrid', sender, [event]);
    expect(first.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
    await waitFor(armGets, (gets) => gets === before + 1);

    const again = await Promise.all([1, 2, 3].map(() => call('POST', 'webhooks/eventgrid', sender, [event])));
    expect(again.map((result) => [result.status, result.body])).toEqual(Array.from({ length: 3 }, () => [200, { accepted: 0, duplicates: 1, ignored: 0 }]));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(armGets()).toBe(before + 1);
  });

  it('an alert on a registered cluster reaches the autoscale and health-gate ports; one on an unregistered cluster is ignored without an ARM call', async () => {
    await stack.emulator.webhooks.configure('actiongroup', { kind: 'alerts', url: `${stack.host.origin}/api/webhooks/alerts`, audience: AUDIENCE });
    const fired = await raw(stack.emulator, 'POST', '/_emulator/alerts', { subscriptionId: SUB, resourceGroup: RG, clusterName: CLUSTER, alertRule: 'aks-node-cpu', monitorCondition: 'Fired' });
    expect(fired.body).toMatchObject({ monitorCondition: 'Fired', subscriptions: 1 });
    await stack.emulator.webhooks.idle();
    expect(stack.emulator.webhooks.deliveries().filter((delivery) => delivery.subscriptionId === 'actiongroup').map((delivery) => delivery.statuses)).toEqual([[202]]);
    await waitFor(() => [...processedLines('requestEvaluation'), ...processedLines('alertHealthGate')], (lines) => lines.length === 2);

    const before = stack.emulator.requestsSeen();
    const ignored = await call('POST', 'webhooks/alerts', sender, (() => {
      const alert = fixture('monitor-alerts/common-alert-schema-metric.json');
      alert.data.essentials.alertTargetIDs = [clusterPath(RG, UNREGISTERED).toLowerCase()];
      return alert;
    })());
    expect([ignored.status, ignored.body]).toEqual([202, { status: 'ignored', clusters: 0 }]);
    expect(stack.emulator.requestsSeen()).toBe(before);
  });

  it('never writes token material to the logs', () => {
    const output = stack.host.output();
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(output).not.toMatch(/Bearer [A-Za-z0-9]/);
  });
});

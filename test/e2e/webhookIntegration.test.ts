import { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { clusterPath, raw, SUB, withApi } from '../emulator/harness';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import { WebhookReceiver } from '../support/webhookReceiver';
import { RESOURCE_GROUP, apiOf, clusterRoute, createCluster, createWorkspace, decisionsOf, type Api } from './support/autoscaleStack';
import { waitFor } from './updateRuns/updateRunStack';

const AUDIENCE = 'api://fleetplane-webhook-integration-e2e';
const OWNER = '0e000000-0000-4000-8000-0000000000b1';
const TOPIC = `/subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.EventGrid/systemTopics/aks`;
/** The update-run engine's poll: without an event's kick, a run in flight is not advanced for five minutes. */
const POLL_SECONDS = 300;
const OPERATION_CHECK_SECONDS = 60;
const ROLLING_SUCCEEDED = 'Microsoft.ContainerService.NodePoolRollingSucceeded';

/**
 * Issue #13's cross-feature rows through the local host (Azurite, the AKS emulator as Event Grid and as an action
 * group, real SDK clients): an alert on a cluster leads to an autoscale decision of its pool, that decision reaches a
 * subscription's loopback receiver signed (verified with `standardwebhooks`), and an AKS NodePoolRollingSucceeded
 * event advances an update-run member long before the engine's poll would.
 */
describe('webhooks across features (alerts → autoscale → outbox; Event Grid → update runs)', () => {
  let stack: FleetStack;
  let emulator: RunningAksEmulator;
  let api: Api;
  let receiver: WebhookReceiver;
  /** What a failed wait shows: the inbound and autoscale work and any warning of the host. */
  const hostLines = () => stack.host.output().split('\n').filter((line) => /webhookEventsProcess|autoscaleCycle|"level":"(warn|warning|error)"/.test(line)).slice(-12).map((line) => line.slice(0, 500));

  beforeAll(async () => {
    receiver = await WebhookReceiver.start('http');
    stack = await startFleetStack({
      audience: AUDIENCE,
      // Retry-After 60 s: the operations queue checks a running operation once a minute, so an update-run member that
      // ends well inside that was advanced by the AKS event's kick (which refreshes its operation from ARM).
      emulator: { speed: 0, clockStart: Date.parse('2026-12-07T10:00:00Z'), retryAfterSeconds: OPERATION_CHECK_SECONDS },
      monitoring: true,
      env: (emu) => ({
        FLEETPLANE_VIRTUAL_CLOCK_URL: `${emu.baseUrl}/_emulator/clock`,
        // The default cycle period (a minute of the frozen virtual clock): after the first, no cycle runs while the clock stands.
        FLEETPLANE_AUTOSCALE_CYCLE_SECONDS: '60',
        FLEETPLANE_UPDATERUNS_POLL_SECONDS: String(POLL_SECONDS),
        FLEETPLANE_WEBHOOK_RETRY_BASE_SECONDS: '1',
        FLEETPLANE_WEBHOOK_RETRY_MAX_DELAY_SECONDS: '1',
      }),
      prepare: async (emu) => {
        await createWorkspace(emu);
        await createCluster(emu, 'demo', { user: 2 });
        await createCluster(emu, 'rolling', {});
        // Before time passes: the default workload's API clients would leave deprecated-API calls (a blocking preflight problem).
        for (const name of ['demo', 'rolling']) emu.workload.set(SUB, RESOURCE_GROUP, name, { apiClients: [] });
        emu.advanceClock(30 * 60);
      },
    });
    emulator = stack.emulator;
    api = apiOf(stack.host, await stack.token({ role: 'Owner', oid: OWNER }));
    const origin = stack.host.origin;
    // Only NodePoolRollingSucceeded: the member can then have been advanced by that event's kick alone.
    const events = { url: `${origin}/api/webhooks/eventgrid`, schema: 'EventGrid' as const, audience: AUDIENCE, topic: TOPIC, eventTypes: [ROLLING_SUCCEEDED] };
    expect(await emulator.webhooks.configure('events', events)).toMatchObject({ status: 'Active' });
    await emulator.webhooks.configure('actiongroup', { kind: 'alerts', url: `${origin}/api/webhooks/alerts`, audience: AUDIENCE });
    // Inbound events act on registered clusters only.
    expect((await api('POST', 'clusters/sync')).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it('an alert on a cluster leads to an autoscale decision of its policy pool within one cycle, and the decision reaches a loopback receiver signed', async () => {
    const subscribed = await api('PUT', 'webhookSubscriptions/autoscale-chat', { url: receiver.url('/autoscale'), eventTypes: ['fleetplane.autoscale.decision', 'fleetplane.nodePool.scaled'] });
    expect(subscribed.status).toBe(201);
    const secret = subscribed.body.secret as string;
    const policy = await api('PUT', `${clusterRoute('demo')}/nodePools/user/autoscalePolicy`, { minNodes: 2, maxNodes: 8, targets: { cpuUtilizationPercent: 60 } });
    expect(policy.status, JSON.stringify(policy.body)).toBeLessThan(300);
    // Storing an enabled policy starts the idle cycle at once: its first batch decides for the pool.
    await waitFor(() => decisionsOf(api, 'demo', 'user'), (found) => found.some((d) => d.trigger === 'cycle'), 30_000, 'the first cycle decision', hostLines);

    const firedAt = Date.parse(emulator.now());
    const fired = await raw(emulator, 'POST', '/_emulator/alerts', { subscriptionId: SUB, resourceGroup: RESOURCE_GROUP, clusterName: 'demo', alertRule: 'aks-node-cpu', monitorCondition: 'Fired' });
    expect(fired.body).toMatchObject({ monitorCondition: 'Fired', subscriptions: 1 });
    await emulator.webhooks.idle();
    expect(emulator.webhooks.deliveries().filter((d) => d.subscriptionId === 'actiongroup').map((d) => d.statuses)).toEqual([[202]]);

    const decisions = await waitFor(() => decisionsOf(api, 'demo', 'user'), (found) => found.some((d) => d.trigger === 'alert'), 30_000, 'an alert decision for demo/user', hostLines);
    const decision = decisions.find((d) => d.trigger === 'alert');
    expect(decision).toMatchObject({ poolName: 'user', clusterResourceId: expect.stringMatching(/\/managedClusters\/demo$/i), reason: expect.stringContaining('aks-node-cpu') });
    // The virtual clock stood still: evaluated at the alert's minute, not a cycle later.
    expect(Date.parse(decision.evaluatedAt) - firedAt).toBeLessThan(60_000);
    // The clock stood still, so no second cycle came: the alert, not the cycle, decided again.
    expect(decisions.filter((d) => d.trigger === 'cycle').map((d) => d.cycle)).toEqual([1]);

    const isDecision = (body: string) => body.includes('fleetplane.autoscale.decision') && body.includes(decision.id);
    const [delivery] = await waitFor(() => Promise.resolve(receiver.received.filter((r) => r.headers['webhook-id'] && isDecision(r.body))), (found) => found.length > 0, 30_000, 'the decision event at the receiver');
    const event = new Webhook(secret).verify(delivery!.body, delivery!.headers) as Record<string, any>;
    expect(event).toMatchObject({ specversion: '1.0', type: 'fleetplane.autoscale.decision', subject: expect.stringMatching(/\/managedClusters\/demo\/agentPools\/user$/i), data: { id: decision.id, trigger: 'alert', poolName: 'user' } });
    expect(() => new Webhook(`whsec_${Buffer.from('not the secret, not the secret!!').toString('base64')}`).verify(delivery!.body, delivery!.headers)).toThrow();
  }, 90_000);

  it('an AKS NodePoolRollingSucceeded event from the emulator advances the update-run member without waiting for the poll', async () => {
    const clusterId = clusterPath(RESOURCE_GROUP, 'rolling');
    const created = await api('POST', 'updateRuns', { name: 'rolling-event', upgradeType: 'Full', kubernetesVersion: '1.36', members: { clusterIds: [clusterId] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const runId = created.body.id as string;
    const started = await api('POST', `updateRuns/${runId}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(202); // the start preflight is queued; it starts the run
    const run = () => api('GET', `updateRuns/${runId}`);
    const member = (answer: { body: any }) => answer.body.members[0];

    // The first advance starts the stage and group; the member would start at the next poll. Advance messages (what
    // the repair timer sends) until the step is submitted; from then on only the poll, or an event, advances the run.
    const advanceQueue = new QueueClient(inject('storageConnectionString'), `${stack.tablePrefix.toLowerCase()}-updateruns`);
    await waitFor(run, (a) => a.body.stages[0].groups[0].status === 'Running', 30_000, 'group started', (a) => a.body);
    expect(member(await run()).status).toBe('NotStarted');
    await advanceQueue.sendMessage(Buffer.from(JSON.stringify({ runId })).toString('base64'));
    await waitFor(run, (a) => member(a).status === 'Running' && member(a).steps[0]?.operationId !== undefined, 30_000, 'member running', (a) => a.body.members);
    await waitFor(() => raw(emulator, 'GET', withApi(clusterId)), (a) => a.body?.properties?.provisioningState === 'Upgrading', 30_000, 'the emulator upgrading', (a) => a.body?.properties);
    expect(member(await run()).rolling).toBeUndefined();

    const before = emulator.webhooks.deliveries().length;
    emulator.advanceClock(3_600);
    await emulator.webhooks.idle();
    const rollingDeliveries = emulator.webhooks.deliveries().slice(before).filter((d) => d.subscriptionId === 'events' && d.type.includes('NodePoolRolling'));
    expect(rollingDeliveries.map((d) => [d.type, d.outcome, d.statuses])).toEqual([[ROLLING_SUCCEEDED, 'delivered', [200]]]);

    const kickedAt = Date.now();
    const advanced = await waitFor(run, (a) => member(a).status === 'Succeeded', 60_000, 'member advanced by the event', (a) => a.body);
    // Well inside the engine's poll and the operation's next check: the event's kick (and its ARM refresh) advanced it.
    expect(Date.now() - kickedAt).toBeLessThan(OPERATION_CHECK_SECONDS * 1000 / 4);
    expect(member(advanced).rolling).toMatchObject({ pool: 'system', drain: 'Done' });
    expect(member(advanced).steps[0]).toMatchObject({ status: 'Succeeded' });
  }, 120_000);
});

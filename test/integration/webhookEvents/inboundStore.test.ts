import { randomUUID } from 'node:crypto';
import { QueueClient } from '@azure/storage-queue';
import { describe, expect, inject, it } from 'vitest';
import type { InboundAction } from '../../../shared/domain/webhookEvents';
import { acceptInbound, type InboundIntake } from '../../../shared/features/webhookEvents/acceptInbound';
import { InboundEventStore } from '../../../shared/features/webhookEvents/inboundEventStore';
import type { InboundPorts } from '../../../shared/features/webhookEvents/inboundPorts';
import type { InboundMessage } from '../../../shared/features/webhookEvents/inboundQueue';
import { processInbound } from '../../../shared/features/webhookEvents/processInbound';
import { invocationLogger } from '../../../shared/platform/observability/logger';
import { InvocationContext } from '@azure/functions';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1';
const ACTIONS: InboundAction[] = [
  { kind: 'refreshCluster', clusterResourceId: CLUSTER },
  { kind: 'nodePoolRolling', clusterResourceId: CLUSTER, nodePool: 'np1', status: 'Succeeded', eventId: 'e1', time: '2026-12-06T18:00:00Z' },
];

function intake(): InboundIntake & { queueClient: QueueClient } {
  const storage = testStorage();
  const prefix = uniqueTablePrefix();
  const queueName = `${prefix.toLowerCase()}-inbound`;
  return {
    store: new InboundEventStore(storage.tableClient(`${prefix}inbound`)),
    queue: storage.queue<InboundMessage>(queueName),
    queueClient: new QueueClient(inject('storageConnectionString'), queueName),
    now: () => new Date('2026-12-06T18:00:00Z'),
  };
}

const draft = (dedupeKey = `eventgrid|${randomUUID()}`) => ({ dedupeKey, kind: 'event' as const, type: 'Microsoft.ContainerService.NodePoolRollingSucceeded', subject: CLUSTER, actions: ACTIONS });

async function messagesOn(queue: QueueClient): Promise<InboundMessage[]> {
  const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 1 });
  return receivedMessageItems.map((item) => JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8')) as InboundMessage);
}

/** The ports other features will implement, recorded: this test is about what the feature calls, in which order. */
function recordingPorts(failing = new Set<string>()): InboundPorts & { calls: string[] } {
  const calls: string[] = [];
  const record = (name: string) => () => {
    calls.push(name);
    return failing.has(name) ? Promise.reject(new Error(`${name} is down`)) : Promise.resolve();
  };
  return {
    calls,
    refreshCluster: record('refreshCluster'),
    refreshVersionCatalogues: record('refreshVersionCatalogues'),
    isRegisteredCluster: () => Promise.resolve(true),
    emitEvent: record('emitEvent'),
    onNodePoolRollingEvent: record('onNodePoolRollingEvent'),
    onAlert: record('onAlert'),
    requestEvaluation: record('requestEvaluation'),
  };
}

const log = invocationLogger(new InvocationContext(), {}, 'error');

describe('inbound events in Table storage and the inbound queue (Azurite)', () => {
  it('stores a new event and queues it once; the same fact again is a duplicate with no second message', async () => {
    const deps = intake();
    const fact = draft();
    expect(await acceptInbound(deps, fact)).toBe('accepted');
    expect(await acceptInbound(deps, fact)).toBe('duplicate');
    expect(await acceptInbound(deps, { ...fact, type: 'changed' })).toBe('duplicate');
    const messages = await messagesOn(deps.queueClient);
    expect(messages).toEqual([InboundEventStore.keyOf(fact.dedupeKey)]);
    expect((await deps.store.get(messages[0]!))?.value).toMatchObject({ status: 'queued', dedupeKey: fact.dedupeKey, actions: ACTIONS });
  });

  it('concurrent deliveries of one event make one row (a conditional insert): exactly one is new', async () => {
    const deps = intake();
    const record = { ...draft(), status: 'received' as const, receivedAt: '2026-12-06T18:00:00Z' };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => deps.store.receive(record)));
    expect(outcomes.filter((received) => received.outcome === 'new')).toHaveLength(1);
  });

  it('queues again a stored event whose message was never known to be sent (the sender retried after a 503)', async () => {
    const deps = intake();
    const fact = draft();
    await deps.store.receive({ ...fact, status: 'received', receivedAt: '2026-12-06T18:00:00Z' });
    expect(await acceptInbound(deps, fact)).toBe('accepted');
    expect(await messagesOn(deps.queueClient)).toEqual([InboundEventStore.keyOf(fact.dedupeKey)]);
  });

  it('processes the actions in order once; a second message for it does nothing', async () => {
    const deps = intake();
    const fact = draft();
    await acceptInbound(deps, fact);
    const ports = recordingPorts();
    const message = InboundEventStore.keyOf(fact.dedupeKey);
    expect(await processInbound({ ...deps, ports, log }, message)).toBe('processed');
    expect(await processInbound({ ...deps, ports, log }, message)).toBe('alreadyProcessed');
    expect(ports.calls).toEqual(['refreshCluster', 'onNodePoolRollingEvent']);
    expect((await deps.store.get(message))?.value).toMatchObject({
      status: 'processed',
      processedAt: '2026-12-06T18:00:00.000Z',
      outcomes: [{ kind: 'refreshCluster', ok: true }, { kind: 'nodePoolRolling', ok: true }],
    });
    expect(await acceptInbound(deps, fact)).toBe('duplicate');
  });

  it('a failing action fails the message (it comes back), the other actions still run, and a retry completes it', async () => {
    const deps = intake();
    const fact = draft();
    await acceptInbound(deps, fact);
    const message = InboundEventStore.keyOf(fact.dedupeKey);
    const down = recordingPorts(new Set(['refreshCluster']));
    await expect(processInbound({ ...deps, ports: down, log }, message)).rejects.toThrow(/1 of 2 actions/);
    expect(down.calls).toEqual(['refreshCluster', 'onNodePoolRollingEvent']);
    expect((await deps.store.get(message))?.value.status).toBe('queued');
    const back = recordingPorts();
    expect(await processInbound({ ...deps, ports: back, log }, message)).toBe('processed');
  });

  it('a message naming nothing stored is dropped with a warning, not retried', async () => {
    const deps = intake();
    expect(await processInbound({ ...deps, ports: recordingPorts(), log }, { partitionKey: 'inbound-00', rowKey: '00' })).toBe('missing');
  });
});

/**
 * `node dist/bench/webhookOutbox.js` (after a build): what `emitEvent` costs the feature that calls it, over Azurite.
 * Each emit stores the event (with its stream's sequence number, an ETag'd counter row), creates one delivery row
 * and one queue message per matching subscription, and marks the event planned. Prints the emit latency (p50/p99)
 * with 0, 1 and 5 matching subscriptions, and with WRITERS emitters racing on one stream (sequence contention).
 * Azurite on loopback is the floor of a real account, where each round trip is milliseconds.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startAzurite } from '../local/azurite/startAzurite';
import { DeliveryStore } from '../shared/features/webhooks/deliveryStore';
import { EventStore } from '../shared/features/webhooks/eventStore';
import { Outbox } from '../shared/features/webhooks/outbox';
import { SubscriptionStore } from '../shared/features/webhooks/subscriptionStore';
import type { DeliveryMessage } from '../shared/features/webhooks/deliveryQueue';
import { SecretKeyRing } from '../shared/platform/secrets/secretEnvelope';
import { parseSettings } from '../shared/platform/settings/settings';
import { StorageAccount } from '../shared/platform/storage/storageAccount';
import { percentile } from './support/percentile';

const EMITS = Number(process.env.BENCH_EMITS ?? 100);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 4);
const CLUSTER = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c';

function outboxOver(storage: StorageAccount, prefix: string): { outbox: Outbox; subscriptions: SubscriptionStore } {
  const table = (name: string) => storage.tableClient(`${prefix}${name}`);
  const subscriptions = new SubscriptionStore(table('subs'), new SecretKeyRing({ id: 'bench', key: randomBytes(32) }));
  const outbox = new Outbox({
    events: new EventStore(table('events')),
    deliveries: new DeliveryStore(table('deliveries')),
    subscriptions,
    queue: storage.queue<DeliveryMessage>(`${prefix.toLowerCase()}-webhooks`),
    now: () => new Date(),
  });
  return { outbox, subscriptions };
}

async function subscribe(subscriptions: SubscriptionStore, count: number): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    await subscriptions.create({
      id: `bench-${i}`,
      url: 'https://hooks.example.com/',
      eventTypes: ['fleetplane.cluster.updated'],
      scope: 'tenant',
      enabled: true,
      owner: { tenantId: 't', objectId: 'o', kind: 'user', appRoles: [], groups: [], groupsOverage: false },
      secrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: now }],
      createdAt: now,
      updatedAt: now,
    });
  }
}

async function emits(outbox: Outbox, writers: number): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = 0; i < EMITS / writers; i++) {
        const started = performance.now();
        await outbox.emit({ type: 'fleetplane.cluster.updated', subject: CLUSTER, data: { change: 'bench' } });
        samples.push(performance.now() - started);
      }
    }),
  );
  return samples;
}

const show = (name: string, samples: number[]) =>
  console.log(`${name.padEnd(40)} p50 ${percentile(samples, 50).toFixed(1)} ms  p99 ${percentile(samples, 99).toFixed(1)} ms`);

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const storage = new StorageAccount(parseSettings({ AzureWebJobsStorage: azurite.connectionString, FLEETPLANE_MODE: 'local' }));
    for (const count of [0, 1, 5]) {
      const { outbox, subscriptions } = outboxOver(storage, `benchwh${count}`);
      await subscribe(subscriptions, count);
      await emits(outbox, 1); // warm-up: tables and queue created
      show(`emit, ${count} matching subscription(s)`, await emits(outbox, 1));
    }
    const { outbox } = outboxOver(storage, 'benchwhrace');
    await emits(outbox, 1);
    show(`emit, ${WRITERS} emitters on one stream`, await emits(outbox, WRITERS));
  } finally {
    await azurite.stop();
  }
}

void main();

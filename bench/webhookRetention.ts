/**
 * `node dist/bench/webhookRetention.js` (after a build): what one `webhookRetention` run costs over Azurite. Seeds
 * ROWS finished deliveries (over 5 subscriptions) and ROWS events past retention, plus Pending deliveries that must
 * stay, then times one run (bounded at 2,000 rows per table) and two runs at once on a fresh copy. Azurite on
 * loopback is the floor of a real account.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startAzurite } from '../local/azurite/startAzurite';
import { deliveryIdOf } from '../shared/features/webhooks/deliveryRecord';
import { DeliveryStore } from '../shared/features/webhooks/deliveryStore';
import { EventStore } from '../shared/features/webhooks/eventStore';
import { pruneWebhookHistory } from '../shared/features/webhooks/pruneWebhookHistory';
import { parseSettings } from '../shared/platform/settings/settings';
import { StorageAccount } from '../shared/platform/storage/storageAccount';
import { runBounded } from '../shared/platform/concurrency/runBounded';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000);
const DAY = 86_400_000;
const RETENTION = { retentionMs: 30 * DAY, eventGraceMs: 4 * DAY, maxRowsPerRun: 2_000 };

async function seed(storage: StorageAccount, prefix: string) {
  const events = new EventStore(storage.tableClient(`${prefix}events`));
  const deliveries = new DeliveryStore(storage.tableClient(`${prefix}deliveries`));
  const old = Date.now() - 60 * DAY;
  await runBounded(Array.from({ length: ROWS }, (_, i) => async () => {
    const time = new Date(old + i).toISOString();
    const id = randomUUID();
    await events.createOrGet({ id, type: 'fleetplane.cluster.updated', subject: '/c', time, data: {}, orderingKey: '/c', sequence: i + 1, deliveriesPlanned: true });
    const status = i % 50 === 0 ? 'Pending' : 'Delivered';
    await deliveries.createIfAbsent({
      id: deliveryIdOf(time, id), subscriptionId: `s${i % 5}`, eventId: id, eventType: 'fleetplane.cluster.updated', subject: '/c', sequence: i + 1,
      status, createdAt: time, updatedAt: time, roundStartedAt: time, attemptCount: 1, roundFailures: 0, attempts: [],
      ...(status === 'Pending' ? { nextAttemptAt: new Date().toISOString() } : {}),
    });
  }), 16);
  return { events, deliveries };
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const storage = new StorageAccount(parseSettings({ AzureWebJobsStorage: azurite.connectionString, FLEETPLANE_MODE: 'local' }));
    const one = await seed(storage, 'benchret1');
    let started = performance.now();
    const result = await pruneWebhookHistory({ ...one, now: () => new Date(), retention: RETENTION });
    let ms = performance.now() - started;
    console.log(`one run: ${result.deliveries} deliveries + ${result.events} events deleted in ${ms.toFixed(0)} ms (${(((result.deliveries + result.events) / ms) * 1000).toFixed(0)} rows/s), more=${result.more}`);
    const two = await seed(storage, 'benchret2');
    started = performance.now();
    const both = await Promise.all([1, 2].map(() => pruneWebhookHistory({ ...two, now: () => new Date(), retention: RETENTION })));
    ms = performance.now() - started;
    console.log(`two runs at once: ${ms.toFixed(0)} ms, each reported ${both.map((r) => `${r.deliveries}+${r.events}`).join(' / ')}`);
  } finally {
    await azurite.stop();
  }
}

void main();

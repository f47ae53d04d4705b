import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InboundEventStore } from '../../../shared/features/webhookEvents/inboundEventStore';
import type { InboundRecord } from '../../../shared/features/webhookEvents/inboundRecord';
import { pruneInbound, type InboundRetention } from '../../../shared/features/webhookEvents/pruneInbound';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const HOUR = 3_600_000;
const RETENTION: InboundRetention = { dedupeMs: 48 * HOUR, unprocessedMs: 30 * 24 * HOUR, maxRowsPerRun: 1_000 };

/** Inbound dedupe rows over Azurite: a processed row goes after the dedupe horizon, an unprocessed one much later. */
describe('inbound dedupe row retention (Azurite)', () => {
  function store() {
    const table = testStorage().tableClient(`${uniqueTablePrefix()}inbound`);
    return { table, store: new InboundEventStore(table) };
  }

  const record = (receivedAt: Date, status: InboundRecord['status']): InboundRecord => ({
    dedupeKey: `eventgrid|${randomUUID()}`,
    kind: 'event',
    type: 'Microsoft.ContainerService.NodePoolRollingSucceeded',
    subject: '/c',
    status,
    receivedAt: receivedAt.toISOString(),
    actions: [],
  });

  async function receive(target: InboundEventStore, receivedAt: Date, status: InboundRecord['status']): Promise<InboundRecord> {
    const stored = record(receivedAt, status);
    await target.receive(stored);
    return stored;
  }

  const exists = async (target: InboundEventStore, stored: InboundRecord) => (await target.get(InboundEventStore.keyOf(stored.dedupeKey))) !== undefined;

  it('deletes processed rows past the dedupe horizon and unprocessed ones past retention; a redelivery within the horizon stays a duplicate', async () => {
    const { store: inbound } = store();
    const now = new Date();
    const processedOld = await receive(inbound, new Date(now.getTime() - 49 * HOUR), 'processed');
    const processedRecent = await receive(inbound, new Date(now.getTime() - 47 * HOUR), 'processed');
    const unprocessedOld = await receive(inbound, new Date(now.getTime() - 49 * HOUR), 'queued');
    const unprocessedAncient = await receive(inbound, new Date(now.getTime() - 31 * 24 * HOUR), 'received');

    expect(await pruneInbound({ store: inbound, now: () => now, retention: RETENTION })).toEqual({ processed: 1, unprocessed: 1, more: false });

    expect(await exists(inbound, processedOld)).toBe(false);
    expect(await exists(inbound, processedRecent)).toBe(true);
    expect(await exists(inbound, unprocessedOld)).toBe(true);
    expect(await exists(inbound, unprocessedAncient)).toBe(false);
    expect(await inbound.receive({ ...processedRecent, status: 'received' })).toEqual({ outcome: 'duplicate' });
  });

  it('finds rows written before the receivedAt column by their Timestamp', async () => {
    const { table, store: inbound } = store();
    const legacy = record(new Date(), 'processed');
    const key = InboundEventStore.keyOf(legacy.dedupeKey);
    await table.createTable().catch(() => undefined);
    // The layout before this change: status and kind columns, no receivedAt.
    await table.createEntity({ ...key, status: 'processed', kind: 'event', chunks: 1, data0: JSON.stringify(legacy) });
    expect(await exists(inbound, legacy)).toBe(true);
    expect(await pruneInbound({ store: inbound, now: () => new Date(), retention: RETENTION })).toMatchObject({ processed: 0 });
    expect(await exists(inbound, legacy)).toBe(true);

    const later = new Date(Date.now() + 49 * HOUR);
    expect(await pruneInbound({ store: inbound, now: () => later, retention: RETENTION })).toMatchObject({ processed: 1 });
    expect(await exists(inbound, legacy)).toBe(false);
  });

  it('two runs at once delete each old row once, without errors', async () => {
    const { store: inbound } = store();
    const now = new Date();
    const old = await Promise.all(Array.from({ length: 80 }, () => receive(inbound, new Date(now.getTime() - 72 * HOUR), 'processed')));
    const kept = await receive(inbound, now, 'processed');
    const run = () => pruneInbound({ store: inbound, now: () => now, retention: RETENTION });
    await Promise.all([run(), run()]);
    for (const stored of old) expect(await exists(inbound, stored)).toBe(false);
    expect(await exists(inbound, kept)).toBe(true);
  });
});

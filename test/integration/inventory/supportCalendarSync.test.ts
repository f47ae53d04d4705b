import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import type { InventoryFilters } from '../../../shared/features/inventory/inventoryFilters';
import { queryInventory } from '../../../shared/features/inventory/inventoryQuery';
import type { EndOfSupportDates } from '../../../shared/features/inventory/endOfSupportDates';
import { InventorySync } from '../../../shared/features/inventory/inventorySync';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { inventoryFor, seedFleet, startInventoryEmulator, SUB_A, SUB_B, type SeededCluster } from './inventoryFleet';

/** A fixed sync time, so that the days to each end of support are known here. */
const SYNC_TIME = new Date('2026-11-27T12:00:00.000Z');
const CALENDAR = {
  endOfSupport: { '1.32': '2026-03-31', '1.34': '2026-11-30', '1.35': '2027-03-31' },
  endOfLongTermSupport: { '1.33': '2027-07-31' },
  source: 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions',
};
const DAYS_BY_MINOR: Record<string, number> = { '1.32': -241, '1.34': 3, '1.35': 124 };

describe('the inventory sync with the version support calendar (Azurite + AKS emulator)', () => {
  let emulator: RunningAksEmulator;
  let fleet: SeededCluster[];
  let inventory: ReturnType<typeof inventoryFor>;
  let calendar: ReturnType<typeof inventoryFor>['calendar'];

  const minorOf = (version: string) => version.split('.').slice(0, 2).join('.');
  const syncAt = (time: Date, supportCalendar: () => Promise<EndOfSupportDates>) =>
    new InventorySync({
      store: inventory.store,
      containerService: (subscriptionId) => inventory.arm.containerService(subscriptionId),
      subscriptions: () => [SUB_A, SUB_B],
      clock: () => time,
      supportCalendar,
    }).run();
  const names = async (filters: InventoryFilters) =>
    (await queryInventory(inventory.store, { filters, pageSize: 200 })).value.map((record) => record.name).sort();
  const expectedNames = (predicate: (days: number | undefined) => boolean) =>
    fleet
      .filter((cluster) => predicate(DAYS_BY_MINOR[minorOf(cluster.version)]))
      .map((cluster) => cluster.name)
      .sort();

  beforeAll(async () => {
    emulator = await startInventoryEmulator();
    fleet = await seedFleet(emulator, 10);
    inventory = inventoryFor(emulator);
    calendar = inventory.calendar;
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('dates each cluster on a minor of the calendar, counted from the sync', async () => {
    await calendar.put(CALENDAR);
    const summary = await syncAt(SYNC_TIME, async () => (await calendar.get()).calendar);
    expect(summary).toMatchObject({ status: 'succeeded', supportCalendar: { status: 'succeeded' } });
    const records = (await queryInventory(inventory.store, { filters: {}, pageSize: 200 })).value;
    expect(records).toHaveLength(fleet.length);
    for (const record of records) {
      const minor = minorOf(record.kubernetesVersion ?? '');
      const days = DAYS_BY_MINOR[minor];
      if (days === undefined) {
        expect(record.radar, record.name).not.toHaveProperty('endOfSupport');
        expect(record.radar, record.name).not.toHaveProperty('daysToEndOfSupport');
      } else {
        expect(record.radar, record.name).toMatchObject({
          endOfSupport: CALENDAR.endOfSupport[minor as keyof typeof CALENDAR.endOfSupport],
          daysToEndOfSupport: days,
        });
      }
    }
  });

  it('filters on the days in Table storage: known, at most N, passed ends included', async () => {
    expect(await names({ supportEndsWithinDays: 0 })).toEqual(expectedNames((days) => days !== undefined && days <= 0));
    expect(await names({ supportEndsWithinDays: 3 })).toEqual(expectedNames((days) => days !== undefined && days <= 3));
    expect(await names({ supportEndsWithinDays: 36_500 })).toEqual(expectedNames((days) => days !== undefined));
    expect(await names({ supportEndsWithinDays: 3, subscriptionId: SUB_B })).toEqual(
      fleet
        .filter((cluster) => cluster.subscriptionId === SUB_B && ['1.32', '1.34'].includes(minorOf(cluster.version)))
        .map((cluster) => cluster.name)
        .sort(),
    );
  });

  it('still syncs without dates when the calendar cannot be read, and the filter then matches nothing', async () => {
    const unreadable = Object.assign(new Error('The server is busy.'), { statusCode: 503, code: 'ServerBusy' });
    const summary = await syncAt(new Date(), () => Promise.reject(unreadable));
    expect(summary).toMatchObject({
      status: 'succeeded',
      supportCalendar: { status: 'failed', error: { code: 'ServerBusy', message: 'The server is busy.' } },
    });
    const records = (await queryInventory(inventory.store, { filters: {}, pageSize: 200 })).value;
    expect(records).toHaveLength(fleet.length);
    for (const record of records) expect(record.radar).not.toHaveProperty('daysToEndOfSupport');
    expect(await names({ supportEndsWithinDays: 36_500 })).toEqual([]);
  });

  it('the wired sync reads the stored calendar, and a corrupt one leaves the sync running without dates', async () => {
    await calendar.put(CALENDAR);
    expect((await inventory.sync.run()).supportCalendar).toEqual({ status: 'succeeded' });
    expect(await names({ supportEndsWithinDays: 36_500 })).toEqual(expectedNames((days) => days !== undefined));

    const table = new StorageAccount(inventory.settings).tableClient(`${inventory.settings.FLEETPLANE_TABLE_PREFIX}supportcalendar`);
    await table.upsertEntity(
      { partitionKey: 'versionSupportCalendar', rowKey: 'fleet', chunks: 1, data0: '{"endOfSupport":{"1.34":"2026-02-30"}}' },
      'Replace',
    );
    const summary = await inventory.sync.run();
    expect(summary.status).toBe('succeeded');
    expect(summary.supportCalendar).toMatchObject({ status: 'failed', error: { code: 'ZodError' } });
    expect(await names({ supportEndsWithinDays: 36_500 })).toEqual([]);
  });
});

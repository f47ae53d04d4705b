import { describe, expect, it } from 'vitest';
import { decodeContinuation } from '../../../shared/features/inventory/inventoryContinuation';
import { queryInventory } from '../../../shared/features/inventory/inventoryQuery';
import type { InventoryRecord } from '../../../shared/features/inventory/inventoryRecord';
import type { InventoryStore } from '../../../shared/features/inventory/inventoryStore';

/** A store over an in-memory list whose pages hold at most `maxServed` rows, like a Table query that stops early. */
function fakeStore(total: number, maxServed: number) {
  const rows = Array.from(
    { length: total },
    (_, i) => ({ name: `c${String(i).padStart(3, '0')}` }) as InventoryRecord,
  );
  const calls: Array<{ filter: string; pageSize: number; token: string | undefined }> = [];
  const store = {
    page(filter: string, pageSize: number, token?: string) {
      calls.push({ filter, pageSize, token });
      const start = token ? Number(token) : 0;
      const items = rows.slice(start, start + Math.min(pageSize, maxServed));
      const next = start + items.length;
      return Promise.resolve({
        items: items.map((value) => ({ partitionKey: 'p', rowKey: value.name, etag: '', value })),
        continuationToken: next < rows.length ? String(next) : undefined,
      });
    },
  };
  return { store: store as unknown as InventoryStore, calls };
}

const nameNumber = (record: InventoryRecord) => Number(record.name.slice(1));

describe('queryInventory', () => {
  it('fills a page across short pages of the table and hands back an opaque continuation', async () => {
    const { store, calls } = fakeStore(100, 4);
    const page = await queryInventory(store, { filters: { location: 'eastus' }, pageSize: 10 });
    expect(page.value.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `c00${i}`.slice(-4)));
    expect(calls.map((c) => c.pageSize)).toEqual([10, 6, 2]);
    expect(calls.every((c) => c.filter === `location eq 'eastus'`)).toBe(true);
    expect(decodeContinuation(page.continuation!)).toBe('10');
  });

  it('skips rows the caller may not see and keeps filling, without losing or repeating rows across pages', async () => {
    const { store } = fakeStore(60, 7);
    const seen: number[] = [];
    let continuation: string | undefined;
    do {
      const page = await queryInventory(store, {
        filters: {},
        pageSize: 5,
        mayShow: (record) => nameNumber(record) % 3 === 0,
        ...(continuation ? { continuation } : {}),
      });
      expect(page.value.length).toBeLessThanOrEqual(5);
      seen.push(...page.value.map(nameNumber));
      continuation = page.continuation;
    } while (continuation);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i * 3));
  });

  it('stops after a bounded number of round trips and returns what it has, with a continuation', async () => {
    const { store, calls } = fakeStore(1000, 50);
    const page = await queryInventory(store, { filters: {}, pageSize: 10, mayShow: () => false });
    expect(page.value).toEqual([]);
    expect(calls).toHaveLength(10);
    expect(page.continuation).toBeDefined();
  });

  it('has no continuation on the last page', async () => {
    const { store } = fakeStore(3, 100);
    expect(await queryInventory(store, { filters: {}, pageSize: 10 })).toMatchObject({
      continuation: undefined,
    });
  });
});

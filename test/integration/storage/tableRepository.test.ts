import { odata } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, PreconditionFailedError, UnprocessableError } from '../../../shared/domain/errors';
import { TableRepository } from '../../../shared/platform/storage/tableRepository';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const widgetSchema = z.object({ name: z.string(), size: z.number().int(), notes: z.string().optional() });
type Widget = z.infer<typeof widgetSchema>;

describe('TableRepository against Azurite', () => {
  let widgets: TableRepository<Widget>;

  beforeAll(async () => {
    const table = testStorage().tableClient(`${uniqueTablePrefix()}widgets`);
    await table.createTable();
    widgets = new TableRepository(table, {
      entityName: 'Widget',
      schema: widgetSchema,
      columns: (w) => ({ size: w.size }),
    });
  });

  it('creates, reads and replaces with the current ETag', async () => {
    const created = await widgets.create('p', 'a', { name: 'a', size: 1 });
    expect(created.etag).not.toBe('');
    const read = await widgets.require('p', 'a');
    expect(read.value).toEqual({ name: 'a', size: 1 });
    const replaced = await widgets.replace('p', 'a', { name: 'a', size: 2 }, read.etag);
    expect(replaced.etag).not.toBe(read.etag);
    expect((await widgets.get('p', 'a'))?.value.size).toBe(2);
  });

  it('turns a stale ETag into a typed PreconditionFailedError and keeps the newer data', async () => {
    const first = await widgets.create('p', 'b', { name: 'b', size: 1 });
    await widgets.replace('p', 'b', { name: 'b', size: 2 }, first.etag);
    await expect(widgets.replace('p', 'b', { name: 'b', size: 3 }, first.etag)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(widgets.delete('p', 'b', first.etag)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await widgets.require('p', 'b')).value.size).toBe(2);
  });

  it('reports a second create of the same key as a conflict', async () => {
    await widgets.create('p', 'c', { name: 'c', size: 1 });
    await expect(widgets.create('p', 'c', { name: 'other', size: 9 })).rejects.toBeInstanceOf(ConflictError);
    expect((await widgets.require('p', 'c')).value.name).toBe('c');
  });

  it('serialises concurrent read-modify-write updates without losing any', async () => {
    await widgets.create('p', 'counter', { name: 'counter', size: 0 });
    await Promise.all(
      Array.from({ length: 8 }, () => widgets.update('p', 'counter', (w) => ({ ...w, size: w.size + 1 }), 20)),
    );
    expect((await widgets.require('p', 'counter')).value.size).toBe(8);
  });

  it('stores documents larger than one Table property across several columns', async () => {
    const notes = 'x'.repeat(150_000);
    await widgets.upsert('p', 'big', { name: 'big', size: 1, notes });
    expect((await widgets.require('p', 'big')).value.notes).toHaveLength(150_000);
  });

  it('never splits a surrogate pair across columns', async () => {
    const notes = `${'x'.repeat(29_999)}😀${'y'.repeat(40_000)}`;
    await widgets.upsert('p', 'emoji', { name: 'emoji', size: 1, notes });
    expect((await widgets.require('p', 'emoji')).value.notes).toBe(notes);
  });

  it('refuses documents beyond the 1 MiB entity limit with a typed error', async () => {
    await expect(widgets.upsert('p', 'huge', { name: 'huge', size: 1, notes: 'z'.repeat(600_000) })).rejects.toBeInstanceOf(
      UnprocessableError,
    );
  });

  it('refuses to store a value its schema rejects, leaving storage untouched', async () => {
    await expect(widgets.create('p', 'bad', { name: 'bad', size: 1.5 })).rejects.toThrow();
    expect(await widgets.get('p', 'bad')).toBeUndefined();
  });

  it('pages with continuation tokens and filters on indexed columns', async () => {
    for (let i = 0; i < 7; i++) await widgets.upsert('paged', `r${i}`, { name: `r${i}`, size: i });
    const first = await widgets.page({ filter: odata`PartitionKey eq ${'paged'}`, pageSize: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.continuationToken).toBeDefined();
    const second = await widgets.page({
      filter: odata`PartitionKey eq ${'paged'}`,
      pageSize: 3,
      continuationToken: first.continuationToken,
    });
    expect(second.items.map((i) => i.rowKey)).toEqual(['r3', 'r4', 'r5']);
    const big = [];
    for await (const row of widgets.all(odata`PartitionKey eq ${'paged'} and size ge ${5}`)) big.push(row.rowKey);
    expect(big).toEqual(['r5', 'r6']);
  });

  it('treats deleting a missing row as done', async () => {
    await expect(widgets.delete('p', 'never')).resolves.toBeUndefined();
  });

  describe('many rows in entity-group transactions', () => {
    const rowsOf = async (partition: string) => {
      const rows = [];
      for await (const row of widgets.all(odata`PartitionKey eq ${partition}`)) rows.push(row);
      return rows;
    };

    it('upserts 250 rows (three transactions) and replaces existing ones', async () => {
      await widgets.create('many', 'w000', { name: 'old', size: -1 });
      const rows = Array.from({ length: 250 }, (_, i) => ({ rowKey: `w${String(i).padStart(3, '0')}`, value: { name: `w${i}`, size: i } }));
      await widgets.upsertMany('many', rows);
      const stored = await rowsOf('many');
      expect(stored).toHaveLength(250);
      expect(stored.find((row) => row.rowKey === 'w000')?.value).toEqual({ name: 'w0', size: 0 });
      expect(stored.find((row) => row.rowKey === 'w249')?.value).toEqual({ name: 'w249', size: 249 });
    });

    it('splits by size too: 12 rows of ~400 KB each are stored whole', async () => {
      const notes = 'x'.repeat(400_000);
      await widgets.upsertMany('big', Array.from({ length: 12 }, (_, i) => ({ rowKey: `b${i}`, value: { name: `b${i}`, size: i, notes } })));
      const stored = await rowsOf('big');
      expect(stored).toHaveLength(12);
      expect(stored.every((row) => row.value.notes?.length === 400_000)).toBe(true);
    });

    it('deletes many rows, also when some of them are already gone', async () => {
      await widgets.upsertMany('gone', Array.from({ length: 120 }, (_, i) => ({ rowKey: `g${String(i).padStart(3, '0')}`, value: { name: 'g', size: i } })));
      await widgets.delete('gone', 'g005');
      await widgets.deleteMany('gone', Array.from({ length: 110 }, (_, i) => `g${String(i).padStart(3, '0')}`));
      expect((await rowsOf('gone')).map((row) => row.rowKey)).toEqual(Array.from({ length: 10 }, (_, i) => `g${110 + i}`));
    });

    it('an invalid document fails before anything is written', async () => {
      const rows = [{ rowKey: 'ok', value: { name: 'ok', size: 1 } }, { rowKey: 'bad', value: { name: 'bad', size: 1.5 } }];
      await expect(widgets.upsertMany('invalid', rows)).rejects.toThrow();
      expect(await rowsOf('invalid')).toEqual([]);
    });
  });
});

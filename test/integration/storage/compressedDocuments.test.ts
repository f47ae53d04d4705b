import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnprocessableError } from '../../../shared/domain/errors';
import { TableRepository } from '../../../shared/platform/storage/tableRepository';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const logSchema = z.object({ lines: z.array(z.string()) });
type Log = z.infer<typeof logSchema>;

async function repositories() {
  const table = testStorage().tableClient(`${uniqueTablePrefix()}logs`);
  await table.createTable();
  return {
    table,
    plain: new TableRepository<Log>(table, { entityName: 'Log', schema: logSchema }),
    compressed: new TableRepository<Log>(table, { entityName: 'Log', schema: logSchema, compress: true }),
  };
}

describe('TableRepository with compress: true (Azurite)', () => {
  it('stores a repetitive document larger than the uncompressed limit in one row and reads it back; conditional writes still hold', async () => {
    const { table, compressed } = await repositories();
    const log = { lines: Array.from({ length: 6_000 }, (_, i) => `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c${i % 50} upgraded`) };
    expect(JSON.stringify(log).length).toBeGreaterThan(15 * 30_000);
    const created = await compressed.create('p', 'big', log);
    expect((await compressed.require('p', 'big')).value).toEqual(log);
    const row = await table.getEntity<Record<string, unknown>>('p', 'big');
    expect(row.encoding).toBe('gzip+base64');
    await compressed.replace('p', 'big', { lines: ['one'] }, created.etag);
    await expect(compressed.replace('p', 'big', { lines: ['two'] }, created.etag)).rejects.toThrow('changed by someone else');
  });

  it('reads rows written before compression was turned on, and refuses what does not fit even compressed', async () => {
    const { plain, compressed } = await repositories();
    await plain.create('p', 'old', { lines: ['written plain'] });
    expect((await compressed.require('p', 'old')).value).toEqual({ lines: ['written plain'] });
    const random = { lines: Array.from({ length: 12_000 }, () => randomUUID() + randomUUID()) };
    await expect(compressed.create('p', 'random', random)).rejects.toBeInstanceOf(UnprocessableError);
  });
});

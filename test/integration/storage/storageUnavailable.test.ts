import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, DependencyUnavailableError, PreconditionFailedError } from '../../../shared/domain/errors';
import { parseSettings } from '../../../shared/platform/settings/settings';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { TableRepository } from '../../../shared/platform/storage/tableRepository';
import { startPrivateAzurite, type PrivateAzurite } from '../../reliability/support/privateAzurite';
import { uniqueTablePrefix } from '../../support/storage';

const noteSchema = z.object({ text: z.string() });
const DEADLINES = { FLEETPLANE_STORAGE_TIMEOUT_MS: '1500', FLEETPLANE_STORAGE_TRY_TIMEOUT_MS: '600' };

function accountOn(connectionString: string): StorageAccount {
  return new StorageAccount(parseSettings({ AzureWebJobsStorage: connectionString, FLEETPLANE_MODE: 'local', ...DEADLINES }));
}

function notesIn(account: StorageAccount, tableName: string) {
  return new TableRepository(account.tableClient(tableName), { entityName: 'Note', schema: noteSchema });
}

async function timed<T>(work: () => Promise<T>): Promise<{ outcome: T | unknown; ms: number }> {
  const started = performance.now();
  const outcome = await work().catch((error: unknown) => error);
  return { outcome, ms: performance.now() - started };
}

describe('storage calls against an Azurite that goes away', () => {
  let azurite: PrivateAzurite;
  let account: StorageAccount;
  const tableName = `${uniqueTablePrefix()}notes`;

  beforeAll(async () => {
    azurite = await startPrivateAzurite();
    account = accountOn(azurite.connectionString);
    await account.tableClient(tableName).createTable();
  }, 60_000);
  afterAll(() => azurite?.dispose());

  it('keeps 404, 409 and 412 as the answers they are while storage is up', async () => {
    const notes = notesIn(account, tableName);
    expect(await notes.get('p', 'missing')).toBeUndefined();
    const first = await notes.create('p', 'a', { text: 'one' });
    await expect(notes.create('p', 'a', { text: 'two' })).rejects.toBeInstanceOf(ConflictError);
    await notes.replace('p', 'a', { text: 'three' }, first.etag);
    await expect(notes.replace('p', 'a', { text: 'stale' }, first.etag)).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('stopped: every kind of call fails as DependencyUnavailableError(storage) within the deadline, then works again', async () => {
    const notes = notesIn(account, tableName);
    await azurite.stop();
    try {
      const calls = [
        () => notes.get('p', 'a'),
        () => notes.create('p', 'b', { text: 'lost?' }),
        () => notes.upsertMany('p', [{ rowKey: 'c', value: { text: 'batch' } }]),
        () => notes.page(),
        () => account.tableClient(`${uniqueTablePrefix()}fresh`).createTable(),
        () => account.queue('reliability-queue').send({ hello: 'world' }),
      ];
      for (const call of calls) {
        const { outcome, ms } = await timed(call);
        expect(outcome).toBeInstanceOf(DependencyUnavailableError);
        expect(outcome).toMatchObject({ dependency: 'storage', retryAfterSeconds: 5 });
        expect(ms).toBeLessThan(1_500 + 1_000);
      }
    } finally {
      await azurite.start();
    }
    expect((await notes.get('p', 'a'))?.value.text).toBe('three');
    expect(await notes.get('p', 'b')).toBeUndefined();
  });

  it('frozen (SIGSTOP): a call is cut off at the deadline instead of hanging, and answers once thawed', async () => {
    const notes = notesIn(account, tableName);
    azurite.freeze();
    try {
      const { outcome, ms } = await timed(() => notes.get('p', 'a'));
      expect(outcome).toBeInstanceOf(DependencyUnavailableError);
      expect((outcome as Error).message).toMatch(/no answer within 1500 ms/);
      expect(ms).toBeGreaterThanOrEqual(1_400);
      expect(ms).toBeLessThan(1_500 + 1_000);
      const queued = await timed(() => account.queue('reliability-frozen').send({ n: 1 }));
      expect(queued.outcome).toBeInstanceOf(DependencyUnavailableError);
    } finally {
      azurite.thaw();
    }
    expect((await notes.get('p', 'a'))?.value.text).toBe('three');
  });
});

describe('storage answering 503 ServerBusy or 500', () => {
  let server: Server;
  let requests = 0;
  let status = 503;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests += 1;
      response.writeHead(status, { 'content-type': 'application/json', 'x-ms-error-code': 'ServerBusy' });
      response.end(JSON.stringify({ 'odata.error': { code: 'ServerBusy', message: { value: 'The server is busy.' } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const busyAccount = () => {
    const port = (server.address() as AddressInfo).port;
    return accountOn(
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${Buffer.from('k').toString('base64')};TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1`,
    );
  };

  it.each([503, 500])('retries %i a few times, then fails as DependencyUnavailableError', async (answer) => {
    status = answer;
    requests = 0;
    const { outcome } = await timed(() => notesIn(busyAccount(), 'busy').get('p', 'a'));
    expect(outcome).toBeInstanceOf(DependencyUnavailableError);
    expect((outcome as Error).message).toContain(`HTTP ${answer}`);
    expect(requests).toBeGreaterThan(1);
  });
});

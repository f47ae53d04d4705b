import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, DependencyUnavailableError, PreconditionFailedError } from '../../../shared/domain/errors';
import { parseSettings } from '../../../shared/platform/settings/settings';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { TableRepository } from '../../../shared/platform/storage/tableRepository';
import { uniqueTablePrefix } from '../../support/storage';

const noteSchema = z.object({ text: z.string() });
const TIMEOUT_MS = 1_500;
const DEADLINES = { FLEETPLANE_STORAGE_TIMEOUT_MS: String(TIMEOUT_MS), FLEETPLANE_STORAGE_TRY_TIMEOUT_MS: '600' };

/** An account whose Table and Queue endpoints are the given loopback port. */
function connectionStringFor(port: number): string {
  return [
    'DefaultEndpointsProtocol=http',
    'AccountName=devstoreaccount1',
    `AccountKey=${Buffer.from('not-a-real-key').toString('base64')}`,
    `TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1`,
    `QueueEndpoint=http://127.0.0.1:${port}/devstoreaccount1`,
  ].join(';');
}

/** A loopback port nothing listens on (bound, then released). */
async function refusedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function accountOn(connectionString: string): StorageAccount {
  return new StorageAccount(parseSettings({ AzureWebJobsStorage: connectionString, FLEETPLANE_MODE: 'local', ...DEADLINES }));
}

function notesIn(account: StorageAccount, tableName: string) {
  return new TableRepository(account.tableClient(tableName), { entityName: 'Note', schema: noteSchema });
}

async function timed(work: () => Promise<unknown>): Promise<{ outcome: unknown; ms: number }> {
  const started = performance.now();
  const outcome = await work().catch((error: unknown) => error);
  return { outcome, ms: performance.now() - started };
}

describe('storage answers that keep their meaning', () => {
  it('404, 409 and 412 stay NotFound (undefined), ConflictError and PreconditionFailedError', async () => {
    const account = accountOn(inject('storageConnectionString'));
    const tableName = `${uniqueTablePrefix()}notes`;
    await account.tableClient(tableName).createTable();
    const notes = notesIn(account, tableName);
    expect(await notes.get('p', 'missing')).toBeUndefined();
    const first = await notes.create('p', 'a', { text: 'one' });
    await expect(notes.create('p', 'a', { text: 'two' })).rejects.toBeInstanceOf(ConflictError);
    await notes.replace('p', 'a', { text: 'three' }, first.etag);
    await expect(notes.replace('p', 'a', { text: 'stale' }, first.etag)).rejects.toBeInstanceOf(PreconditionFailedError);
  });
});

describe('storage that refuses connections (stopped)', () => {
  it('fails every kind of call as DependencyUnavailableError(storage) within the deadline', async () => {
    const account = accountOn(connectionStringFor(await refusedPort()));
    const notes = notesIn(account, 'notes');
    const calls: (() => Promise<unknown>)[] = [
      () => notes.get('p', 'a'),
      () => notes.create('p', 'b', { text: 'x' }),
      () => notes.upsertMany('p', [{ rowKey: 'c', value: { text: 'batch' } }]),
      () => notes.page(),
      () => account.tableClient('fresh').createTable(),
      () => account.queue('reliability-queue').send({ hello: 'world' }),
    ];
    for (const call of calls) {
      const { outcome, ms } = await timed(call);
      expect(outcome).toBeInstanceOf(DependencyUnavailableError);
      expect(outcome).toMatchObject({ dependency: 'storage', retryAfterSeconds: 5 });
      expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
    }
  });
});

describe('storage that accepts connections and never answers (frozen)', () => {
  let silent: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    silent = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('cuts a Table call off at the deadline, after retrying tries that timed out', async () => {
    sockets.clear();
    const account = accountOn(connectionStringFor((silent.address() as AddressInfo).port));
    const { outcome, ms } = await timed(() => notesIn(account, 'notes').get('p', 'a'));
    expect(outcome).toBeInstanceOf(DependencyUnavailableError);
    expect((outcome as Error).message).toMatch(new RegExp(`no answer within ${TIMEOUT_MS} ms`));
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(sockets.size).toBeGreaterThan(1);
  });

  it('cuts a queue send off at the deadline', async () => {
    const account = accountOn(connectionStringFor((silent.address() as AddressInfo).port));
    const { outcome, ms } = await timed(() => account.queue('frozen').send({ n: 1 }));
    expect(outcome).toBeInstanceOf(DependencyUnavailableError);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
  });
});

describe('storage answering 503 ServerBusy or 500', () => {
  let server: ReturnType<typeof createServer>;
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
    return accountOn(connectionStringFor((server.address() as AddressInfo).port));
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

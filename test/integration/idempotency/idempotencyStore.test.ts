import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, UnprocessableError } from '../../../shared/domain/errors';
import { IdempotencyStore } from '../../../shared/features/idempotency/idempotencyStore';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

describe('IdempotencyStore against Azurite', () => {
  let now = new Date('2026-11-27T10:00:00Z');
  let store: IdempotencyStore;
  const hash = (body: string) => IdempotencyStore.hashRequest('PUT', '/api/x', body);

  beforeAll(() => {
    store = new IdempotencyStore(testStorage().tableClient(`${uniqueTablePrefix()}idem`), () => now);
  });

  it('replays the first response for the same key and body', async () => {
    const start = await store.begin('caller', 'k1', hash('a'));
    expect(start.kind).toBe('fresh');
    if (start.kind !== 'fresh') return;
    const response = { status: 202, headers: { 'operation-location': '/api/operations/1' }, body: { id: 1 } };
    await store.complete('caller', 'k1', start.etag, { key: 'k1', requestHash: hash('a'), createdAt: now.toISOString() }, response);
    expect(await store.begin('caller', 'k1', hash('a'))).toEqual({ kind: 'replay', response });
  });

  it('refuses the same key with another body (422) and while the first still runs (409)', async () => {
    await expect(store.begin('caller', 'k1', hash('b'))).rejects.toBeInstanceOf(UnprocessableError);
    await store.begin('caller', 'k2', hash('a'));
    await expect(store.begin('caller', 'k2', hash('a'))).rejects.toBeInstanceOf(ConflictError);
  });

  it('scopes keys per caller', async () => {
    expect((await store.begin('someone-else', 'k1', hash('b'))).kind).toBe('fresh');
  });

  it('lets a retry take over a key whose request died, and only one of two racing retries wins', async () => {
    await store.begin('caller', 'k3', hash('a'));
    now = new Date(now.getTime() + 5 * 60_000);
    const results = await Promise.allSettled([store.begin('caller', 'k3', hash('a')), store.begin('caller', 'k3', hash('a'))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(ConflictError);
  });

  it('answers a retry after a crash with the operation the first request recorded, instead of running it again', async () => {
    const start = await store.begin('caller', 'k5', hash('a'));
    if (start.kind !== 'fresh') throw new Error('expected a fresh key');
    const record = { key: 'k5', requestHash: hash('a'), createdAt: now.toISOString() };
    await store.attachOperation('caller', 'k5', start.etag, record, 'op-123');
    await expect(store.begin('caller', 'k5', hash('a'))).rejects.toBeInstanceOf(ConflictError);
    now = new Date(now.getTime() + 5 * 60_000);
    expect(await store.begin('caller', 'k5', hash('a'))).toMatchObject({ kind: 'adopt', operationId: 'op-123' });
  });

  it('forgets an abandoned key so the request can run again', async () => {
    const start = await store.begin('caller', 'k4', hash('a'));
    if (start.kind !== 'fresh') throw new Error('expected a fresh key');
    await store.abandon('caller', 'k4', start.etag);
    expect((await store.begin('caller', 'k4', hash('a'))).kind).toBe('fresh');
  });
});

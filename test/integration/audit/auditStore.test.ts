import { beforeAll, describe, expect, it } from 'vitest';
import { AuditStore } from '../../../shared/features/audit/auditStore';
import type { AuditEvent } from '../../../shared/domain/audit/auditEvent';
import { ValidationError } from '../../../shared/domain/errors';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const alice = { tenantId: 't1', objectId: 'ALICE', kind: 'user' as const };
const bob = { tenantId: 't1', objectId: 'bob', kind: 'user' as const };

function event(time: string, overrides: Partial<AuditEvent> = {}): Omit<AuditEvent, 'id'> {
  return {
    time,
    caller: alice,
    action: 'putCluster',
    method: 'PUT',
    target: '/subscriptions/s1/resourceGroups/rg/clusters/c1',
    decision: 'allowed',
    outcome: 'succeeded',
    status: 202,
    correlationId: 'c',
    ...overrides,
  };
}

describe('AuditStore against Azurite', () => {
  let store: AuditStore;
  const from = new Date('2026-11-01T00:00:00Z');
  const to = new Date('2026-11-03T23:59:59Z');

  beforeAll(async () => {
    store = new AuditStore(testStorage().tableClient(`${uniqueTablePrefix()}audit`));
    await store.record(event('2026-11-01T10:00:00Z'));
    await store.record(event('2026-11-02T10:00:00Z', { caller: bob, decision: 'denied', outcome: 'denied', status: 403 }));
    await store.record(event('2026-11-02T11:00:00Z', { target: '/subscriptions/s1/resourceGroups/rg/clusters/c2' }));
    await store.record(event('2026-11-03T09:00:00Z', { reason: 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl leaked?' }));
  });

  it('lists newest first across day partitions', async () => {
    const page = await store.query({ from, to, pageSize: 10 });
    expect(page.events.map((e) => e.time)).toEqual([
      '2026-11-03T09:00:00Z',
      '2026-11-02T11:00:00Z',
      '2026-11-02T10:00:00Z',
      '2026-11-01T10:00:00Z',
    ]);
    expect(page.continuation).toBeUndefined();
  });

  it('pages with an opaque continuation', async () => {
    const seen: string[] = [];
    let continuation: string | undefined;
    do {
      const page = await store.query({ from, to, pageSize: 3, ...(continuation ? { continuation } : {}) });
      seen.push(...page.events.map((e) => e.time));
      continuation = page.continuation;
    } while (continuation);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('filters by time, caller (case-insensitive) and target', async () => {
    const byCaller = await store.query({ from, to, pageSize: 10, callerObjectId: 'alice' });
    expect(byCaller.events).toHaveLength(3);
    const byTarget = await store.query({ from, to, pageSize: 10, target: '/subscriptions/s1/resourcegroups/rg/clusters/C2' });
    expect(byTarget.events.map((e) => e.time)).toEqual(['2026-11-02T11:00:00Z']);
    const oneDay = await store.query({
      from: new Date('2026-11-02T00:00:00Z'),
      to: new Date('2026-11-02T10:30:00Z'),
      pageSize: 10,
    });
    expect(oneDay.events.map((e) => e.decision)).toEqual(['denied']);
  });

  it('never stores token material', async () => {
    const page = await store.query({ from, to, pageSize: 10 });
    expect(JSON.stringify(page.events)).not.toContain('eyJ');
  });

  it('rejects a forged continuation with a field-named validation error', async () => {
    await expect(store.query({ from, to, pageSize: 10, continuation: 'garbage' })).rejects.toBeInstanceOf(ValidationError);
  });
});

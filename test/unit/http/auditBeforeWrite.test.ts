import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/domain/access/caller';
import type { AuditEvent } from '../../../shared/domain/audit/auditEvent';
import { DependencyUnavailableError } from '../../../shared/domain/errors';
import { defineOperation } from '../../../shared/platform/http/apiOperation';
import { HttpPipeline } from '../../../shared/platform/http/handleHttp';
import type { AuditReservation } from '../../../shared/platform/http/requestAudit';

const CALLER: Caller = { tenantId: 't', objectId: 'o', kind: 'user', appRoles: [], groups: [], groupsOverage: false };
const putThing = defineOperation({
  operationId: 'putThing',
  method: 'PUT',
  route: 'things/{id}',
  summary: 'test',
  tags: ['test'],
  authenticated: true,
  responses: { 200: { description: 'ok' } },
});

/** An in-memory audit trail whose store can be switched off; every write the handler makes is counted. */
function pipelineWithAuditStore(available: (step: 'reserve' | 'record') => boolean) {
  const rows = new Map<string, Omit<AuditEvent, 'id'>>();
  const effects: string[] = [];
  const storageDown = () => new DependencyUnavailableError('storage', 'Storage is unavailable (ECONNREFUSED); retry later.', 5);
  const pipeline = new HttpPipeline({
    logLevel: 'error',
    authenticate: () => Promise.resolve(CALLER),
    decide: () => Promise.resolve({ allowed: true, reason: 'test' } as never),
    reserveAudit: (event) => {
      if (!available('reserve')) return Promise.reject(storageDown());
      const reservation: AuditReservation = { id: `r${rows.size}`, etag: 'v1' };
      rows.set(reservation.id, event);
      return Promise.resolve(reservation);
    },
    recordAudit: (event, reservation) => {
      if (!available('record')) return Promise.reject(storageDown());
      rows.set(reservation?.id ?? `r${rows.size}`, event);
      return Promise.resolve();
    },
  });
  const handler = pipeline.handle(putThing, ({ params }) => {
    effects.push(String((params as { id: string }).id));
    return Promise.resolve({ status: 200 });
  });
  const put = (id: string) =>
    handler(new HttpRequest({ method: 'PUT', url: `http://localhost/api/things/${id}`, params: { id } }), new InvocationContext());
  return { put, rows, effects };
}

describe('the audit record of a write', () => {
  it('is reserved before the write runs and completed in place: one record, outcome succeeded', async () => {
    const { put, rows, effects } = pipelineWithAuditStore(() => true);
    expect((await put('a')).status).toBe(200);
    expect(effects).toEqual(['a']);
    expect([...rows.values()]).toEqual([expect.objectContaining({ action: 'putThing', decision: 'allowed', outcome: 'succeeded', status: 200 })]);
  });

  it('when the audit store cannot take it: 503 + Retry-After and the write never runs', async () => {
    const { put, rows, effects } = pipelineWithAuditStore(() => false);
    const response = await put('b');
    expect(response.status).toBe(503);
    expect((response.headers as Record<string, string>)['retry-after']).toBe('5');
    expect(effects).toEqual([]);
    expect(rows.size).toBe(0);
  });

  it('when the store fails after the write: the pending record stays, saying the outcome was not recorded', async () => {
    const { put, rows, effects } = pipelineWithAuditStore((step) => step === 'reserve');
    expect((await put('c')).status).toBe(200);
    expect(effects).toEqual(['c']);
    expect([...rows.values()]).toEqual([expect.objectContaining({ action: 'putThing', decision: 'pending', outcome: 'pending', status: 0 })]);
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import { decodeLogCursor, encodeLogCursor, type LogQueryIdentity } from '../../../shared/features/logs/logCursor';

const identity: LogQueryIdentity = {
  clusterId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/prod',
  source: 'containers',
  filters: { namespace: 'team-a', level: 'error' },
  scope: { kind: 'namespaces', namespaces: ['team-a'] },
  range: { start: new Date('2026-12-01T11:00:00Z'), end: new Date('2026-12-01T12:00:00Z') },
};
const position = { time: Date.parse('2026-12-01T11:30:00.123Z'), skip: 2 };

function refusal(attempt: () => unknown): ValidationError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ValidationError) return error;
  }
  throw new Error('expected a ValidationError');
}

describe('log cursor', () => {
  it('round-trips a position for the same query, in the cluster id in any case and filters in any order', () => {
    const cursor = encodeLogCursor(position, identity);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const same = { ...identity, clusterId: identity.clusterId.toUpperCase(), filters: { level: 'error', namespace: 'team-a' } };
    expect(decodeLogCursor(cursor, same)).toEqual(position);
  });

  it.each([
    ['cluster', { clusterId: `${identity.clusterId}-2` }],
    ['source', { source: 'events' as const }],
    ['filters', { filters: { namespace: 'team-a' } }],
    ['scope', { scope: { kind: 'cluster' as const } }],
    ['window', { range: { start: identity.range.start, end: new Date('2026-12-01T12:00:01Z') } }],
  ])('refuses it for a query with another %s, naming cursor', (_what, change) => {
    const error = refusal(() => decodeLogCursor(encodeLogCursor(position, identity), { ...identity, ...change }));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'cursor', code: 'invalid' })]);
  });

  it.each([
    ['not base64 JSON', 'abc'],
    ['a skip of 0', { v: 1, t: position.time, n: 0 }],
    ['a time outside the window', { v: 1, t: 0, n: 1 }],
    ['another version', { v: 2, t: position.time, n: 1 }],
  ])('refuses %s', (_what, value) => {
    const decoded = decodeLogCursor(encodeLogCursor(position, identity), identity);
    expect(decoded).toEqual(position);
    const fingerprint = (JSON.parse(Buffer.from(encodeLogCursor(position, identity), 'base64url').toString()) as { q: string }).q;
    const text = typeof value === 'string' ? value : Buffer.from(JSON.stringify({ ...value, q: fingerprint })).toString('base64url');
    expect(refusal(() => decodeLogCursor(text, identity)).issues[0]?.path).toBe('cursor');
  });
});

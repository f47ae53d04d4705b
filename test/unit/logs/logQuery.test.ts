import { describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../../../shared/domain/errors';
import { buildLogQuery, type LogQueryRequest } from '../../../shared/domain/logs/logQuery';
import { LOG_SOURCES } from '../../../shared/domain/logs/logSources';
import { parseKql } from './support/parsedKql';

const CLUSTER_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG-Fleet/providers/Microsoft.ContainerService/managedClusters/Prod-1';
const range = { start: new Date('2026-12-01T10:00:00.000Z'), end: new Date('2026-12-01T11:00:00.000Z') };

function request(overrides: Partial<LogQueryRequest> = {}): LogQueryRequest {
  return { source: 'containers', clusterResourceId: CLUSTER_ID, scope: { kind: 'cluster' }, filters: {}, range, limit: 100, ...overrides };
}

const EVIL = '" | union AKSAudit | where "" == "\n| take 1\\';

describe('buildLogQuery', () => {
  it('builds the containers template: cluster, window, filters, newest first, projection', () => {
    const query = buildLogQuery(
      request({ scope: { kind: 'namespaces', namespaces: ['team-a', 'team-b'] }, filters: { namespace: 'team-a', pod: 'web-1', container: 'app', level: 'error', contains: 'timeout' } }),
    );
    expect(query).toBe(
      [
        'ContainerLogV2',
        `| where _ResourceId =~ "${CLUSTER_ID.toLowerCase()}"`,
        '| where TimeGenerated between (datetime(2026-12-01T10:00:00.000Z) .. datetime(2026-12-01T11:00:00.000Z))',
        '| where PodNamespace in ("team-a", "team-b")',
        '| where PodNamespace == "team-a"',
        '| where PodName == "web-1"',
        '| where ContainerName == "app"',
        '| where LogLevel =~ "error"',
        '| where tostring(LogMessage) contains "timeout"',
        '| sort by TimeGenerated desc, tostring(PodNamespace) asc, tostring(PodName) asc, tostring(ContainerName) asc, tostring(LogLevel) asc, tostring(LogSource) asc, tostring(LogMessage) asc, tostring(Computer) asc',
        '| take 101',
        '| project TimeGenerated, PodNamespace, PodName, ContainerName, LogLevel, LogSource, LogMessage, Computer',
      ].join('\n'),
    );
    const parsed = parseKql(query);
    expect(parsed.operators).toEqual([...Array<string>(8).fill('FilterOperator'), 'SortOperator', 'TakeOperator', 'ProjectOperator']);
    expect(parsed.strings).toEqual([CLUSTER_ID.toLowerCase(), 'team-a', 'team-b', 'team-a', 'web-1', 'app', 'error', 'timeout']);
  });

  it.each(LOG_SOURCES)('builds a %s query the analyser accepts against the documented table', (source) => {
    const parsed = parseKql(buildLogQuery(request({ source, filters: { contains: 'x' } })));
    expect(parsed.operators).toEqual(['FilterOperator', 'FilterOperator', 'FilterOperator', 'SortOperator', 'TakeOperator', 'ProjectOperator']);
    expect(parsed.strings).toEqual([CLUSTER_ID.toLowerCase(), 'x']);
  });

  it('keeps an injection attempt in every filter a single literal with the exact value', () => {
    const filters = { namespace: EVIL, pod: EVIL, container: EVIL, level: EVIL, contains: EVIL };
    const parsed = parseKql(buildLogQuery(request({ filters, scope: { kind: 'namespaces', namespaces: [EVIL] } })));
    expect(parsed.operators).toEqual([...Array<string>(8).fill('FilterOperator'), 'SortOperator', 'TakeOperator', 'ProjectOperator']);
    expect(parsed.strings).toEqual([CLUSTER_ID.toLowerCase(), EVIL, EVIL, EVIL, EVIL, EVIL, EVIL]);
  });

  it('scopes events to the caller\'s namespaces through the Namespace column', () => {
    const parsed = parseKql(buildLogQuery(request({ source: 'events', scope: { kind: 'namespaces', namespaces: ['a'] }, filters: { pod: 'p' } })));
    expect(parsed.strings).toEqual([CLUSTER_ID.toLowerCase(), 'a', 'p']);
  });

  it.each(['controlPlane', 'audit'] as const)('refuses %s logs to a namespace-scoped caller', (source) => {
    expect(() => buildLogQuery(request({ source, scope: { kind: 'namespaces', namespaces: ['a'] } }))).toThrow(ForbiddenError);
  });

  it('refuses a filter the source has no column for, naming it', () => {
    const attempt = () => buildLogQuery(request({ source: 'audit', filters: { namespace: 'a', pod: 'b' } }));
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow('audit logs cannot be filtered by namespace, pod.');
  });

  it.each([0, 1001, 1.5, Number.NaN])('refuses limit %s', (limit) => {
    expect(() => buildLogQuery(request({ limit }))).toThrow(ValidationError);
  });

  it('accepts the maximum limit, asking for one row more to know whether a next page follows', () => {
    expect(buildLogQuery(request({ limit: 1000 }))).toContain('| take 1001\n');
  });

  it('resumes up to the end of the cursor\'s millisecond, fetching the rows of it returned before again', () => {
    const query = buildLogQuery(request({ limit: 10, after: { time: Date.parse('2026-12-01T10:30:00.250Z'), skip: 3 } }));
    expect(query).toContain('| where TimeGenerated < datetime(2026-12-01T10:30:00.251Z)\n');
    expect(query).toContain('| take 14\n');
    expect(parseKql(query).operators).toEqual(['FilterOperator', 'FilterOperator', 'FilterOperator', 'SortOperator', 'TakeOperator', 'ProjectOperator']);
  });
});

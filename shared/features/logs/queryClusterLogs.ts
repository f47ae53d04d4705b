import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import { buildLogQuery, LOG_FILTERS, pageOf, resolveTimeRange, type LogFilterName, type LogTimeRange } from '../../domain/logs';
import type { HttpCall } from '../../platform/http/handleHttp';
import { nextLinkOf } from '../../platform/http/paging';
import { workspaceOfCluster } from './clusterWorkspace';
import { decodeLogCursor, encodeLogCursor, type LogQueryIdentity } from './logCursor';
import type { LogsQuery, LogsResult } from './logs.api';
import { logAccessOf, type LogAccess } from './logAccess';
import type { LogsDependencies } from './logsDependencies';
import { auditLogQuery } from './logsAudit';

type LogsCall = Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce' | 'correlationId' | 'log' | 'request'>;

/**
 * `GET …/clusters/{c}/logs`: who may read what → the cluster's workspace → the source's KQL template with the
 * caller's namespaces → Log Analytics. Every query that passed authorization is audited, failed or not.
 */
export async function queryClusterLogs(deps: LogsDependencies, call: LogsCall, address: ClusterAddress, query: LogsQuery): Promise<LogsResult> {
  const clusterId = clusterArmId(address);
  const access = await logAccessOf(deps, call, clusterId, query);
  const range = resolveTimeRange(
    { ...(query.since ? { since: new Date(query.since) } : {}), ...(query.until ? { until: new Date(query.until) } : {}), ...(query.last ? { last: query.last } : {}) },
    deps.now(),
  );
  const filters = filtersOf(query);
  const started = performance.now();
  const audit = (outcome: { rows: number } | { error: unknown }) =>
    auditLogQuery(deps, call, { clusterId, source: query.source, filters, range, access, durationMs: Math.round(performance.now() - started), ...outcome });
  try {
    const result = await runQuery(deps, call, address, { clusterId, source: query.source, filters, scope: access.scope, range }, query, access);
    await audit({ rows: result.rows.length });
    return result;
  } catch (error) {
    await audit({ error });
    throw error;
  }
}

async function runQuery(
  deps: LogsDependencies,
  call: LogsCall,
  address: ClusterAddress,
  identity: LogQueryIdentity,
  query: LogsQuery,
  access: LogAccess,
): Promise<LogsResult> {
  const { clusterId, range } = identity;
  const after = query.cursor === undefined ? undefined : decodeLogCursor(query.cursor, identity);
  const kql = buildLogQuery({ source: query.source, clusterResourceId: clusterId, scope: access.scope, filters: identity.filters, range, limit: query.limit, ...(after ? { after } : {}) });
  const workspaceId = await workspaceOfCluster(deps, address);
  const result = await deps.queryWorkspace(workspaceId, kql, range);
  const names = result.columns.map((column) => column.name);
  const timeIndex = names.indexOf('TimeGenerated');
  const page = pageOf(result.rows, (row) => millisecondOf(row[timeIndex]), query.limit, after);
  return {
    source: query.source,
    cluster: clusterId,
    timespan: { start: range.start.toISOString(), end: range.end.toISOString() },
    ...(access.scope.kind === 'namespaces' ? { namespaces: [...access.scope.namespaces] } : {}),
    columns: result.columns,
    rows: page.rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]]))),
    ...(result.partialError ? { partialError: result.partialError } : {}),
    ...(page.next ? { nextLink: nextPageLink(call.request.url, range, encodeLogCursor(page.next, identity), deps.publicBaseUrl) } : {}),
  };
}

/** The same request from the cursor on, over the same absolute window (`last` becomes `since`/`until`). */
function nextPageLink(requestUrl: string, range: LogTimeRange, cursor: string, publicBaseUrl: string | undefined): string {
  const url = new URL(requestUrl);
  url.searchParams.delete('last');
  return nextLinkOf(url.toString(), { since: range.start.toISOString(), until: range.end.toISOString(), cursor }, publicBaseUrl);
}

/** The SDK hands datetimes over as Date (whole milliseconds); text is accepted too. */
function millisecondOf(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

function filtersOf(query: LogsQuery): Partial<Record<LogFilterName, string>> {
  return Object.fromEntries(LOG_FILTERS.flatMap((name) => (query[name] === undefined ? [] : [[name, query[name]]])));
}

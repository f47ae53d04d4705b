import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import { buildLogQuery, LOG_FILTERS, resolveTimeRange, type LogFilterName, type LogTimeRange } from '../../domain/logs';
import type { HttpCall } from '../../platform/http/handleHttp';
import { workspaceOfCluster } from './clusterWorkspace';
import type { LogsQuery, LogsResult } from './logs.api';
import { logAccessOf, type LogAccess } from './logAccess';
import type { LogsDependencies } from './logsDependencies';
import { auditLogQuery } from './logsAudit';

type LogsCall = Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce' | 'correlationId' | 'log'>;

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
    const result = await runQuery(deps, address, clusterId, query, filters, range, access);
    await audit({ rows: result.rows.length });
    return result;
  } catch (error) {
    await audit({ error });
    throw error;
  }
}

async function runQuery(
  deps: LogsDependencies,
  address: ClusterAddress,
  clusterId: string,
  query: LogsQuery,
  filters: Partial<Record<LogFilterName, string>>,
  range: LogTimeRange,
  access: LogAccess,
): Promise<LogsResult> {
  const kql = buildLogQuery({ source: query.source, clusterResourceId: clusterId, scope: access.scope, filters, range, limit: query.limit });
  const workspaceId = await workspaceOfCluster(deps, address);
  const result = await deps.queryWorkspace(workspaceId, kql, range);
  const names = result.columns.map((column) => column.name);
  return {
    source: query.source,
    cluster: clusterId,
    timespan: { start: range.start.toISOString(), end: range.end.toISOString() },
    ...(access.scope.kind === 'namespaces' ? { namespaces: [...access.scope.namespaces] } : {}),
    columns: result.columns,
    rows: result.rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]]))),
    ...(result.partialError ? { partialError: result.partialError } : {}),
  };
}

function filtersOf(query: LogsQuery): Partial<Record<LogFilterName, string>> {
  return Object.fromEntries(LOG_FILTERS.flatMap((name) => (query[name] === undefined ? [] : [[name, query[name]]])));
}

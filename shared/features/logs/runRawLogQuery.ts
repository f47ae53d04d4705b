import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import { errorToProblem } from '../../platform/http/errorToProblem';
import type { HttpCall } from '../../platform/http/handleHttp';
import { requireMonitoredCluster } from './clusterWorkspace';
import type { LogsDependencies } from './logsDependencies';
import type { RawLogQueryRequest, RawLogQueryResult } from './rawLogQuery.api';
import { authorizeRawLogQuery } from './rawQueryAccess';

type RawQueryCall = Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce' | 'audit' | 'log'>;

/**
 * `POST …/clusters/{c}/logs/query`: Admin on the cluster → the cluster exists and sends logs → the KQL as a
 * resource-context query of the cluster, so Log Analytics itself keeps every other cluster's rows out of reach,
 * in a shared workspace too. The pipeline audits the request (a POST); its record carries the KQL, the timespan,
 * the rows returned and the duration, failed or not.
 */
export async function runRawLogQuery(deps: LogsDependencies, call: RawQueryCall, address: ClusterAddress, request: RawLogQueryRequest): Promise<RawLogQueryResult> {
  const clusterId = clusterArmId(address);
  const decision = await authorizeRawLogQuery(deps, call, clusterId);
  const started = performance.now();
  const noteOutcome = (outcome: { rows: number } | { error: unknown }) => {
    const durationMs = Math.round(performance.now() - started);
    const rows = 'rows' in outcome ? outcome.rows : 0;
    const status = 'error' in outcome ? errorToProblem(outcome.error).body.status : 200;
    call.audit.reason = `${decision.reason}; timespan=${request.timespan} rows=${rows} durationMs=${durationMs} kql=${JSON.stringify(request.query)}`;
    call.log.info('Raw log query', { clusterId, timespan: request.timespan, queryChars: request.query.length, rows, status, durationMs });
  };
  try {
    await requireMonitoredCluster(deps, address);
    const result = await deps.queryResource(clusterId, request.query, request.timespan);
    noteOutcome({ rows: result.rows.length });
    const names = result.columns.map((column) => column.name);
    return {
      cluster: clusterId,
      timespan: request.timespan,
      columns: result.columns,
      rows: result.rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]]))),
      ...(result.partialError ? { partialError: result.partialError } : {}),
    };
  } catch (error) {
    noteOutcome({ error });
    throw error;
  }
}

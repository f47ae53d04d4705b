import { HEALTH_QUERY_KINDS, healthQuery, readEventRows, readWorkloadRows, type HealthQueryKind, type Observed } from '../../domain/health';
import type { EventCount, WorkloadObservation } from '../../domain/health';
import type { LogRowsResult } from '../../platform/monitor/logsClient';
import { runBounded } from '../../platform/concurrency/runBounded';
import { chunksOf, groupBy } from './batching';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import type { HealthTarget } from './healthTarget';

/** Clusters per query: keeps the `in~ (…)` list, and so the query text, a few kilobytes long. */
const CLUSTERS_PER_QUERY = 100;
const PARALLEL_CALLS = 4;

export interface LogSignals {
  workload: Observed<WorkloadObservation>;
  warningEvents: Observed<EventCount[]>;
  controlPlaneErrors: Observed<EventCount[]>;
}

/**
 * Pods, Warning events and control-plane errors of every monitored target from Container Insights: per workspace
 * and 100 clusters, one `$batch` request with the three queries (each over all of them). A workspace that cannot be
 * read makes its clusters' logs unavailable with the reason. Keys: lower-case cluster ids; unmonitored clusters
 * have no entry.
 */
export async function queryLogSignals(
  deps: Pick<ClusterHealthDependencies, 'workspaceCustomerId' | 'queryLogsBatch'>,
  targets: readonly HealthTarget[],
  window: { start: Date; end: Date },
): Promise<Map<string, LogSignals>> {
  const monitored = targets.filter((target) => target.workspaceResourceId !== undefined);
  const byWorkspace = groupBy(monitored, (target) => target.workspaceResourceId!.toLowerCase());
  const calls = [...byWorkspace.values()].flatMap((group) => chunksOf(group, CLUSTERS_PER_QUERY)).map((chunk) => () => queryChunk(deps, chunk, window));
  return new Map((await runBounded(calls, PARALLEL_CALLS)).flat());
}

async function queryChunk(
  deps: Pick<ClusterHealthDependencies, 'workspaceCustomerId' | 'queryLogsBatch'>,
  chunk: readonly HealthTarget[],
  range: { start: Date; end: Date },
): Promise<[string, LogSignals][]> {
  const ids = chunk.map((target) => target.id.toLowerCase());
  let answers: (LogRowsResult | Error)[];
  try {
    const workspaceId = await deps.workspaceCustomerId(chunk[0]!.workspaceResourceId!);
    answers = await deps.queryLogsBatch(HEALTH_QUERY_KINDS.map((kind) => ({ workspaceId, query: healthQuery(kind, ids), range })));
  } catch (error) {
    const unavailable = { unavailable: (error as Error).message };
    return ids.map((id) => [id, { workload: unavailable, warningEvents: unavailable, controlPlaneErrors: unavailable }]);
  }
  const answerOf = (kind: HealthQueryKind) => answers[HEALTH_QUERY_KINDS.indexOf(kind)] ?? new Error('Log Analytics returned no answer for the query.');
  const workload = answerOf('workload');
  const warnings = answerOf('warningEvents');
  const errors = answerOf('controlPlaneErrors');
  const workloadRows = workload instanceof Error ? undefined : readWorkloadRows(workload);
  const warningRows = warnings instanceof Error ? undefined : readEventRows(warnings);
  const errorRows = errors instanceof Error ? undefined : readEventRows(errors);
  return ids.map((id) => [
    id,
    {
      workload: workload instanceof Error ? { unavailable: workload.message } : workloadOf(workloadRows!.get(id)),
      warningEvents: warnings instanceof Error ? { unavailable: warnings.message } : { observed: warningRows!.get(id) ?? [] },
      controlPlaneErrors: errors instanceof Error ? { unavailable: errors.message } : { observed: errorRows!.get(id) ?? [] },
    },
  ]);
}

/** No pod inventory at all in the window means the agent is not reporting, which is not the same as no pods. */
function workloadOf(row: WorkloadObservation | undefined): Observed<WorkloadObservation> {
  return row ? { observed: row } : { unavailable: 'no pod inventory from Container Insights in the window' };
}

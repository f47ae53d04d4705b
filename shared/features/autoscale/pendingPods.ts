import type { BatchQuery, LogRowsResult } from '../../platform/monitor/logsClient';
import { PENDING_QUERY_KINDS, pendingPodQuery, poolOfNode, type PendingQueryKind } from './pendingPodQueries';
import type { ListedCluster } from './listedClusters';

export interface PendingPodGroup {
  controller: string;
  count: number;
  cpuMilli: number;
  memoryBytes: number;
}

/** Per lower-case cluster id and lower-case pool: the pending pod groups, or why they are unknown. */
export type PendingByPool = Map<string, { groups: Map<string, PendingPodGroup[]>; unattributed: number } | { unavailable: string }>;

export interface PendingPodPorts {
  workspaceCustomerId: (workspaceResourceId: string) => Promise<string>;
  queryLogsBatch: (queries: readonly BatchQuery[]) => Promise<(LogRowsResult | Error)[]>;
}

const CLUSTERS_PER_QUERY = 100;
const WINDOW_MS = 2 * 60_000;

/**
 * Pending pods of the monitored clusters: one `$batch` request per workspace and 100 clusters, holding the three
 * queries of pendingPodQueries.ts. A group is attributed to the pool where most of its controller's running pods
 * run; a controller with no running pod goes to the cluster's only autoscaled pool if there is one, else it is
 * counted as unattributed (the decision says so).
 */
export async function readPendingPods(ports: PendingPodPorts, clusters: readonly ListedCluster[], at: Date, autoscaledPools: (cluster: ListedCluster) => string[]): Promise<PendingByPool> {
  const result: PendingByPool = new Map();
  const byWorkspace = new Map<string, ListedCluster[]>();
  for (const cluster of clusters) {
    if (cluster.workspaceResourceId === undefined) continue;
    const key = cluster.workspaceResourceId.toLowerCase();
    byWorkspace.set(key, [...(byWorkspace.get(key) ?? []), cluster]);
  }
  const range = { start: new Date(at.getTime() - WINDOW_MS), end: at };
  for (const group of byWorkspace.values()) {
    for (let start = 0; start < group.length; start += CLUSTERS_PER_QUERY) {
      const chunk = group.slice(start, start + CLUSTERS_PER_QUERY);
      for (const [id, pending] of await queryChunk(ports, chunk, range, autoscaledPools)) result.set(id, pending);
    }
  }
  return result;
}

async function queryChunk(
  ports: PendingPodPorts,
  chunk: readonly ListedCluster[],
  range: { start: Date; end: Date },
  autoscaledPools: (cluster: ListedCluster) => string[],
): Promise<[string, PendingByPool extends Map<string, infer V> ? V : never][]> {
  const ids = chunk.map((cluster) => cluster.id.toLowerCase());
  let answers: (LogRowsResult | Error)[];
  try {
    const workspaceId = await ports.workspaceCustomerId(chunk[0]!.workspaceResourceId!);
    answers = await ports.queryLogsBatch(PENDING_QUERY_KINDS.map((kind) => ({ workspaceId, query: pendingPodQuery(kind, ids), range })));
  } catch (error) {
    return ids.map((id) => [id, { unavailable: (error as Error).message }]);
  }
  const failed = answers.find((answer): answer is Error => answer instanceof Error);
  if (failed) return ids.map((id) => [id, { unavailable: failed.message }]);
  const table = (kind: PendingQueryKind) => rowsOf(answers[PENDING_QUERY_KINDS.indexOf(kind)] as LogRowsResult);
  const pending = table('pending');
  const placement = table('placement');
  const requests = table('requests');
  return chunk.map((cluster) => {
    const id = cluster.id.toLowerCase();
    const poolNames = cluster.pools.map((pool) => pool.name ?? '');
    const mine = (rows: Record<string, unknown>[]) => rows.filter((row) => textOf(row['_ResourceId']).toLowerCase() === id);
    const poolOfController = controllerPools(mine(placement), poolNames);
    const sizes = requestSizes(mine(requests), poolNames);
    const autoscaled = autoscaledPools(cluster);
    const groups = new Map<string, PendingPodGroup[]>();
    let unattributed = 0;
    for (const row of mine(pending)) {
      const controller = textOf(row['ControllerName']);
      const count = Number(row['PendingPods'] ?? 0);
      const pool = poolOfController.get(controller) ?? (autoscaled.length === 1 ? autoscaled[0]!.toLowerCase() : undefined);
      const size = pool === undefined ? undefined : sizes.get(pool);
      if (pool === undefined || size === undefined) {
        unattributed += count;
        continue;
      }
      groups.set(pool, [...(groups.get(pool) ?? []), { controller, count, ...size }]);
    }
    return [id, { groups, unattributed }];
  });
}

/** The pool (lower case) running most of each controller's pods. */
function controllerPools(rows: readonly Record<string, unknown>[], poolNames: readonly string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const pool = poolOfNode(textOf(row['Computer']), poolNames)?.toLowerCase();
    if (pool === undefined) continue;
    const controller = textOf(row['ControllerName']);
    const byPool = counts.get(controller) ?? new Map<string, number>();
    byPool.set(pool, (byPool.get(pool) ?? 0) + Number(row['Pods'] ?? 0));
    counts.set(controller, byPool);
  }
  return new Map([...counts].map(([controller, byPool]) => [controller, [...byPool].sort((a, b) => b[1] - a[1])[0]![0]]));
}

/** Average container request per pool (lower case), from the per-node averages. */
function requestSizes(rows: readonly Record<string, unknown>[], poolNames: readonly string[]): Map<string, { cpuMilli: number; memoryBytes: number }> {
  const sums = new Map<string, { cpu: number[]; memory: number[] }>();
  for (const row of rows) {
    const pool = poolOfNode(textOf(row['Computer']), poolNames)?.toLowerCase();
    if (pool === undefined) continue;
    const entry = sums.get(pool) ?? { cpu: [], memory: [] };
    const value = Number(row['Value'] ?? 0);
    if (row['CounterName'] === 'cpuRequestNanoCores') entry.cpu.push(value / 1_000_000);
    else entry.memory.push(value);
    sums.set(pool, entry);
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return new Map([...sums].filter(([, entry]) => entry.cpu.length > 0).map(([pool, entry]) => [pool, { cpuMilli: Math.ceil(mean(entry.cpu)), memoryBytes: Math.ceil(mean(entry.memory)) }]));
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function rowsOf(result: LogRowsResult): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column.name, row[index]])));
}

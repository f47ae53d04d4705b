import type { LogRowsResult } from '../../platform/monitor/logsClient';
import { PENDING_QUERY_KINDS, pendingPodQuery, poolOfNode, type PendingQueryKind } from './pendingPodQueries';
import type { ListedCluster } from './listedClusters';
import { failureOf, rowsOf, type ChunkReader, type WorkspaceLogPorts } from './workspaceLogBatches';

export interface PendingPodGroup {
  controller: string;
  count: number;
  cpuMilli: number;
  memoryBytes: number;
}

/** Per lower-case cluster id and lower-case pool: the pending pod groups, or why they are unknown. */
export type PendingByPool = Map<string, { groups: Map<string, PendingPodGroup[]>; unattributed: number } | { unavailable: string }>;

export type PendingPodPorts = WorkspaceLogPorts;

const WINDOW_MS = 2 * 60_000;

/**
 * Pending pods of the monitored clusters, as a reader of the cycle's one `$batch` request per workspace and 100
 * clusters (workspaceLogBatches.ts): the three queries of pendingPodQueries.ts over the chunk's clusters that want
 * them. A group is attributed to the pool where most of its controller's running pods run and sized like them; a
 * controller with no running pod cannot be sized and is counted as unattributed (the decision says so). Fills
 * `result` as the answers come.
 */
export function pendingPodReader(clusters: readonly ListedCluster[], at: Date, autoscaledPools: (cluster: ListedCluster) => string[], result: PendingByPool): ChunkReader {
  const wanted = new Set(clusters.map((cluster) => cluster.id.toLowerCase()));
  const range = { start: new Date(at.getTime() - WINDOW_MS), end: at };
  const mine = (chunk: readonly ListedCluster[]) => chunk.filter((cluster) => wanted.has(cluster.id.toLowerCase()));
  return {
    queriesFor(chunk) {
      const ids = mine(chunk).map((cluster) => cluster.id.toLowerCase());
      return ids.length === 0 ? [] : PENDING_QUERY_KINDS.map((kind) => ({ query: pendingPodQuery(kind, ids), range }));
    },
    read(chunk, answers) {
      for (const [id, pending] of pendingOfChunk(mine(chunk), answers, autoscaledPools)) result.set(id, pending);
    },
  };
}

function pendingOfChunk(
  chunk: readonly ListedCluster[],
  answers: readonly (LogRowsResult | Error)[],
  autoscaledPools: (cluster: ListedCluster) => string[],
): [string, PendingByPool extends Map<string, infer V> ? V : never][] {
  const ids = chunk.map((cluster) => cluster.id.toLowerCase());
  const failure = PENDING_QUERY_KINDS.map((_kind, index) => failureOf(answers[index])).find((reason) => reason !== undefined);
  if (failure !== undefined) return ids.map((id) => [id, { unavailable: failure }]);
  const table = (kind: PendingQueryKind) => rowsOf(answers[PENDING_QUERY_KINDS.indexOf(kind)] as LogRowsResult);
  const [pending, running, requests] = PENDING_QUERY_KINDS.map(table) as [Row[], Row[], Row[]];
  return chunk.map((cluster) => {
    const id = cluster.id.toLowerCase();
    const mine = (rows: Row[]) => rows.filter((row) => textOf(row['_ResourceId']).toLowerCase() === id);
    const controllers = controllersOf(mine(running), podRequests(mine(requests)), cluster.pools.map((pool) => pool.name ?? ''));
    const autoscaled = autoscaledPools(cluster);
    const groups = new Map<string, PendingPodGroup[]>();
    let unattributed = 0;
    for (const row of mine(pending)) {
      const controller = textOf(row['ControllerName']);
      const count = Number(row['PendingPods'] ?? 0);
      const known = controllers.get(controller);
      const pool = known?.pool ?? (autoscaled.length === 1 ? autoscaled[0]!.toLowerCase() : undefined);
      if (pool === undefined || known?.size === undefined) {
        unattributed += count;
        continue;
      }
      groups.set(pool, [...(groups.get(pool) ?? []), { controller, count, ...known.size }]);
    }
    return [id, { groups, unattributed }];
  });
}

type Row = Record<string, unknown>;
interface PodSize {
  cpuMilli: number;
  memoryBytes: number;
}

/** Each running pod's requests: the sum over its containers (Perf instance `<cluster>/<pod uid>/<container>`). */
function podRequests(rows: readonly Row[]): Map<string, PodSize> {
  const pods = new Map<string, PodSize>();
  for (const row of rows) {
    const parts = textOf(row['InstanceName']).split('/');
    const uid = parts[parts.length - 2] ?? '';
    const size = pods.get(uid) ?? { cpuMilli: 0, memoryBytes: 0 };
    const value = Number(row['Value'] ?? 0);
    if (row['CounterName'] === 'cpuRequestNanoCores') size.cpuMilli += value / 1_000_000;
    else size.memoryBytes += value;
    pods.set(uid, size);
  }
  return pods;
}

/** Per controller: the pool (lower case) running most of its pods, and the largest request of one of them. */
function controllersOf(running: readonly Row[], requests: ReadonlyMap<string, PodSize>, poolNames: readonly string[]): Map<string, { pool: string | undefined; size: PodSize | undefined }> {
  const byController = new Map<string, { pools: Map<string, number>; size: PodSize | undefined }>();
  for (const row of running) {
    const controller = textOf(row['ControllerName']);
    const entry = byController.get(controller) ?? { pools: new Map<string, number>(), size: undefined };
    const pool = poolOfNode(textOf(row['Computer']), poolNames)?.toLowerCase();
    if (pool !== undefined) entry.pools.set(pool, (entry.pools.get(pool) ?? 0) + 1);
    const size = requests.get(textOf(row['PodUid']));
    if (size) entry.size = { cpuMilli: Math.ceil(Math.max(size.cpuMilli, entry.size?.cpuMilli ?? 0)), memoryBytes: Math.ceil(Math.max(size.memoryBytes, entry.size?.memoryBytes ?? 0)) };
    byController.set(controller, entry);
  }
  return new Map([...byController].map(([controller, entry]) => [controller, { pool: [...entry.pools].sort((a, b) => b[1] - a[1])[0]?.[0], size: entry.size }]));
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

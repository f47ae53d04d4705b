import { LOG_ANALYTICS_GROUP_COLUMNS, LOG_ANALYTICS_VALUE_COLUMN, scopedLogAnalyticsQuery } from '../../domain/autoscale/policy';
import type { ListedCluster } from './listedClusters';
import { failureOf, rowsOf, type ChunkReader, type LogAnswer } from './workspaceLogBatches';

/** Per `<cluster id>/<pool>` (lower case): the value a pool's target read, or why it could not be read. */
export type TargetValues = Map<string, { value: number; sampledAt: string } | { unavailable: string }>;

export interface LogAnalyticsTargetPool {
  cluster: ListedCluster;
  poolName: string;
  query: string;
}

const WINDOW_MS = 5 * 60_000;

export const targetKeyOf = (clusterId: string, poolName: string): string => `${clusterId.toLowerCase()}/${poolName.toLowerCase()}`;

/**
 * Log Analytics targets as a reader of the cycle's one `$batch` request per workspace (workspaceLogBatches.ts): per
 * chunk, each distinct policy query once, scoped to the chunk's clusters that use it, over the last 5 minutes. Its
 * rows give `value` per `_ResourceId` and `NodePool`. A failed or partial answer, a missing column or a pool
 * without a row leaves the pool unavailable with the reason (missing: never a scale-down).
 */
export function logAnalyticsTargetReader(pools: readonly LogAnalyticsTargetPool[], at: Date, result: TargetValues): ChunkReader {
  const range = { start: new Date(at.getTime() - WINDOW_MS), end: at };
  const sampledAt = at.toISOString();
  const plans = new WeakMap<readonly ListedCluster[], Map<string, LogAnalyticsTargetPool[]>>();
  return {
    queriesFor(chunk) {
      const ids = new Set(chunk.map((cluster) => cluster.id.toLowerCase()));
      const byQuery = new Map<string, LogAnalyticsTargetPool[]>();
      for (const pool of pools) if (ids.has(pool.cluster.id.toLowerCase())) byQuery.set(pool.query, [...(byQuery.get(pool.query) ?? []), pool]);
      plans.set(chunk, byQuery);
      return [...byQuery].map(([query, users]) => ({ query: scopedLogAnalyticsQuery(query, [...new Set(users.map((user) => user.cluster.id.toLowerCase()))]), range }));
    },
    read(chunk, answers) {
      [...(plans.get(chunk) ?? new Map<string, LogAnalyticsTargetPool[]>()).values()].forEach((users, index) => {
        const values = valuesOf(answers[index]);
        for (const user of users) {
          const key = targetKeyOf(user.cluster.id, user.poolName);
          if ('unavailable' in values) result.set(key, values);
          else {
            const value = values.byPool.get(key);
            result.set(key, value === undefined ? { unavailable: 'the query returned no row for the pool' } : { value, sampledAt });
          }
        }
      });
    },
  };
}

function valuesOf(answer: LogAnswer | undefined): { byPool: Map<string, number> } | { unavailable: string } {
  const failure = failureOf(answer);
  if (failure !== undefined || answer === undefined || answer instanceof Error) return { unavailable: failure ?? 'no answer' };
  const missing = [LOG_ANALYTICS_VALUE_COLUMN, ...LOG_ANALYTICS_GROUP_COLUMNS].filter((name) => !answer.columns.some((column) => column.name === name));
  if (missing.length > 0) return { unavailable: `the query returned no ${missing.join(', ')} column` };
  const byPool = new Map<string, number>();
  for (const row of rowsOf(answer)) {
    const value = Number(row[LOG_ANALYTICS_VALUE_COLUMN]);
    const [resourceId, pool] = LOG_ANALYTICS_GROUP_COLUMNS.map((name) => row[name]);
    if (typeof resourceId !== 'string' || typeof pool !== 'string' || row[LOG_ANALYTICS_VALUE_COLUMN] === null || !Number.isFinite(value)) continue;
    byPool.set(targetKeyOf(resourceId, pool), value);
  }
  return { byPool };
}

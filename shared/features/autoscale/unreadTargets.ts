import type { DecisionRecord } from './decisionRecord';

export interface UnreadTarget {
  target: 'logAnalyticsMetric' | 'customMetric';
  reason: string;
  pools: string[];
}

/** The Log Analytics and custom metric targets the batch could not read, grouped by reason (one log line each). */
export function unreadTargetsOf(records: readonly DecisionRecord[]): UnreadTarget[] {
  const byReason = new Map<string, UnreadTarget>();
  for (const record of records) {
    for (const target of ['logAnalyticsMetric', 'customMetric'] as const) {
      const input = record.inputs[target] as { unavailable?: unknown } | undefined;
      if (typeof input?.unavailable !== 'string') continue;
      const key = `${target}|${input.unavailable}`;
      const entry = byReason.get(key) ?? { target, reason: input.unavailable, pools: [] };
      entry.pools.push(`${record.clusterResourceId}/agentPools/${record.poolName}`);
      byReason.set(key, entry);
    }
  }
  return [...byReason.values()];
}

import { kqlStringList } from '../logs/kqlLiterals';
import type { QueryRows } from '../health';
import type { DeprecatedApiUse } from './memberFacts';

/** How far back the preflight looks for deprecated API calls (AKS looks at the recent usage before a minor upgrade). */
export const DEPRECATED_API_LOOKBACK_HOURS = 12;

/**
 * One query per workspace over the AKSAudit rows of many clusters: calls the API server marked `k8s.io/deprecated`,
 * per cluster and API. The time range is the query's timespan. Cluster ids are ARM ids and only become string literals.
 */
export function deprecatedApiQuery(clusterIds: readonly string[]): string {
  return [
    `AKSAudit | where _ResourceId in~ ${kqlStringList(clusterIds)}`,
    'where tostring(Annotations["k8s.io/deprecated"]) == "true"',
    'extend ApiGroup = tostring(ObjectRef.apiGroup), ApiVersion = tostring(ObjectRef.apiVersion), Resource = tostring(ObjectRef.resource), RemovedRelease = tostring(Annotations["k8s.io/removed-release"])',
    'summarize Calls = count(), LastSeen = max(TimeGenerated) by _ResourceId, ApiGroup, ApiVersion, Resource, RemovedRelease',
  ].join('\n| ');
}

/** Deprecated API use per lower-case cluster id; a cluster without rows made no such call. */
export function readDeprecatedApiRows(result: QueryRows): Map<string, DeprecatedApiUse[]> {
  const index = new Map(result.columns.map((column, i) => [column.name, i]));
  const cell = (row: readonly unknown[], name: string) => row[index.get(name) ?? -1];
  const text = (row: readonly unknown[], name: string) => {
    const value = cell(row, name);
    if (typeof value === 'string') return value;
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  };
  const byCluster = new Map<string, DeprecatedApiUse[]>();
  for (const row of result.rows) {
    const id = text(row, '_ResourceId').toLowerCase();
    const removedRelease = text(row, 'RemovedRelease');
    const lastSeen = cell(row, 'LastSeen');
    const use: DeprecatedApiUse = {
      apiGroup: text(row, 'ApiGroup'),
      apiVersion: text(row, 'ApiVersion'),
      resource: text(row, 'Resource'),
      ...(removedRelease ? { removedRelease } : {}),
      calls: Number(cell(row, 'Calls') ?? 0),
      lastSeen: lastSeen instanceof Date ? lastSeen.toISOString() : text(row, 'LastSeen'),
    };
    byCluster.set(id, [...(byCluster.get(id) ?? []), use]);
  }
  return byCluster;
}

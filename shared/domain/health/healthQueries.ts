import { kqlStringList } from '../logs/kqlLiterals';
import type { EventCount, WorkloadObservation } from './clusterObservation';

/**
 * The Container Insights queries of the health view. Each covers many clusters of one workspace at once
 * (`_ResourceId in~ (…)`, summarized by _ResourceId); the time window is the query's timespan. Cluster ids are
 * ARM ids, so they only ever become string literals.
 */

export const HEALTH_QUERY_KINDS = ['workload', 'warningEvents', 'controlPlaneErrors'] as const;
export type HealthQueryKind = (typeof HEALTH_QUERY_KINDS)[number];

export function healthQuery(kind: HealthQueryKind, clusterIds: readonly string[]): string {
  const clusters = `_ResourceId in~ ${kqlStringList(clusterIds)}`;
  switch (kind) {
    case 'workload':
      // Latest state of each container, then of each pod; a container whose restart count grew in the window restarts.
      return [
        `KubePodInventory | where ${clusters}`,
        'summarize arg_max(TimeGenerated, PodStatus), MaxRestarts = max(ContainerRestartCount), MinRestarts = min(ContainerRestartCount) by _ResourceId, PodUid, ContainerName',
        'summarize arg_max(TimeGenerated, PodStatus), Restarting = countif(MaxRestarts > MinRestarts) by _ResourceId, PodUid',
        'summarize PendingPods = countif(PodStatus == "Pending"), FailedPods = countif(PodStatus == "Failed"), RestartingContainers = sum(Restarting) by _ResourceId',
      ].join('\n| ');
    case 'warningEvents':
      return [`KubeEvents | where ${clusters} and KubeEventType == "Warning"`, 'summarize Events = count(), arg_max(TimeGenerated, Message) by _ResourceId, Reason'].join('\n| ');
    case 'controlPlaneErrors':
      return [
        `AKSControlPlane | where ${clusters} and Level =~ "Error"`,
        'summarize Events = count(), arg_max(TimeGenerated, Message) by _ResourceId, Reason = Category',
      ].join('\n| ');
  }
}

export interface QueryRows {
  columns: readonly { name: string }[];
  rows: readonly (readonly unknown[])[];
}

/** Workload counts per lower-case cluster id; a cluster without rows has none of them. */
export function readWorkloadRows(result: QueryRows): Map<string, WorkloadObservation> {
  const read = reader(result);
  return new Map(
    result.rows.map((row) => [
      read.text(row, '_ResourceId').toLowerCase(),
      { pendingPods: read.number(row, 'PendingPods'), failedPods: read.number(row, 'FailedPods'), restartingContainers: read.number(row, 'RestartingContainers') },
    ]),
  );
}

/** Event counts by reason per lower-case cluster id. */
export function readEventRows(result: QueryRows): Map<string, EventCount[]> {
  const read = reader(result);
  const byCluster = new Map<string, EventCount[]>();
  for (const row of result.rows) {
    const id = read.text(row, '_ResourceId').toLowerCase();
    const events = byCluster.get(id) ?? [];
    events.push({ reason: read.text(row, 'Reason'), count: read.number(row, 'Events'), lastMessage: read.text(row, 'Message') });
    byCluster.set(id, events);
  }
  return byCluster;
}

function reader(result: QueryRows) {
  const index = new Map(result.columns.map((column, position) => [column.name, position]));
  const cell = (row: readonly unknown[], name: string): unknown => {
    const position = index.get(name);
    if (position === undefined) throw new Error(`The query result has no column ${name}.`);
    return row[position];
  };
  return {
    text: (row: readonly unknown[], name: string) => {
      const value = cell(row, name);
      return typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value);
    },
    number: (row: readonly unknown[], name: string) => Number(cell(row, name) ?? 0) || 0,
  };
}

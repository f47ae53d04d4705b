import type { Fleet } from '../engine/fleet';
import type { LogTableName, TablesFor, TimeRange, WorkspaceLogs, WorkspacesOfResource } from '../logAnalytics';
import type { LogRecord } from '../logAnalytics';
import type { ClusterState } from '../model';
import { clusterKey, clusterResourceId } from '../model';
import { MAX_TABLE_RANGE_MS, tableRows } from '../workload/tables/workloadTables';
import type { WorkloadSimulation } from '../workload/workloadSimulation';
import { monitoringWorkspaceResourceId } from './monitoringAddon';
import { workspaceResourceId } from './workspaceStore';

/**
 * The query API's view of the fleet: a workspace (by customerId) holds the rows of every cluster whose monitoring
 * add-on names it. Rows are generated from the workload simulation for the query's time range, clamped to the
 * latest day of it that is not in the future (the generators' limit); no timespan means the last day.
 */
export function fleetTablesFor(fleet: Fleet, simulation: WorkloadSimulation): TablesFor {
  return (customerId, range) => {
    const workspace = fleet.workspaces.findByCustomerId(customerId);
    if (workspace === undefined) return undefined;
    fleet.operations.tick();
    const clusters = clustersReportingTo(fleet, workspaceResourceId(workspace));
    return workspaceLogs(clusters, simulation, collectionWindow(range, fleet.clock.now()));
  };
}

/**
 * Where a resource-context query looks: the workspace (customerId) the cluster's monitoring add-on names, when the
 * resource is a cluster of the fleet that reports to an existing workspace. The query API then keeps only the
 * rows of that resource out of the workspace's rows of every cluster reporting there.
 */
export function fleetWorkspacesOfResource(fleet: Fleet): WorkspacesOfResource {
  return (resourceId) => {
    const wanted = `/${resourceId.replace(/^\/+/, '')}`.toLowerCase();
    const cluster = [...fleet.clusters.values()].find((candidate) => clusterResourceId(candidate).toLowerCase() === wanted);
    const workspaceId = cluster === undefined ? undefined : monitoringWorkspaceResourceId(cluster);
    const workspace = workspaceId === undefined ? undefined : fleet.workspaces.find(workspaceId);
    return workspace === undefined ? [] : [workspace.customerId];
  };
}

function clustersReportingTo(fleet: Fleet, workspaceId: string): ClusterState[] {
  const wanted = workspaceId.toLowerCase();
  return [...fleet.clusters.values()].filter((cluster) => monitoringWorkspaceResourceId(cluster)?.toLowerCase() === wanted);
}

interface CollectionWindow {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  nowMs: number;
}

function collectionWindow(range: TimeRange | undefined, nowMs: number): CollectionWindow {
  // The query range is inclusive at both ends, the generators' is [from, to).
  const toMs = Math.min(range?.end ?? nowMs, nowMs) + 1;
  const fromMs = Math.max(range?.start ?? -Infinity, toMs - MAX_TABLE_RANGE_MS);
  return { fromMs, toMs, nowMs };
}

/** Each table is generated once per query, on first use, for every reporting cluster. */
function workspaceLogs(clusters: readonly ClusterState[], simulation: WorkloadSimulation, window: CollectionWindow): WorkspaceLogs {
  const generated = new Map<LogTableName, LogRecord[]>();
  return {
    records(table) {
      let records = generated.get(table);
      if (records === undefined) {
        records = window.toMs > window.fromMs ? clusters.flatMap((cluster) => clusterRows(cluster, simulation, window, table)) : [];
        generated.set(table, records);
      }
      return records;
    },
  };
}

function clusterRows(cluster: ClusterState, simulation: WorkloadSimulation, window: CollectionWindow, table: LogTableName): LogRecord[] {
  return tableRows(
    {
      simulation,
      clusterKey: clusterKey(cluster.subscriptionId, cluster.resourceGroup, cluster.name),
      resourceId: clusterResourceId(cluster),
      subscriptionId: cluster.subscriptionId,
      clusterName: cluster.name,
      ...window,
    },
    table,
  );
}

import type { Fleet } from '../engine/fleet';
import type { LogTableName, TableScan, TablesFor, TimeRange, WorkspaceLogs, WorkspacesOfResource } from '../logAnalytics';
import type { LogRecord } from '../logAnalytics';
import type { ClusterState } from '../model';
import { clusterKey, clusterResourceId } from '../model';
import { MinuteRowCache, PER_MINUTE_TABLES } from '../workload/tables/minuteRowCache';
import { MAX_TABLE_RANGE_MS, tableRows } from '../workload/tables/workloadTables';
import type { WorkloadSimulation } from '../workload/workloadSimulation';
import { monitoringWorkspaceResourceId } from './monitoringAddon';
import { workspaceResourceId } from './workspaceStore';

/**
 * The query API's view of the fleet: a workspace (by customerId) holds the rows of every cluster whose monitoring
 * add-on names it. Rows are generated from the workload simulation for the query's time range, clamped to the
 * latest day of it that is not in the future (the generators' limit); no timespan means the last day. Inventory
 * rows of past minutes are generated once and kept (bounded), see MinuteRowCache.
 */
export function fleetTablesFor(fleet: Fleet, simulation: WorkloadSimulation): TablesFor {
  const minuteRows = new MinuteRowCache();
  return (customerId, range) => {
    const workspace = fleet.workspaces.findByCustomerId(customerId);
    if (workspace === undefined) return undefined;
    fleet.operations.tick();
    const clusters = clustersReportingTo(fleet, workspaceResourceId(workspace));
    return workspaceLogs(clusters, { simulation, minuteRows }, collectionWindow(range, fleet.clock.now()));
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

/**
 * Each table is generated once per query and scan, on first use, for the reporting clusters the scan names (all of
 * them for a full scan): a query over 100 clusters of a workspace of 1,000 generates those 100 clusters' rows only.
 */
interface RowSources {
  simulation: WorkloadSimulation;
  minuteRows: MinuteRowCache;
}

function workspaceLogs(clusters: readonly ClusterState[], sources: RowSources, window: CollectionWindow): WorkspaceLogs {
  const generated = new Map<string, LogRecord[]>();
  return {
    records(table, scan) {
      const key = scanKey(table, scan);
      let records = generated.get(key);
      if (records === undefined) {
        const scanned = clustersInScan(clusters, scan);
        records = window.toMs > window.fromMs ? scanned.flatMap((cluster) => clusterRows(cluster, sources, window, table)) : [];
        generated.set(key, records);
      }
      return records;
    },
  };
}

function clustersInScan(clusters: readonly ClusterState[], scan: TableScan): readonly ClusterState[] {
  const wanted = scan.resourceIds;
  return wanted === undefined ? clusters : clusters.filter((cluster) => wanted.has(clusterResourceId(cluster).toLowerCase()));
}

function scanKey(table: LogTableName, scan: TableScan): string {
  return scan.resourceIds === undefined ? table : `${table}\u0000${[...scan.resourceIds].sort().join('\u0000')}`;
}

function clusterRows(cluster: ClusterState, { simulation, minuteRows }: RowSources, window: CollectionWindow, table: LogTableName): LogRecord[] {
  const ctx = {
    simulation,
    clusterKey: clusterKey(cluster.subscriptionId, cluster.resourceGroup, cluster.name),
    resourceId: clusterResourceId(cluster),
    subscriptionId: cluster.subscriptionId,
    clusterName: cluster.name,
    ...window,
  };
  if (!PER_MINUTE_TABLES.has(table)) return tableRows(ctx, table);
  return minuteRows.rows(ctx, table, simulation.epoch, (minute) => tableRows(minute, table));
}

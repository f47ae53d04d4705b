import type { CarriedCluster } from './autoscaleMessages';

/** What the cycle reads of an inventory row (the inventory feature's record, by shape: no feature imports another). */
export interface InventoryClusterRow {
  id: string;
  location: string;
  tags: Record<string, string>;
  provisioningState?: string | undefined;
  powerState?: string | undefined;
  monitoringWorkspaceId?: string | undefined;
  nodePools: {
    name: string;
    mode?: string | undefined;
    vmSize?: string | undefined;
    count?: number | undefined;
    orchestratorVersion?: string | undefined;
    requestedOrchestratorVersion?: string | undefined;
    provisioningState?: string | undefined;
    enableAutoScaling?: boolean | undefined;
    minCount?: number | undefined;
    maxCount?: number | undefined;
    maxPods?: number | undefined;
    tags?: Record<string, string> | undefined;
  }[];
}

/**
 * The inventory snapshot of a subscription as the cycle's clusters; undefined when there is none or a row was
 * written before the inventory kept pool states (a pool without `provisioningState`): the cycle then lists.
 */
export function autoscaleSnapshotOf(snapshot: { takenAt: string; clusters: readonly InventoryClusterRow[] } | undefined): { takenAt: Date; clusters: CarriedCluster[] } | undefined {
  if (!snapshot) return undefined;
  if (snapshot.clusters.some((cluster) => cluster.nodePools.some((pool) => pool.provisioningState === undefined))) return undefined;
  return { takenAt: new Date(snapshot.takenAt), clusters: snapshot.clusters.map(carriedOfRow) };
}

function carriedOfRow(row: InventoryClusterRow): CarriedCluster {
  return {
    id: row.id,
    location: row.location,
    tags: row.tags,
    provisioningState: row.provisioningState ?? 'Succeeded',
    powerState: row.powerState === 'Stopped' ? 'Stopped' : 'Running',
    ...(row.monitoringWorkspaceId === undefined ? {} : { workspaceResourceId: row.monitoringWorkspaceId }),
    pools: row.nodePools.map((pool) =>
      Object.fromEntries(
        Object.entries({
          name: pool.name,
          mode: pool.mode,
          count: pool.count,
          vmSize: pool.vmSize,
          maxPods: pool.maxPods,
          enableAutoScaling: pool.enableAutoScaling,
          minCount: pool.minCount,
          maxCount: pool.maxCount,
          provisioningState: pool.provisioningState,
          orchestratorVersion: pool.requestedOrchestratorVersion,
          currentOrchestratorVersion: pool.orchestratorVersion,
          tags: pool.tags,
        }).filter(([, value]) => value !== undefined),
      ) as CarriedCluster['pools'][number],
    ),
  };
}

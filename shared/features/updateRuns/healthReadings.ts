import type { ClusterAddress } from '../../domain/fleet/clusterAddress';
import type { HealthReading } from '../../domain/upgrades/run';

/** The part of a cluster-health view (features/clusterHealth) a health gate reads. */
export interface ClusterHealthSnapshot {
  status: HealthReading['status'];
  reasons: { message: string }[];
  nodePools: { nodeCount: number; readyNodes?: number | undefined; cpuPercent?: { average: number } | undefined; memoryPercent?: { average: number } | undefined }[];
  pods?: { pending: number; failed: number; restartingContainers: number } | undefined;
  warningEvents?: { count: number }[] | undefined;
  controlPlaneErrors?: { count: number }[] | undefined;
}

export type HealthGateWindow = 'PT5M' | 'PT15M' | 'PT30M' | 'PT1H';

/**
 * Reads the health of every member waiting gates check, in ONE assessment (metrics and logs batched): over the
 * gate's window, ending at `now` (the run's clock). Snapshots by lower-cased cluster id; a member that could not be
 * read is absent (named in `unread`).
 */
export type AssessMembersHealth = (
  clusters: readonly ClusterAddress[],
  window: HealthGateWindow,
  now: Date,
) => Promise<{ views: ReadonlyMap<string, ClusterHealthSnapshot>; unread: readonly { clusterId: string; error: string }[] }>;

/** The health-gate signals (HEALTH_GATE_SIGNALS) from a health view; a signal its source did not give is absent. */
export function healthReadingOf(view: ClusterHealthSnapshot): HealthReading {
  const pools = view.nodePools;
  const metricsRead = pools.length > 0 && pools.every((pool) => pool.readyNodes !== undefined);
  const highest = (values: (number | undefined)[]) => (values.some((v) => v === undefined) || values.length === 0 ? undefined : Math.max(...(values as number[])));
  const total = (events: { count: number }[] | undefined) => (events === undefined ? undefined : events.reduce((sum, event) => sum + event.count, 0));
  return {
    status: view.status,
    reasons: view.reasons.map((reason) => reason.message),
    signals: {
      cpuAveragePercent: highest(pools.map((pool) => pool.cpuPercent?.average)),
      memoryAveragePercent: highest(pools.map((pool) => pool.memoryPercent?.average)),
      notReadyNodes: metricsRead ? pools.reduce((sum, pool) => sum + (pool.nodeCount - (pool.readyNodes ?? 0)), 0) : undefined,
      pendingPods: view.pods?.pending,
      failedPods: view.pods?.failed,
      restartingContainers: view.pods?.restartingContainers,
      warningEvents: total(view.warningEvents),
      controlPlaneErrors: total(view.controlPlaneErrors),
    },
  };
}

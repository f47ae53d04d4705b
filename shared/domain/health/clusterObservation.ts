/** What was seen of one cluster over the health window; every signal is either observed or says why it is not. */

export type Observed<T> = { observed: T } | { unavailable: string };

export interface UsageSummary {
  /** Mean over every node sample of the pool in the window, in percent of allocatable. */
  average: number;
  /** Highest node sample of the pool in the window, in percent of allocatable. */
  maximum: number;
}

export interface PoolObservation {
  name: string;
  /** Nodes the pool should have (ARM's count). */
  nodeCount: number;
  /** Nodes that reported metrics in the latest minute of the window: the Ready ones. Absent when metrics are unavailable. */
  readyNodes?: number;
  cpu?: UsageSummary;
  memory?: UsageSummary;
}

export interface WorkloadObservation {
  pendingPods: number;
  failedPods: number;
  restartingContainers: number;
}

export interface EventCount {
  reason: string;
  count: number;
  /** The newest message of this reason. */
  lastMessage: string;
}

export interface ClusterObservation {
  provisioningState?: string;
  powerState?: string;
  pools: PoolObservation[];
  /** Node metrics (Azure Monitor); the pools carry the values. */
  metrics: Observed<true>;
  /** Pods and containers (Container Insights); absent when the cluster sends no logs. */
  workload?: Observed<WorkloadObservation>;
  warningEvents?: Observed<EventCount[]>;
  controlPlaneErrors?: Observed<EventCount[]>;
}

export function isObserved<T>(signal: Observed<T> | undefined): signal is { observed: T } {
  return signal !== undefined && 'observed' in signal;
}

import type { EffectivePolicy } from '../policy/effectivePolicy';
import type { Condition, NodeTemplate, PodGroup } from '../types';

/** The pool as ARM (or the inventory snapshot) describes it at this cycle. */
export interface PoolState {
  clusterResourceId: string;
  poolName: string;
  mode: 'System' | 'User';
  /** Current node count (`count`). */
  count: number;
  /** Allocatable capacity of one node of the pool's VM size (after kube and system reservations). */
  node: NodeTemplate;
  /** AKS's cluster autoscaler: when on, Fleetplane changes only its min/max, never `count`. */
  clusterAutoscaler: { enabled: boolean; minCount?: number | undefined; maxCount?: number | undefined };
  /** ARM provisioningState of the pool; anything but Succeeded/Failed means an operation runs on it. */
  provisioningState: string;
  clusterPowerState: 'Running' | 'Stopped';
  /** A Fleetplane operation on the cluster or pool is still running. */
  inOperation: boolean;
  /** The pool or cluster is upgrading (ARM provisioningState Upgrading, or an orchestrator version change under way). */
  upgrading: boolean;
  /** A Fleetplane update run holds this cluster. */
  inUpdateRun: boolean;
}

/** One metric reading with the time it describes (ISO 8601). */
export interface Reading {
  value: number;
  sampledAt: string;
}

/** What the cycle measured for the pool; anything may be missing (undefined or null). */
export interface PoolObservations {
  /** Average node CPU utilisation of the pool, %. */
  cpuPercent?: Reading | null;
  /** Average node memory (working set) utilisation of the pool, %. */
  memoryPercent?: Reading | null;
  /** Pods that cannot be scheduled and would land on this pool, grouped by identical requests. */
  pendingPods?: { groups: PodGroup[]; sampledAt: string } | null;
  logAnalyticsValue?: Reading | null;
  customMetricValue?: Reading | null;
}

/** What a pool's evaluations remember between cycles (absolute times, so ages follow the clock). */
export interface PoolHistory {
  /** The stabilisation log: the count each past cycle recommended. */
  recommendations: { replicas: number; at: string }[];
  /** Node count changes Fleetplane made (positive up, negative down), for the rate limits. */
  scaleEvents: { change: number; at: string }[];
  /** The schedule that stopped the cluster, while it is stopped because of it. */
  stoppedBySchedule?: string | undefined;
}

export const EMPTY_POOL_HISTORY: PoolHistory = { recommendations: [], scaleEvents: [] };

export interface EvaluatePoolInput {
  policy: EffectivePolicy;
  pool: PoolState;
  observations: PoolObservations;
  history: PoolHistory;
  /** ISO 8601. */
  now: string;
  /** A reading older than this is stale (default 300 s). */
  staleAfterSeconds?: number;
}

export type SkipReason =
  | 'PolicyDisabled'
  | 'InOperation'
  | 'Upgrading'
  | 'InUpdateRun'
  | 'ClusterStopped'
  | 'PoolNotReady';

export type MetricName = 'cpu' | 'memory' | 'pendingPods' | 'logAnalytics' | 'custom';

/** One target's raw proposal, before the proposals are combined. */
export interface MetricStep {
  metric: MetricName;
  /** The value read (percent, pending pod count, metric value), or null when missing. */
  value: number | null;
  target: number | null;
  sampledAt: string | null;
  status: 'ok' | 'missing' | 'stale' | 'error';
  proposedNodes: number | null;
  /** What was read for a Log Analytics or custom metric target: the policy's query, or `namespace/metric name`. */
  source?: string;
  /** Why the proposal is what it is (e.g. "within tolerance", "3 pending pods need 1 node"). */
  note: string;
}

/** The HPA pipeline after the proposals: combine, stabilise, rate limit, clamp. */
export interface DecisionSteps {
  metrics: MetricStep[];
  /** The largest valid proposal and the metric that made it (null when the proposals could not decide). */
  combined: { nodes: number; metric: MetricName } | null;
  /** decideReplicas' outcome. */
  decided: { nodes: number; condition: Condition; reason: string } | null;
  /** The range the decision was clamped to. */
  range: { minNodes: number; maxNodes: number };
}

/** What the pool should become. */
export type PoolAction =
  | { type: 'None' }
  | { type: 'SetCount'; from: number; to: number }
  | { type: 'SetRange'; from: { minCount: number | null; maxCount: number | null }; to: { minCount: number; maxCount: number } };

export type ClusterAction = { type: 'Stop'; schedule: string } | { type: 'Start'; schedule: string } | null;

/** The rule that settled the outcome, in a stable machine-readable form (e.g. `metric:cpu`, `schedule:night`). */
export type DecidingRule = string;

export interface PoolDecision {
  clusterResourceId: string;
  poolName: string;
  evaluatedAt: string;
  mode: 'Enforce' | 'DryRun';
  skipped: SkipReason | null;
  action: PoolAction;
  clusterAction: ClusterAction;
  /** Whether an ARM write is planned: never in DryRun, never when nothing changes. */
  needsWrite: boolean;
  /** The cluster autoscaler owns the count: only its range is managed (the sentence says so). */
  clusterAutoscalerManaged: boolean;
  /** Pending pods were waiting (scale-ups for them go first in the write budget). */
  hasPendingPods: boolean;
  steps: DecisionSteps;
  rule: DecidingRule;
  sentence: string;
  /** What to store for the next cycle (unchanged when the pool was skipped). */
  history: PoolHistory;
}

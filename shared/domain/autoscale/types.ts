/**
 * The autoscale contract's JSON shapes. Units: CPU millicores, memory bytes, custom metrics milli-units,
 * time in seconds, ages counted back from "now". "Replicas" are a workload's pods or a pool's nodes.
 */

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** One pod (or node) as the HPA sees it. `null` means "no request" / "no metric sample". */
export interface ReplicaSample {
  phase: Phase;
  ready: boolean;
  deleting: boolean;
  cpuInitializing?: boolean;
  requestMilli?: number | null;
  usageMilli?: number | null;
  valueMilli?: number | null;
}

export type MetricTarget =
  | { type: 'Resource'; resource?: 'cpu' | 'memory'; targetUtilizationPercent: number }
  | { type: 'Pods'; targetAverageValueMilli: number }
  | { type: 'Object' | 'External'; valueMilli: number; targetValueMilli: number }
  | { type: 'Object' | 'External'; valueMilli: number; targetAverageValueMilli: number };

export interface CalculateReplicasInput {
  currentReplicas: number;
  samples: ReplicaSample[];
  metric: MetricTarget;
  /** No change while |1 - ratio| <= tolerance; 0.1 when absent. */
  tolerance?: number;
}

export type CalculateReplicasResult =
  { ok: true; desiredReplicas: number; current: number } | { ok: false; error: string };

export interface Recommendation {
  replicas: number;
  ageSeconds: number;
}

export interface ScaleEvent {
  replicaChange: number;
  ageSeconds: number;
}

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

export interface ScalingRules {
  stabilizationWindowSeconds?: number | null;
  selectPolicy?: SelectPolicy;
  policies?: ScalingPolicy[];
}

/** The HPA's ScalingLimited reasons. */
export type Condition =
  'DesiredWithinRange' | 'ScaleUpLimit' | 'ScaleDownLimit' | 'TooFewReplicas' | 'TooManyReplicas';

export interface StabilizeRecommendationInput {
  currentReplicas: number;
  desiredReplicas: number;
  recommendations: Recommendation[];
  scaleUpWindowSeconds: number;
  scaleDownWindowSeconds: number;
}

export interface StabilizeRecommendationLegacyInput {
  desiredReplicas: number;
  recommendations: Recommendation[];
  windowSeconds: number;
}

/** `recommendations` is the stored log afterwards (the new recommendation has age 0). */
export interface StabilizedRecommendation {
  replicas: number;
  recommendations: Recommendation[];
}

export interface ApplyRateLimitsInput {
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  /** null = the API's defaults; a partial rule takes the default per missing field. */
  scaleUp: ScalingRules | null;
  scaleDown: ScalingRules | null;
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface ApplyLegacyLimitsInput {
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
}

export interface LimitedReplicas {
  desiredReplicas: number;
  condition: Condition;
}

export interface ScaleLimitInput {
  currentReplicas: number;
  rules: ScalingRules;
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface ReplicasChangedWithinInput {
  periodSeconds: number;
  events: ScaleEvent[];
}

export interface MetricProposal {
  name: string;
  proposedReplicas: number | null;
  valid: boolean;
}

export interface Behavior {
  scaleUp?: ScalingRules | null;
  scaleDown?: ScalingRules | null;
}

export interface DecideReplicasInput {
  currentReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  metrics: MetricProposal[];
  /** null = an HPA without `behavior` (the legacy path). */
  behavior: Behavior | null;
  recommendations: Recommendation[];
  scaleUpEvents?: ScaleEvent[];
  scaleDownEvents?: ScaleEvent[];
  /** The controller's --horizontal-pod-autoscaler-downscale-stabilization; 300 when absent. */
  downscaleStabilizationWindowSeconds?: number;
}

export interface ReplicaDecision {
  desiredReplicas: number;
  condition: Condition;
  reason: string;
  recommendations: Recommendation[];
}

export interface NodeTemplate {
  allocatableCpuMilli: number;
  allocatableMemoryBytes: number;
  allocatablePods: number;
}

export interface PodGroup {
  count: number;
  cpuMilli: number;
  memoryBytes: number;
}

export interface EstimateNodesInput {
  nodeTemplate: NodeTemplate;
  podGroups: PodGroup[];
  /** 0 = no limit. */
  maxNodes: number;
}

export interface NodeEstimate {
  nodeCount: number;
  scheduledPodCount: number;
}

export type PodKind = 'regular' | 'daemonset' | 'mirror';

export interface NodePod {
  cpuMilli: number;
  memoryBytes: number;
  kind: PodKind;
  deletionAgeMinutes?: number;
}

export interface NodeUtilizationInput {
  node: { allocatableCpuMilli: number; allocatableMemoryBytes: number };
  pods: NodePod[];
  ignoreDaemonSets: boolean;
  ignoreMirrorPods: boolean;
}

export interface NodeUtilization {
  utilization: number;
  cpu: number;
  memory: number;
  binding: 'cpu' | 'memory';
}

export interface ExpansionOption {
  nodeGroup: string;
  nodeCount: number;
  nodeCapacity: { cpuMilli: number; memoryBytes: number };
}

export interface LeastWasteInput {
  pods: { cpuMilli: number; memoryBytes: number }[];
  options: ExpansionOption[];
}

export interface LeastWasteResult {
  best: string[];
  scores: Record<string, number>;
}

/**
 * The upgrades contract's shapes (docs: the upgrades contract; rules and sources in upgrades.md).
 * Everything is plain JSON: versions are `x.y.z` strings, times ISO-8601 UTC strings without milliseconds.
 */

export type SupportPlan = 'KubernetesOfficial' | 'AKSLongTermSupport';

export type ClusterAutoUpgradeChannel = 'none' | 'patch' | 'stable' | 'rapid' | 'node-image';

export interface ClusterVersions {
  controlPlane: string;
  /** pool name → the pool's currentOrchestratorVersion */
  nodePools: Record<string, string>;
  supportPlan: SupportPlan;
  autoUpgradeChannel: ClusterAutoUpgradeChannel;
}

export type UpgradeType = 'Full' | 'ControlPlaneOnly' | 'NodePoolOnly';

export interface UpgradeRequest {
  /** `x.y.z`, or the alias `x.y` (the highest eligible GA patch of that minor). */
  target: string;
  upgradeType: UpgradeType;
  /** NodePoolOnly: the one pool to upgrade; every pool when absent. */
  targetPool?: string;
  allowPreview?: boolean;
}

export interface VersionSources {
  /** ARM body of GET …/locations/{l}/kubernetesVersions (`{ values: [...] }`). */
  catalog: unknown;
  /** ARM body of GET …/managedClusters/{n}/upgradeProfiles/default; the authority for skip hops. */
  upgradeProfile?: unknown;
}

export type UpgradeErrorKind =
  | 'DOWNGRADE_NOT_ALLOWED'
  | 'MINOR_VERSION_SKIP'
  | 'NODE_POOL_NEWER_THAN_CONTROL_PLANE'
  | 'VERSION_SKEW_EXCEEDED'
  | 'VERSION_NOT_AVAILABLE'
  | 'PREVIEW_NOT_ALLOWED'
  | 'NO_UPGRADE_PATH'
  | 'CONTROL_PLANE_ONLY_WITH_AUTOUPGRADE'
  | 'CONTROL_PLANE_ONLY_NOT_SUPPORTED_FOR_UNSUPPORTED_VERSION';

export interface UpgradeRejection {
  ok: false;
  errorKind: UpgradeErrorKind;
  /** What AKS would say, in its words where they are known. */
  message: string;
  /** AKS's error code (`error.code` of the ARM envelope) where known. */
  azureErrorCode?: string;
  offendingPools?: string[];
}

/** One ARM operation. When it moves the control plane, the control plane moves first. */
export interface UpgradeStep {
  controlPlane?: string;
  nodePools?: Record<string, string>;
}

export interface UpgradePlan {
  ok: true;
  resolvedTarget: string;
  steps: UpgradeStep[];
}

export interface UpgradeAccepted {
  ok: true;
  resolvedTarget: string;
}

export type AutoUpgradeChannel = ClusterAutoUpgradeChannel | 'TargetKubernetesVersion';

export interface AutoUpgradeInput {
  current: string;
  channel: AutoUpgradeChannel;
  /** `x.y`, for the TargetKubernetesVersion channel. */
  targetKubernetesVersion?: string;
  /** GA versions offered; takes precedence over `catalog`. */
  available?: string[];
  /** ARM kubernetesVersions body, used when there is no `available` list. */
  catalog?: unknown;
}

export interface AutoUpgradeDecision {
  hops: string[];
  reason?: string;
}

export interface Interval {
  start: string;
  end: string;
}

export interface MaintenanceWindowInput {
  /** AKS `MaintenanceWindow` wire shape (a maintenance configuration body is unwrapped too). */
  maintenanceWindow: unknown;
  now: string;
  /** How many future windows to list; 3 when absent. */
  count?: number;
}

export interface MaintenanceWindowSchedule {
  ok: true;
  open: boolean;
  current?: Interval;
  next: Interval[];
  /** Starts suppressed by notAllowedDates, up to the last window in `next`. */
  skipped: string[];
  blockedIntervalsUtc: Interval[];
}

export interface FieldError {
  path: string;
  message: string;
}

export interface InvalidMaintenanceWindow {
  ok: false;
  errorKind: 'INVALID_MAINTENANCE_WINDOW';
  errors: FieldError[];
}

export interface ScheduledStartInput {
  startDay: string;
  startTime: string;
  utcOffset: string;
  reachedAt: string;
}

export interface WindowedMember {
  name: string;
  maintenanceWindow: unknown;
}

export interface MemberOrderInput {
  now: string;
  members: WindowedMember[];
}

export interface SurgeInput {
  poolNodeCount: number;
  mode?: 'System' | 'User';
  maxSurge?: string | null;
  maxUnavailable?: string | null;
  nodesRemainingToUpgrade?: number;
  maxPods?: number;
  undrainableNodeBehavior?: 'Schedule' | 'Cordon';
  maxBlockedNodes?: string | null;
}

export interface SurgeDecision {
  ok: true;
  surgeNodes: number;
  unavailableNodes: number;
  effectiveMaxSurge: string;
  ipsRequired?: number;
  effectiveMaxBlockedNodes?: number;
}

export interface SurgeRejection {
  ok: false;
  errorKind: 'VMSS_INSTANCE_LIMIT' | 'INVALID_UPGRADE_SETTINGS';
  message: string;
  surgeNodes?: number;
}

export interface GroupOutcome {
  state: 'Completed' | 'Failed';
  failureCount: number;
}

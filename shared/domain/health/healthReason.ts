import type { HealthStatus } from './healthStatus';

export const HEALTH_REASON_CODES = [
  'ProvisioningFailed',
  'ClusterStopped',
  'MetricsUnavailable',
  'LogsUnavailable',
  'NoReadyNodes',
  'NodesNotReady',
  'CpuPressure',
  'MemoryPressure',
  'PodsPending',
  'PodsFailed',
  'ContainersRestarting',
  'WarningEvents',
  'ControlPlaneErrors',
] as const;
export type HealthReasonCode = (typeof HEALTH_REASON_CODES)[number];

/** One finding that decided (or helped decide) the status: the status it calls for and why. */
export interface HealthReason {
  code: HealthReasonCode;
  status: Exclude<HealthStatus, 'Healthy'>;
  message: string;
  /** The node pool it is about, when it is about one. */
  pool?: string;
}

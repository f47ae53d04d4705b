/** Where each signal turns a cluster Degraded or Unhealthy. Percentages are of the nodes' allocatable resources. */
export interface HealthThresholds {
  cpuAverageDegraded: number;
  cpuAverageUnhealthy: number;
  /** A single node sample this high is a Degraded sign even when the average is fine. */
  cpuMaximumDegraded: number;
  memoryAverageDegraded: number;
  memoryAverageUnhealthy: number;
  memoryMaximumDegraded: number;
  /** Warning events in the window from which the cluster is Degraded (a few are normal churn). */
  warningEventsDegraded: number;
  controlPlaneErrorsDegraded: number;
  pendingPodsDegraded: number;
  failedPodsDegraded: number;
  restartingContainersDegraded: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  cpuAverageDegraded: 80,
  cpuAverageUnhealthy: 95,
  cpuMaximumDegraded: 98,
  memoryAverageDegraded: 85,
  memoryAverageUnhealthy: 95,
  memoryMaximumDegraded: 98,
  warningEventsDegraded: 10,
  controlPlaneErrorsDegraded: 1,
  pendingPodsDegraded: 1,
  failedPodsDegraded: 1,
  restartingContainersDegraded: 1,
};

import { isObserved, type ClusterObservation, type EventCount, type PoolObservation, type UsageSummary } from './clusterObservation';
import type { HealthReason } from './healthReason';
import { worstStatus, type HealthStatus } from './healthStatus';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './healthThresholds';

export interface HealthAssessment {
  status: HealthStatus;
  /** Every finding, worst first; empty when Healthy. */
  reasons: HealthReason[];
}

/**
 * The overall status is the worst status any finding calls for. Missing node metrics call for Unknown; missing
 * logs too, but only when the cluster sends logs (a cluster without Container Insights is judged on metrics).
 */
export function assessClusterHealth(observation: ClusterObservation, thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS): HealthAssessment {
  const reasons = [...stateFindings(observation), ...metricFindings(observation, thresholds), ...logFindings(observation, thresholds)];
  const status = worstStatus(reasons.map((reason) => reason.status));
  const order = (reason: HealthReason) => ['Unhealthy', 'Degraded', 'Unknown'].indexOf(reason.status);
  return { status, reasons: [...reasons].sort((a, b) => order(a) - order(b)) };
}

function stateFindings(observation: ClusterObservation): HealthReason[] {
  const reasons: HealthReason[] = [];
  if (observation.provisioningState?.toLowerCase() === 'failed') {
    reasons.push({ code: 'ProvisioningFailed', status: 'Unhealthy', message: 'The last operation on the cluster failed (provisioningState Failed).' });
  }
  if (observation.powerState?.toLowerCase() === 'stopped') {
    reasons.push({ code: 'ClusterStopped', status: 'Unknown', message: 'The cluster is stopped: it runs no workload to assess.' });
  }
  return reasons;
}

function metricFindings(observation: ClusterObservation, thresholds: HealthThresholds): HealthReason[] {
  if (observation.powerState?.toLowerCase() === 'stopped') return [];
  if (!isObserved(observation.metrics)) {
    return [{ code: 'MetricsUnavailable', status: 'Unknown', message: `Node metrics are unavailable: ${observation.metrics.unavailable}` }];
  }
  return observation.pools.flatMap((pool) => [...nodeFindings(pool), ...usageFindings(pool, thresholds)]);
}

function nodeFindings(pool: PoolObservation): HealthReason[] {
  if (pool.nodeCount === 0 || pool.readyNodes === undefined) return [];
  if (pool.readyNodes === 0) {
    return [{ code: 'NoReadyNodes', status: 'Unhealthy', pool: pool.name, message: `Pool ${pool.name}: none of its ${pool.nodeCount} nodes is ready.` }];
  }
  if (pool.readyNodes < pool.nodeCount) {
    return [{ code: 'NodesNotReady', status: 'Degraded', pool: pool.name, message: `Pool ${pool.name}: ${pool.readyNodes} of ${pool.nodeCount} nodes ready.` }];
  }
  return [];
}

function usageFindings(pool: PoolObservation, thresholds: HealthThresholds): HealthReason[] {
  const cpu = usageFinding(pool, 'CpuPressure', 'CPU', pool.cpu, thresholds.cpuAverageDegraded, thresholds.cpuAverageUnhealthy, thresholds.cpuMaximumDegraded);
  const memory = usageFinding(pool, 'MemoryPressure', 'memory', pool.memory, thresholds.memoryAverageDegraded, thresholds.memoryAverageUnhealthy, thresholds.memoryMaximumDegraded);
  return [...cpu, ...memory];
}

function usageFinding(
  pool: PoolObservation,
  code: 'CpuPressure' | 'MemoryPressure',
  label: string,
  usage: UsageSummary | undefined,
  averageDegraded: number,
  averageUnhealthy: number,
  maximumDegraded: number,
): HealthReason[] {
  if (!usage) return [];
  const values = `average ${percent(usage.average)}, maximum ${percent(usage.maximum)}`;
  if (usage.average >= averageUnhealthy) {
    return [{ code, status: 'Unhealthy', pool: pool.name, message: `Pool ${pool.name}: ${label} ${values} (Unhealthy from an average of ${averageUnhealthy} %).` }];
  }
  if (usage.average >= averageDegraded) {
    return [{ code, status: 'Degraded', pool: pool.name, message: `Pool ${pool.name}: ${label} ${values} (Degraded from an average of ${averageDegraded} %).` }];
  }
  if (usage.maximum >= maximumDegraded) {
    return [{ code, status: 'Degraded', pool: pool.name, message: `Pool ${pool.name}: ${label} ${values} (Degraded from a node at ${maximumDegraded} %).` }];
  }
  return [];
}

function logFindings(observation: ClusterObservation, thresholds: HealthThresholds): HealthReason[] {
  const reasons: HealthReason[] = [];
  const unavailable = [observation.workload, observation.warningEvents, observation.controlPlaneErrors].flatMap((signal) =>
    signal !== undefined && 'unavailable' in signal ? [signal.unavailable] : [],
  );
  if (unavailable.length > 0) {
    reasons.push({ code: 'LogsUnavailable', status: 'Unknown', message: `Container Insights logs are unavailable: ${[...new Set(unavailable)].join('; ')}` });
  }
  if (isObserved(observation.workload)) {
    const { pendingPods, failedPods, restartingContainers } = observation.workload.observed;
    if (pendingPods >= thresholds.pendingPodsDegraded) reasons.push({ code: 'PodsPending', status: 'Degraded', message: `${pendingPods} pod(s) pending (not scheduled).` });
    if (failedPods >= thresholds.failedPodsDegraded) reasons.push({ code: 'PodsFailed', status: 'Degraded', message: `${failedPods} pod(s) failed.` });
    if (restartingContainers >= thresholds.restartingContainersDegraded) {
      reasons.push({ code: 'ContainersRestarting', status: 'Degraded', message: `${restartingContainers} container(s) have restarted.` });
    }
  }
  if (isObserved(observation.warningEvents)) {
    const finding = eventFinding(observation.warningEvents.observed, thresholds.warningEventsDegraded);
    if (finding) reasons.push({ code: 'WarningEvents', status: 'Degraded', message: `${finding} Warning event(s): ${describeEvents(observation.warningEvents.observed)}.` });
  }
  if (isObserved(observation.controlPlaneErrors)) {
    const finding = eventFinding(observation.controlPlaneErrors.observed, thresholds.controlPlaneErrorsDegraded);
    if (finding) reasons.push({ code: 'ControlPlaneErrors', status: 'Degraded', message: `${finding} control-plane error(s): ${describeEvents(observation.controlPlaneErrors.observed)}.` });
  }
  return reasons;
}

/** The total when it reaches the threshold, else undefined. */
function eventFinding(events: readonly EventCount[], threshold: number): number | undefined {
  const total = totalOf(events);
  return total >= threshold && total > 0 ? total : undefined;
}

export function totalOf(events: readonly EventCount[]): number {
  return events.reduce((sum, event) => sum + event.count, 0);
}

const MOST_FREQUENT_SHOWN = 3;

function describeEvents(events: readonly EventCount[]): string {
  return [...events]
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, MOST_FREQUENT_SHOWN)
    .map((event) => `${event.reason} ×${event.count}`)
    .join(', ');
}

function percent(value: number): string {
  return `${Math.round(value * 10) / 10} %`;
}

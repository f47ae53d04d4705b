import type { DaemonSetSpec, DeploymentSpec } from './workloadSpec';

/** Resource use of one running pod at load factor L. */
export interface PodUsage {
  cpuMillicores: number;
  memoryWorkingSetBytes: number;
  memoryRssBytes: number;
}

/** RSS is reported as this share of the working set (the working set also counts active page cache). */
export const RSS_SHARE_OF_WORKING_SET = 0.85;

/**
 * CPU = request × cpuUtilisation × L; working set = request × memoryUtilisation × (0.75 + 0.25 × L).
 * Deployments that do not follow load use L = 1. Both grow with L, never shrink.
 */
export function deploymentPodUsage(deployment: DeploymentSpec, load: number): PodUsage {
  const l = deployment.followsLoad ? load : 1;
  const workingSet = deployment.memoryRequestBytes * deployment.memoryUtilisation * (0.75 + 0.25 * l);
  return {
    cpuMillicores: deployment.cpuRequestMillicores * deployment.cpuUtilisation * l,
    memoryWorkingSetBytes: workingSet,
    memoryRssBytes: workingSet * RSS_SHARE_OF_WORKING_SET,
  };
}

/** DaemonSet pods (node agents) use a fixed amount regardless of load. */
export function daemonPodUsage(daemonSet: DaemonSetSpec): PodUsage {
  return {
    cpuMillicores: daemonSet.cpuUsageMillicores,
    memoryWorkingSetBytes: daemonSet.memoryWorkingSetBytes,
    memoryRssBytes: daemonSet.memoryWorkingSetBytes * RSS_SHARE_OF_WORKING_SET,
  };
}

/** Usage as a line in the load factor: usage(L) = atZero + L × perLoad (every usage formula above is affine in L). */
export interface UsageLine {
  atZero: PodUsage;
  perLoad: PodUsage;
}

const ZERO: PodUsage = { cpuMillicores: 0, memoryWorkingSetBytes: 0, memoryRssBytes: 0 };

const plus = (a: PodUsage, b: PodUsage, factor = 1): PodUsage => ({
  cpuMillicores: a.cpuMillicores + factor * b.cpuMillicores,
  memoryWorkingSetBytes: a.memoryWorkingSetBytes + factor * b.memoryWorkingSetBytes,
  memoryRssBytes: a.memoryRssBytes + factor * b.memoryRssBytes,
});

export const zeroLine = (): UsageLine => ({ atZero: { ...ZERO }, perLoad: { ...ZERO } });

export function deploymentUsageLine(deployment: DeploymentSpec): UsageLine {
  const atZero = deploymentPodUsage(deployment, 0);
  return { atZero, perLoad: plus(deploymentPodUsage(deployment, 1), atZero, -1) };
}

export const daemonUsageLine = (daemonSet: DaemonSetSpec): UsageLine => ({ atZero: daemonPodUsage(daemonSet), perLoad: { ...ZERO } });

export const addLines = (a: UsageLine, b: UsageLine): UsageLine => ({ atZero: plus(a.atZero, b.atZero), perLoad: plus(a.perLoad, b.perLoad) });

/** A node's usage is the sum over its pods, capped at its allocatable resources (CPU is throttled, memory evicted). */
export function nodeUsageAt(line: UsageLine, load: number, allocatable: { cpuMillicores: number; memoryBytes: number }): PodUsage {
  const total = plus(line.atZero, line.perLoad, load);
  const workingSet = Math.min(allocatable.memoryBytes, total.memoryWorkingSetBytes);
  return {
    cpuMillicores: Math.min(allocatable.cpuMillicores, total.cpuMillicores),
    memoryWorkingSetBytes: workingSet,
    memoryRssBytes: workingSet * RSS_SHARE_OF_WORKING_SET,
  };
}

import { nodeUtilizationInputSchema } from './inputSchemas';
import { parseOrThrow } from './inputValidation';
import type { NodePod, NodeUtilization, NodeUtilizationInput } from './types';

/** drain.IsPodLongTerminating with the default 30 s grace period plus CA's 30 s extra threshold. */
const LONG_TERMINATING_AFTER_MINUTES = 1;

const isLongTerminating = (pod: NodePod): boolean =>
  pod.deletionAgeMinutes !== undefined && pod.deletionAgeMinutes > LONG_TERMINATING_AFTER_MINUTES;

/**
 * CalculateUtilizationOfResource: requests over allocatable. Ignored DaemonSet and mirror pods leave the
 * numerator and are taken off allocatable; pods terminating for long are left out. When ignored pods take
 * all allocatable, upstream divides by zero (never a scale-down candidate); this reports 1 instead,
 * which keeps the result JSON and the node out of scale-down alike.
 */
function utilizationOf(
  allocatable: number,
  pods: readonly NodePod[],
  requestOf: (pod: NodePod) => number,
  isIgnored: (pod: NodePod) => boolean,
): number {
  let requested = 0;
  let ignored = 0;
  for (const pod of pods) {
    if (isIgnored(pod)) ignored += requestOf(pod);
    else if (!isLongTerminating(pod)) requested += requestOf(pod);
  }
  const usable = allocatable - ignored;
  return usable === 0 ? 1 : requested / usable;
}

/**
 * simulator/utilization.Calculate for a node without GPUs: the higher of CPU and memory utilization
 * (memory wins a tie), as the scale-down threshold (0.5) compares it.
 */
export function nodeUtilization(input: NodeUtilizationInput): NodeUtilization {
  const i = parseOrThrow(nodeUtilizationInputSchema, input, 'nodeUtilization');
  const isIgnored = (pod: NodePod): boolean =>
    (i.ignoreDaemonSets && pod.kind === 'daemonset') || (i.ignoreMirrorPods && pod.kind === 'mirror');
  const cpu = utilizationOf(i.node.allocatableCpuMilli, i.pods, (pod) => pod.cpuMilli, isIgnored);
  const memory = utilizationOf(i.node.allocatableMemoryBytes, i.pods, (pod) => pod.memoryBytes, isIgnored);
  return cpu > memory
    ? { utilization: cpu, cpu, memory, binding: 'cpu' }
    : { utilization: memory, cpu, memory, binding: 'memory' };
}

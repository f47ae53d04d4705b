import type { NodeTemplate, PodGroup } from '../types';

/** The node model's pods: a quarter of a node each, so four fit on one node. */
export const PODS_PER_NODE = 4;

/** Work to be placed, in nodes' worth at 100 % (CPU and memory separately). */
export interface Demand {
  cpuNodes: number;
  memoryNodes: number;
}

export interface ModelledPool {
  cpuPercent: number;
  memoryPercent: number;
  /** Pods that do not fit on the current nodes. */
  pendingPods: number;
}

/**
 * A simple pool: the demand spreads evenly over the nodes up to 100 %; what does not fit waits as pending
 * pods of a quarter node each. With no node, all of it is pending.
 */
export function modelPool(demand: Demand, nodeCount: number): ModelledPool {
  const overflow = Math.max(demand.cpuNodes - nodeCount, demand.memoryNodes - nodeCount, 0);
  const percent = (nodes: number) => (nodeCount === 0 ? 0 : Math.min(100, (nodes / nodeCount) * 100));
  return {
    cpuPercent: percent(demand.cpuNodes),
    memoryPercent: percent(demand.memoryNodes),
    pendingPods: Math.max(0, Math.ceil(overflow * PODS_PER_NODE - 1e-9)),
  };
}

/** The recorded minute's demand: utilisation × nodes, plus what was pending. */
export function demandOfRecording(minute: { cpuPercent: number; memoryPercent: number; pendingPods: number; nodeCount: number }): Demand {
  const pendingNodes = minute.pendingPods / PODS_PER_NODE;
  return {
    cpuNodes: (minute.cpuPercent / 100) * minute.nodeCount + pendingNodes,
    memoryNodes: (minute.memoryPercent / 100) * minute.nodeCount + pendingNodes,
  };
}

export function pendingPodGroup(pendingPods: number, node: NodeTemplate): PodGroup[] {
  if (pendingPods <= 0) return [];
  return [{ count: pendingPods, cpuMilli: node.allocatableCpuMilli / PODS_PER_NODE, memoryBytes: node.allocatableMemoryBytes / PODS_PER_NODE }];
}

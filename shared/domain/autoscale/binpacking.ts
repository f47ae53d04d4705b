import { estimateNodesInputSchema } from './inputSchemas';
import { parseOrThrow } from './inputValidation';
import type { EstimateNodesInput, NodeEstimate, NodeTemplate, PodGroup } from './types';

/** What the pods placed on one simulated new node request so far. */
interface SimulatedNode {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
}

interface Estimation {
  readonly template: NodeTemplate;
  readonly maxNodes: number;
  readonly nodes: SimulatedNode[];
  scheduledPods: number;
}

/** How many `each` fit into `free`, exact at the boundary whatever float division rounds to. */
function countThatFits(free: number, each: number): number {
  if (each <= 0) return Number.POSITIVE_INFINITY;
  let count = Math.max(0, Math.floor(free / each));
  while ((count + 1) * each <= free) count++;
  while (count > 0 && count * each > free) count--;
  return count;
}

/** The scheduler's NodeResourcesFit for identical pods: requests within allocatable, pod slots left. */
function podsThatFit(node: SimulatedNode, template: NodeTemplate, pod: PodGroup): number {
  return Math.min(
    template.allocatablePods - node.pods,
    countThatFits(template.allocatableCpuMilli - node.cpuMilli, pod.cpuMilli),
    countThatFits(template.allocatableMemoryBytes - node.memoryBytes, pod.memoryBytes),
  );
}

/** Places up to `wanted` pods of the group on the node; returns how many went there. */
function place(estimation: Estimation, node: SimulatedNode, pod: PodGroup, wanted: number): number {
  const placed = Math.max(0, Math.min(wanted, podsThatFit(node, estimation.template, pod)));
  node.cpuMilli += placed * pod.cpuMilli;
  node.memoryBytes += placed * pod.memoryBytes;
  node.pods += placed;
  estimation.scheduledPods += placed;
  return placed;
}

/** DecreasingPodOrderer: biggest share of the template first (cpu share + memory share). */
function decreasingOrder(groups: PodGroup[], template: NodeTemplate): PodGroup[] {
  const shareOf = (group: PodGroup): number =>
    (template.allocatableCpuMilli > 0 ? group.cpuMilli / template.allocatableCpuMilli : 0) +
    (template.allocatableMemoryBytes > 0 ? group.memoryBytes / template.allocatableMemoryBytes : 0);
  return [...groups].sort((a, b) => shareOf(b) - shareOf(a));
}

/** First fit onto the nodes this estimation already added, until a pod fits nowhere. */
function placeOnAddedNodes(estimation: Estimation, pod: PodGroup, count: number): number {
  let remaining = count;
  for (const node of estimation.nodes) {
    if (remaining === 0) break;
    remaining -= place(estimation, node, pod, remaining);
  }
  return count - remaining;
}

/** The threshold limiter: maxNodes new nodes at most per estimation (0 = no limit). */
function mayAddNode(estimation: Estimation): boolean {
  return estimation.maxNodes === 0 || estimation.nodes.length < estimation.maxNodes;
}

/**
 * tryToScheduleOnNewNodes: fill the last added node, then add template nodes. Gives up on the group when a
 * pod does not fit even the last node while it is still empty (a new one would not help), or when a fresh
 * node takes none. Returns false once the limiter refuses a node: no later group may add nodes.
 */
function placeOnNewNodes(estimation: Estimation, pod: PodGroup, count: number): boolean {
  let remaining = count;
  while (remaining > 0) {
    const last = estimation.nodes.at(-1);
    if (last !== undefined) {
      remaining -= place(estimation, last, pod, remaining);
      if (remaining === 0) break;
      if (last.pods === 0) return true;
    }
    if (!mayAddNode(estimation)) return false;
    const added: SimulatedNode = { cpuMilli: 0, memoryBytes: 0, pods: 0 };
    estimation.nodes.push(added);
    const placed = place(estimation, added, pod, remaining);
    if (placed === 0) return true;
    remaining -= placed;
  }
  return true;
}

/**
 * The Cluster Autoscaler's binpacking estimator (first-fit decreasing over pod groups) for one node
 * template: how many new nodes the pending pods need, and how many of them would be scheduled. The result
 * can be partial when maxNodes cuts it short. Pods of a group are identical, so they are placed in bulk;
 * upstream visits the estimation's nodes in map order, here in the order they were added.
 */
export function estimateNodes(input: EstimateNodesInput): NodeEstimate {
  const i = parseOrThrow(estimateNodesInputSchema, input, 'estimateNodes');
  const estimation: Estimation = {
    template: i.nodeTemplate,
    maxNodes: i.maxNodes,
    nodes: [],
    scheduledPods: 0,
  };
  let newNodesAvailable = true;
  for (const group of decreasingOrder(i.podGroups, i.nodeTemplate)) {
    const remaining = group.count - placeOnAddedNodes(estimation, group, group.count);
    if (newNodesAvailable) newNodesAvailable = placeOnNewNodes(estimation, group, remaining);
  }
  return {
    nodeCount: estimation.nodes.filter((node) => node.pods > 0).length,
    scheduledPodCount: estimation.scheduledPods,
  };
}

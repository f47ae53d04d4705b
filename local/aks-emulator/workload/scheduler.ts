import type { PlannedPod } from './podPlan';
import type { DaemonSetSpec, OsName } from './workloadSpec';

/**
 * The emulator's kube-scheduler: DaemonSet pods first (one per registered Ready node of their OS), then first fit
 * of each planned pod, in priority order, onto the first node in age order that matches its selector (OS, pool)
 * and still has the requested CPU, memory and a pod slot. A pod that fits nowhere is Pending.
 *
 * First fit over nodes in age order means new nodes come last: adding nodes never moves a pod that was already
 * placed, so pending pods can only go down when a pool grows.
 */

export interface SchedulingNode {
  name: string;
  pool: string;
  os: OsName;
  allocatable: { cpuMillicores: number; memoryBytes: number; pods: number };
  /** Ready and not cordoned: takes new pods. */
  schedulable: boolean;
  /** Registered and Ready: runs DaemonSet pods (they tolerate cordons). */
  runsDaemonSets: boolean;
}

export interface RequestedResources {
  cpuMillicores: number;
  memoryBytes: number;
  pods: number;
}

export interface DaemonPod {
  daemonSet: DaemonSetSpec;
  node: string;
}

export interface SchedulingResult {
  daemonPods: DaemonPod[];
  /** The node of each planned pod (same index), or undefined when it is Pending. */
  nodeOfPod: (string | undefined)[];
  /** Requests placed on each node (DaemonSet and planned pods). */
  requested: Map<string, RequestedResources>;
}

export function schedule(nodes: readonly SchedulingNode[], daemonSets: readonly DaemonSetSpec[], pods: readonly PlannedPod[]): SchedulingResult {
  const requested = new Map<string, RequestedResources>(nodes.map((n) => [n.name, { cpuMillicores: 0, memoryBytes: 0, pods: 0 }]));
  const daemonPods: DaemonPod[] = [];
  for (const node of nodes) {
    if (!node.runsDaemonSets) continue;
    for (const daemonSet of daemonSets) {
      if (daemonSet.os !== node.os) continue;
      addRequest(requested.get(node.name)!, daemonSet.cpuRequestMillicores, daemonSet.memoryRequestBytes);
      daemonPods.push({ daemonSet, node: node.name });
    }
  }
  const nodeOfPod = pods.map((pod) => {
    const node = nodes.find((candidate) => unfitReason(candidate, requested.get(candidate.name)!, pod) === undefined);
    if (node) addRequest(requested.get(node.name)!, pod.cpuRequestMillicores, pod.memoryRequestBytes);
    return node?.name;
  });
  return { daemonPods, nodeOfPod, requested };
}

type UnfitReason = 'unschedulable' | 'selector' | 'cpu' | 'memory' | 'pods';

function unfitReason(node: SchedulingNode, used: RequestedResources, pod: PlannedPod): UnfitReason | undefined {
  if (!node.schedulable) return 'unschedulable';
  if (node.os !== pod.os || (pod.pool !== undefined && pod.pool !== node.pool)) return 'selector';
  if (used.pods + 1 > node.allocatable.pods) return 'pods';
  if (used.cpuMillicores + pod.cpuRequestMillicores > node.allocatable.cpuMillicores) return 'cpu';
  if (used.memoryBytes + pod.memoryRequestBytes > node.allocatable.memoryBytes) return 'memory';
  return undefined;
}

function addRequest(used: RequestedResources, cpuMillicores: number, memoryBytes: number): void {
  used.cpuMillicores += cpuMillicores;
  used.memoryBytes += memoryBytes;
  used.pods += 1;
}

const REASON_TEXT: Record<UnfitReason, string> = {
  unschedulable: "node(s) were unschedulable",
  selector: "node(s) didn't match Pod's node affinity/selector",
  cpu: 'Insufficient cpu',
  memory: 'Insufficient memory',
  pods: 'Too many pods',
};

/** kube-scheduler's FailedScheduling wording, e.g. "0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu." */
export function unschedulableMessage(nodes: readonly SchedulingNode[], requested: ReadonlyMap<string, RequestedResources>, pod: PlannedPod): string {
  const counts = new Map<UnfitReason, number>();
  for (const node of nodes) {
    const reason = unfitReason(node, requested.get(node.name) ?? { cpuMillicores: 0, memoryBytes: 0, pods: 0 }, pod) ?? 'cpu';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const parts = [...counts.entries()].map(([reason, count]) => `${count} ${REASON_TEXT[reason]}`).sort();
  return `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} No preemption victims found for incoming pod.`;
}

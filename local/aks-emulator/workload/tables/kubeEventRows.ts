import { unschedulableMessage } from '../scheduler';
import type { NodeSnapshot, PodState, WorkloadView } from '../workloadSnapshot';
import type { TableContext } from './tableContext';
import { MINUTE_MS, collectionMinutes, commonColumns, iso } from './tableContext';
import type { Row } from './tableSchemas';

/**
 * KubeEvents: what changed between consecutive minutes. Pods: Scheduled + Started when they start running on a node,
 * FailedScheduling (Warning, kube-scheduler's wording) when they become Pending, Killing when they leave a node.
 * Nodes: RegisteredNode, NodeReady, NodeNotReady, NodeNotSchedulable, RemovingNode, and — every minute an upgrade's
 * drain of the node is refused by a PodDisruptionBudget — AKS's upgrader Warning `Drain` with the eviction error.
 */

export interface KubeEvent {
  atMs: number;
  kind: 'Pod' | 'Node';
  name: string;
  namespace: string;
  computer: string;
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: string;
}

export function kubeEvents(ctx: TableContext): KubeEvent[] {
  const events: KubeEvent[] = [];
  let previous = ctx.simulation.view(ctx.clusterKey, (collectionMinutes(ctx)[0] ?? ctx.fromMs) - MINUTE_MS);
  for (const minute of collectionMinutes(ctx)) {
    const current = ctx.simulation.view(ctx.clusterKey, minute);
    if (current) events.push(...nodeEvents(previous, current), ...podEvents(previous, current));
    previous = current;
  }
  return events;
}

export function kubeEventRows(ctx: TableContext): Row[] {
  return kubeEvents(ctx).map((e) => ({
    ...commonColumns(ctx, 'KubeEvents', e.atMs),
    ClusterId: ctx.resourceId,
    ClusterName: ctx.clusterName,
    Computer: e.computer,
    ObjectKind: e.kind,
    Name: e.name,
    Namespace: e.namespace,
    Reason: e.reason,
    Message: e.message,
    KubeEventType: e.type,
    SourceComponent: e.source,
    Count: 1,
    FirstSeen: iso(e.atMs),
    LastSeen: iso(e.atMs),
  }));
}

const registeredNodes = (view: WorkloadView | undefined): Map<string, NodeSnapshot> =>
  new Map((view?.running ? view.nodes.filter((n) => n.registered) : []).map((n) => [n.name, n]));

function nodeEvents(previous: WorkloadView | undefined, current: WorkloadView): KubeEvent[] {
  const before = registeredNodes(previous);
  const after = registeredNodes(current);
  const event = (node: string, reason: string, message: string, source: string, type: KubeEvent['type'] = 'Normal'): KubeEvent => ({
    atMs: current.atMs,
    kind: 'Node',
    name: node,
    namespace: 'default',
    computer: node,
    reason,
    message,
    type,
    source,
  });
  const events: KubeEvent[] = [];
  for (const [name, node] of after) {
    const old = before.get(name);
    if (!old) events.push(event(name, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, 'node-controller'));
    if (node.ready && !old?.ready) events.push(event(name, 'NodeReady', `Node ${name} status is now: NodeReady`, 'kubelet'));
    if (!node.ready && old?.ready) events.push(event(name, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, 'node-controller'));
    if (old?.schedulable && !node.schedulable && node.ready) events.push(event(name, 'NodeNotSchedulable', `Node ${name} status is now: NodeNotSchedulable`, 'kubelet'));
    if (node.drainBlockedBy) events.push(event(name, 'Drain', drainRefusedMessage(name, node.drainBlockedBy), 'upgrader', 'Warning'));
  }
  for (const name of before.keys()) {
    if (!after.has(name)) events.push(event(name, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`, 'node-controller'));
  }
  return events;
}

function podEvents(previous: WorkloadView | undefined, current: WorkloadView): KubeEvent[] {
  const before = new Map((previous?.running ? previous.pods : []).map((p) => [p.uid, p]));
  const events: KubeEvent[] = [];
  const event = (pod: PodState, reason: string, message: string, type: 'Normal' | 'Warning', source: string, computer = pod.node ?? ''): KubeEvent => ({
    atMs: current.atMs,
    kind: 'Pod',
    name: pod.name,
    namespace: pod.namespace,
    computer,
    reason,
    message,
    type,
    source,
  });
  const pods = current.running ? current.pods : [];
  for (const pod of pods) {
    const old = before.get(pod.uid);
    if (old?.node !== undefined && old.node !== pod.node) events.push(event(old, 'Killing', `Stopping container ${old.containerName}`, 'Normal', 'kubelet', old.node));
    if (pod.node !== undefined && old?.node !== pod.node) {
      events.push(event(pod, 'Scheduled', `Successfully assigned ${pod.namespace}/${pod.name} to ${pod.node}`, 'Normal', 'default-scheduler'));
      events.push(event(pod, 'Started', `Started container ${pod.containerName}`, 'Normal', 'kubelet'));
    }
    if (pod.phase === 'Pending' && old?.phase !== 'Pending') events.push(event(pod, 'FailedScheduling', failedSchedulingMessage(current, pod), 'Warning', 'default-scheduler'));
  }
  const still = new Set(pods.map((p) => p.uid));
  for (const old of before.values()) {
    if (!still.has(old.uid) && old.node !== undefined) events.push(event(old, 'Killing', `Stopping container ${old.containerName}`, 'Normal', 'kubelet', old.node));
  }
  return events;
}

export function failedSchedulingMessage(view: WorkloadView, pod: PodState): string {
  const planned = view.placement.planned.find((p) => p.uid === pod.uid);
  if (!planned || view.placement.nodes.length === 0) return 'no nodes available to schedule pods';
  return unschedulableMessage(view.placement.nodes, view.placement.result.requested, planned);
}

/** AKS's drain error for an eviction a PodDisruptionBudget refuses (the wording of its UpgradeFailed message). */
function drainRefusedMessage(node: string, pdb: { namespace: string; name: string }): string {
  return `Drain node ${node} failed when evicting pod ${pdb.name}-0 failed with Too Many Requests error. This is often caused by a restrictive Pod Disruption Budget (PDB) policy. See http://aka.ms/aks/debugdrainfailures. Original error: Cannot evict pod as it would violate the pod's disruption budget.. PDB debug info: ${pdb.namespace}/${pdb.name}-0 blocked by pdb ${pdb.name} with 0 unready pods.`;
}

import { findVmSize } from '../catalogue/vmSizes';
import type { NodeStatus } from '../model';
import type { NodeResources, Resources } from './nodeCapacity';
import { nodeResources } from './nodeCapacity';
import type { PlannedPod } from './podPlan';
import { plannedPods } from './podPlan';
import type { PodUsage, UsageLine } from './podUsage';
import { addLines, daemonPodUsage, daemonUsageLine, deploymentPodUsage, deploymentUsageLine, nodeUsageAt, zeroLine } from './podUsage';
import type { RequestedResources, SchedulingNode, SchedulingResult } from './scheduler';
import { schedule } from './scheduler';
import { nameSuffix, stableUuid } from './stableNames';
import type { TopologyPool, TopologyRecord } from './topology';
import { isReadyCondition, isRegistered, isSchedulable } from './topology';
import type { DaemonSetSpec, DeploymentSpec, OsName, WorkloadSpec } from './workloadSpec';

/** The state of a cluster's workload at one instant: what every node and pod looks like and uses. */

export interface NodeSnapshot {
  name: string;
  pool: string;
  vmSize: string;
  os: OsName;
  mode: 'System' | 'User';
  status: NodeStatus;
  registered: boolean;
  ready: boolean;
  schedulable: boolean;
  kubernetesVersion: string;
  nodeImageVersion: string;
  /** An upgrade's drain of this node refused by a PodDisruptionBudget. */
  drainBlockedBy?: { namespace: string; name: string } | undefined;
  capacity: Resources;
  allocatable: NodeResources['allocatable'];
  requested: RequestedResources;
  podCount: number;
  usage: PodUsage;
}

/** A pod's identity and status; constant for one placement. */
export interface PodState {
  uid: string;
  name: string;
  namespace: string;
  controllerKind: 'ReplicaSet' | 'DaemonSet';
  controllerName: string;
  containerName: string;
  image: string;
  phase: 'Running' | 'Pending';
  ready: boolean;
  node: string | undefined;
  cpuRequestMillicores: number;
  memoryRequestBytes: number;
  /** The workload behind the pod. */
  owner: { kind: 'Deployment'; spec: DeploymentSpec } | { kind: 'DaemonSet'; spec: DaemonSetSpec };
}

export interface PodSnapshot extends PodState {
  usage: PodUsage;
}

/** Nodes and pod states at an instant, without per-pod usage (what platform metrics need). */
export interface WorkloadView {
  atMs: number;
  running: boolean;
  load: number;
  kubernetesVersion: string;
  autoscalerEnabled: boolean;
  pools: readonly TopologyPool[];
  nodes: NodeSnapshot[];
  pods: readonly PodState[];
  pendingPods: number;
  /** Identifies the placement: equal keys mean equal pods, phases and requests. */
  placementKey: string;
  placement: Placement;
  spec: WorkloadSpec;
  /** When the workload spec in force took effect. */
  specFromMs: number;
}

export interface WorkloadSnapshot extends Omit<WorkloadView, 'pods'> {
  pods: PodSnapshot[];
}

/** Where pods go for one topology, spec and replica count; it does not depend on the load within that. */
export interface Placement {
  nodes: SchedulingNode[];
  resources: Map<string, NodeResources>;
  planned: PlannedPod[];
  result: SchedulingResult;
  usageLines: Map<string, UsageLine>;
  pods: PodState[];
  pendingPods: number;
}

export function placeWorkload(identity: string, topology: TopologyRecord, spec: WorkloadSpec, load: number): Placement {
  const notReady = new Set(spec.notReadyNodes);
  const resources = new Map<string, NodeResources>();
  const nodes: SchedulingNode[] = [];
  for (const node of topology.nodes) {
    const size = findVmSize(node.vmSize) ?? { vCpus: 2, memoryGb: 8 };
    const nodeRes = nodeResources(size, node.maxPods);
    resources.set(node.name, nodeRes);
    const forced = notReady.has(node.name);
    nodes.push({
      name: node.name,
      pool: node.pool,
      os: node.os,
      allocatable: nodeRes.allocatable,
      schedulable: topology.running && isSchedulable(node.status, forced),
      runsDaemonSets: topology.running && isReadyCondition(node.status, forced),
    });
  }
  const planned = plannedPods(identity, spec.deployments, load);
  const result = schedule(nodes, spec.daemonSets, planned);
  const pods = [...daemonPodStates(identity, result), ...deploymentPodStates(planned, result)];
  return { nodes, resources, planned, result, pods, usageLines: usageLinesByNode(pods), pendingPods: pods.filter((p) => p.phase === 'Pending').length };
}

export interface ViewInputs {
  topology: TopologyRecord;
  spec: WorkloadSpec;
  specFromMs: number;
  placement: Placement;
  placementKey: string;
  load: number;
  atMs: number;
}

export function viewWorkload({ topology, spec, specFromMs, placement, placementKey, load, atMs }: ViewInputs): WorkloadView {
  const notReady = new Set(spec.notReadyNodes);
  const nodes = topology.nodes.map((node): NodeSnapshot => {
    const res = placement.resources.get(node.name)!;
    const forced = notReady.has(node.name);
    const ready = topology.running && isReadyCondition(node.status, forced);
    const requested = placement.result.requested.get(node.name)!;
    return {
      ...node,
      registered: topology.running && isRegistered(node.status),
      ready,
      schedulable: topology.running && isSchedulable(node.status, forced),
      capacity: res.capacity,
      allocatable: res.allocatable,
      requested,
      podCount: requested.pods,
      usage: ready ? nodeUsageAt(placement.usageLines.get(node.name) ?? zeroLine(), load, res.allocatable) : { cpuMillicores: 0, memoryWorkingSetBytes: 0, memoryRssBytes: 0 },
    };
  });
  return {
    atMs,
    running: topology.running,
    load,
    kubernetesVersion: topology.kubernetesVersion,
    autoscalerEnabled: topology.autoscalerEnabled,
    pools: topology.pools,
    nodes,
    pods: placement.pods,
    pendingPods: placement.pendingPods,
    placementKey,
    placement,
    spec,
    specFromMs,
  };
}

/** Adds each running pod's usage at the view's load. */
export function snapshotOf(view: WorkloadView): WorkloadSnapshot {
  return { ...view, pods: view.pods.map((pod) => ({ ...pod, usage: podUsage(pod, view.load) })) };
}

export function podUsage(pod: PodState, load: number): PodUsage {
  if (pod.phase !== 'Running') return { cpuMillicores: 0, memoryWorkingSetBytes: 0, memoryRssBytes: 0 };
  return pod.owner.kind === 'DaemonSet' ? daemonPodUsage(pod.owner.spec) : deploymentPodUsage(pod.owner.spec, load);
}

function usageLinesByNode(pods: readonly PodState[]): Map<string, UsageLine> {
  const lines = new Map<string, UsageLine>();
  for (const pod of pods) {
    if (pod.node === undefined) continue;
    const line = pod.owner.kind === 'DaemonSet' ? daemonUsageLine(pod.owner.spec) : deploymentUsageLine(pod.owner.spec);
    lines.set(pod.node, addLines(lines.get(pod.node) ?? zeroLine(), line));
  }
  return lines;
}

function daemonPodStates(identity: string, result: SchedulingResult): PodState[] {
  return result.daemonPods.map(({ daemonSet, node }) => {
    const name = `${daemonSet.name}-${nameSuffix(5, identity, daemonSet.namespace, daemonSet.name, node)}`;
    return {
      uid: stableUuid(identity, daemonSet.namespace, name),
      name,
      namespace: daemonSet.namespace,
      controllerKind: 'DaemonSet',
      controllerName: daemonSet.name,
      containerName: daemonSet.name,
      image: imageOf(daemonSet),
      phase: 'Running',
      ready: true,
      node,
      cpuRequestMillicores: daemonSet.cpuRequestMillicores,
      memoryRequestBytes: daemonSet.memoryRequestBytes,
      owner: { kind: 'DaemonSet', spec: daemonSet },
    };
  });
}

function deploymentPodStates(planned: readonly PlannedPod[], result: SchedulingResult): PodState[] {
  return planned.map((pod, i) => {
    const node = result.nodeOfPod[i];
    return {
      uid: pod.uid,
      name: pod.name,
      namespace: pod.namespace,
      controllerKind: 'ReplicaSet',
      controllerName: pod.name.slice(0, pod.name.lastIndexOf('-')),
      containerName: pod.deployment.name,
      image: imageOf(pod.deployment),
      phase: node === undefined ? 'Pending' : 'Running',
      ready: node !== undefined,
      node,
      cpuRequestMillicores: pod.cpuRequestMillicores,
      memoryRequestBytes: pod.memoryRequestBytes,
      owner: { kind: 'Deployment', spec: pod.deployment },
    };
  });
}

function imageOf(workload: DeploymentSpec | DaemonSetSpec): string {
  return 'image' in workload && workload.image !== undefined ? workload.image : `contoso.azurecr.io/${workload.namespace}/${workload.name}:1.0.0`;
}

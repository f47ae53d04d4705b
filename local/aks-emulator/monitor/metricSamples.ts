import { GIB } from '../workload/nodeCapacity';
import type { PodUsage } from '../workload/podUsage';
import { nodeUsageAt, zeroLine } from '../workload/podUsage';
import type { NodeSnapshot, WorkloadView } from '../workload/workloadSnapshot';

/**
 * What each metric reads from the workload at one minute: samples with their dimension values. The formulas are
 * listed in docs/aks-emulator.md ("Metrics"); Count metrics follow kube-state-metrics: one 0/1 sample per object
 * and state, so that summing over a dimension counts objects.
 *
 * Samples are computed once per placement (the pods, phases and nodes do not change within one); a value that also
 * depends on the load factor (node usage) is a function of it, evaluated per minute.
 */

export interface Sample {
  dimensions: Record<string, string>;
  value: number | ((load: number) => number);
}

/** OS disk the node metrics report on (AKS's default OS disk is 128 GiB). */
export const OS_DISK_BYTES = 128 * GIB;
export const OS_DISK_DEVICE = 'sda1';
const NETWORK_IN_BYTES_PER_MILLICORE = 100 * 1024;
const NETWORK_OUT_BYTES_PER_MILLICORE = 60 * 1024;

const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const CONDITION_STATUSES = ['true', 'false', 'unknown'] as const;
const NODE_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'] as const;

type SampleSource = (view: WorkloadView) => Sample[];

const perReadyNode =
  (value: (node: NodeSnapshot) => number, extra: Record<string, string> = {}): SampleSource =>
  (view) =>
    view.nodes.filter((n) => n.ready).map((n) => ({ dimensions: { node: n.name, nodepool: n.pool, ...extra }, value: value(n) }));

/** A reading of a ready node's usage, which moves with the load factor. */
const usageOfReadyNode =
  (value: (usage: PodUsage, node: NodeSnapshot) => number): SampleSource =>
  (view) =>
    view.nodes
      .filter((n) => n.ready)
      .map((n) => {
        const line = view.placement.usageLines.get(n.name) ?? zeroLine();
        return { dimensions: { node: n.name, nodepool: n.pool }, value: (load: number) => value(nodeUsageAt(line, load, n.allocatable), n) };
      });

const single = (value: (view: WorkloadView) => number | undefined): SampleSource => (view) => {
  const v = value(view);
  return v === undefined ? [] : [{ dimensions: {}, value: v }];
};

const registered = (view: WorkloadView): NodeSnapshot[] => view.nodes.filter((n) => n.registered);
const runningPods = (view: WorkloadView): number => view.pods.filter((p) => p.phase === 'Running').length;
const diskUsed = (n: NodeSnapshot): number => 16 * GIB + n.podCount * 0.5 * GIB;
const autoscaler = (view: WorkloadView, value: () => number): number | undefined => (view.autoscalerEnabled ? value() : undefined);

/** A node the cluster autoscaler would consider removing: in an autoscaled pool, requests below half its allocatable. */
function isUnneeded(view: WorkloadView, node: NodeSnapshot): boolean {
  const pool = view.pools.find((p) => p.name === node.pool);
  if (!pool?.enableAutoScaling || !node.ready) return false;
  const utilisation = Math.max(node.requested.cpuMillicores / node.allocatable.cpuMillicores, node.requested.memoryBytes / node.allocatable.memoryBytes);
  return utilisation < 0.5;
}

function safeToAutoscale(view: WorkloadView): number {
  const nodes = registered(view);
  const unready = nodes.filter((n) => !n.ready).length;
  return unready <= Math.max(3, 0.45 * nodes.length) ? 1 : 0;
}

const SOURCES: Record<string, SampleSource> = {
  node_cpu_usage_millicores: usageOfReadyNode((u) => u.cpuMillicores),
  node_cpu_usage_percentage: usageOfReadyNode((u, n) => (100 * u.cpuMillicores) / n.allocatable.cpuMillicores),
  node_memory_working_set_bytes: usageOfReadyNode((u) => u.memoryWorkingSetBytes),
  node_memory_working_set_percentage: usageOfReadyNode((u, n) => (100 * u.memoryWorkingSetBytes) / n.allocatable.memoryBytes),
  node_memory_rss_bytes: usageOfReadyNode((u) => u.memoryRssBytes),
  node_memory_rss_percentage: usageOfReadyNode((u, n) => (100 * u.memoryRssBytes) / n.allocatable.memoryBytes),
  node_disk_usage_bytes: perReadyNode(diskUsed, { device: OS_DISK_DEVICE }),
  node_disk_usage_percentage: perReadyNode((n) => (100 * diskUsed(n)) / OS_DISK_BYTES, { device: OS_DISK_DEVICE }),
  node_network_in_bytes: usageOfReadyNode((u) => u.cpuMillicores * NETWORK_IN_BYTES_PER_MILLICORE),
  node_network_out_bytes: usageOfReadyNode((u) => u.cpuMillicores * NETWORK_OUT_BYTES_PER_MILLICORE),
  kube_node_status_allocatable_cpu_cores: single((view) => registered(view).reduce((sum, n) => sum + n.allocatable.cpuMillicores / 1000, 0)),
  kube_node_status_allocatable_memory_bytes: single((view) => registered(view).reduce((sum, n) => sum + n.allocatable.memoryBytes, 0)),
  kube_node_status_condition: (view) =>
    registered(view).flatMap((n) =>
      NODE_CONDITIONS.flatMap((condition) => {
        const actual = condition === 'Ready' ? String(n.ready) : 'false';
        return CONDITION_STATUSES.map((status) => ({ dimensions: { condition, status, status2: status, node: n.name }, value: status === actual ? 1 : 0 }));
      }),
    ),
  kube_pod_status_phase: (view) =>
    view.pods.flatMap((pod) => POD_PHASES.map((phase) => ({ dimensions: { phase, namespace: pod.namespace, pod: pod.name }, value: pod.phase === phase ? 1 : 0 }))),
  kube_pod_status_ready: (view) =>
    view.pods.flatMap((pod) => CONDITION_STATUSES.map((condition) => ({ dimensions: { namespace: pod.namespace, pod: pod.name, condition }, value: String(pod.ready) === condition ? 1 : 0 }))),
  cluster_autoscaler_unschedulable_pods_count: single((view) => autoscaler(view, () => view.pendingPods)),
  cluster_autoscaler_cluster_safe_to_autoscale: single((view) => autoscaler(view, () => safeToAutoscale(view))),
  cluster_autoscaler_scale_down_in_cooldown: single((view) => autoscaler(view, () => 0)),
  cluster_autoscaler_unneeded_nodes_count: single((view) => autoscaler(view, () => view.nodes.filter((n) => isUnneeded(view, n)).length)),
  apiserver_cpu_usage_percentage: single((view) => Math.min(100, 5 + 0.3 * registered(view).length + 0.02 * runningPods(view))),
  apiserver_memory_usage_percentage: single((view) => Math.min(100, 10 + 0.2 * registered(view).length + 0.05 * view.pods.length)),
  apiserver_current_inflight_requests: (view) => [
    { dimensions: { requestKind: 'readOnly' }, value: 2 + Math.floor(registered(view).length / 5) },
    { dimensions: { requestKind: 'mutating' }, value: 1 + Math.floor(registered(view).length / 20) },
  ],
  etcd_cpu_usage_percentage: (view) => [{ dimensions: { partition: '0' }, value: Math.min(100, 2 + 0.1 * registered(view).length + 0.01 * view.pods.length) }],
  etcd_memory_usage_percentage: (view) => [{ dimensions: { partition: '0' }, value: Math.min(100, 5 + 0.1 * registered(view).length + 0.02 * view.pods.length) }],
  etcd_database_usage_percentage: (view) => [{ dimensions: { partition: '0' }, value: Math.min(100, 1 + 0.005 * (view.pods.length + 5 * registered(view).length)) }],
};

/** Samples of one metric for one placement; a stopped cluster emits nothing. */
export function samplesOf(metricName: string, view: WorkloadView): Sample[] {
  if (!view.running) return [];
  return SOURCES[metricName]?.(view) ?? [];
}


/**
 * Azure Monitor platform metrics of Microsoft.ContainerService/managedClusters (names, units, dimensions and grains
 * as the supported-metrics reference lists them). `kind` decides how samples combine (see aggregation.ts).
 */

export type MetricUnit = 'Percent' | 'MilliCores' | 'Bytes' | 'Count';

/** gauge: a reading per node or component, pooled; count: per-minute totals of 0/1 or counted things. */
export type MetricKind = 'gauge' | 'count';

export interface MetricDefinition {
  name: string;
  displayName: string;
  description: string;
  category: string;
  unit: MetricUnit;
  kind: MetricKind;
  dimensions: readonly string[];
  timeGrains: readonly string[];
}

export const METRIC_NAMESPACE = 'Microsoft.ContainerService/managedClusters';
export const RESOURCE_PROVIDER = 'Microsoft.ContainerService';
export const RESOURCE_TYPE = 'managedClusters';

const GRAINS = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H'] as const;
const AUTOSCALER_GRAINS = GRAINS.slice(1);
const NODE = ['node', 'nodepool'] as const;

const metric = (name: string, displayName: string, description: string, category: string, unit: MetricUnit, kind: MetricKind, dimensions: readonly string[] = [], timeGrains: readonly string[] = GRAINS): MetricDefinition => ({
  name,
  displayName,
  description,
  category,
  unit,
  kind,
  dimensions,
  timeGrains,
});

export const METRICS: readonly MetricDefinition[] = [
  metric('apiserver_cpu_usage_percentage', 'API Server CPU Usage Percentage', 'Maximum CPU percentage (based off current limit) used by API server pod across instances', 'API Server', 'Percent', 'gauge'),
  metric('apiserver_memory_usage_percentage', 'API Server Memory Usage Percentage', 'Maximum memory percentage (based off current limit) used by API server pod across instances', 'API Server', 'Percent', 'gauge'),
  metric('apiserver_current_inflight_requests', 'Inflight Requests', 'Maximum number of currently used inflight requests on the apiserver per request kind in the last second', 'API Server (PREVIEW)', 'Count', 'count', ['requestKind']),
  metric('cluster_autoscaler_cluster_safe_to_autoscale', 'Cluster Health', 'Determines whether or not cluster autoscaler will take action on the cluster', 'Cluster Autoscaler (PREVIEW)', 'Count', 'count', [], AUTOSCALER_GRAINS),
  metric('cluster_autoscaler_scale_down_in_cooldown', 'Scale Down Cooldown', 'Determines if the scale down is in cooldown - No nodes will be removed during this timeframe', 'Cluster Autoscaler (PREVIEW)', 'Count', 'count', [], AUTOSCALER_GRAINS),
  metric('cluster_autoscaler_unneeded_nodes_count', 'Unneeded Nodes', 'Cluster auotscaler marks those nodes as candidates for deletion and are eventually deleted', 'Cluster Autoscaler (PREVIEW)', 'Count', 'count', [], AUTOSCALER_GRAINS),
  metric('cluster_autoscaler_unschedulable_pods_count', 'Unschedulable Pods', 'Number of pods that are currently unschedulable in the cluster', 'Cluster Autoscaler (PREVIEW)', 'Count', 'count', [], AUTOSCALER_GRAINS),
  metric('etcd_cpu_usage_percentage', 'ETCD CPU Usage Percentage', 'Maximum CPU percentage (based off current limit) used by ETCD pod across instances', 'ETCD', 'Percent', 'gauge', ['partition']),
  metric('etcd_database_usage_percentage', 'ETCD Database Usage Percentage', 'Maximum utilization of the ETCD database across instances', 'ETCD', 'Percent', 'gauge', ['partition']),
  metric('etcd_memory_usage_percentage', 'ETCD Memory Usage Percentage', 'Maximum memory percentage (based off current limit) used by ETCD pod across instances', 'ETCD', 'Percent', 'gauge', ['partition']),
  metric('kube_node_status_allocatable_cpu_cores', 'Total number of available cpu cores in a managed cluster', 'Total number of available cpu cores in a managed cluster', 'Nodes', 'Count', 'count'),
  metric('kube_node_status_allocatable_memory_bytes', 'Total amount of available memory in a managed cluster', 'Total amount of available memory in a managed cluster', 'Nodes', 'Bytes', 'count'),
  metric('kube_node_status_condition', 'Statuses for various node conditions', 'Statuses for various node conditions', 'Nodes', 'Count', 'count', ['condition', 'status', 'status2', 'node']),
  metric('node_cpu_usage_millicores', 'CPU Usage Millicores', 'Aggregated measurement of CPU utilization in millicores across the cluster', 'Nodes (PREVIEW)', 'MilliCores', 'gauge', NODE),
  metric('node_cpu_usage_percentage', 'CPU Usage Percentage', 'Aggregated average CPU utilization measured in percentage across the cluster', 'Nodes (PREVIEW)', 'Percent', 'gauge', NODE),
  metric('node_disk_usage_bytes', 'Disk Used Bytes', 'Disk space used in bytes by device', 'Nodes (PREVIEW)', 'Bytes', 'gauge', [...NODE, 'device']),
  metric('node_disk_usage_percentage', 'Disk Used Percentage', 'Disk space used in percent by device', 'Nodes (PREVIEW)', 'Percent', 'gauge', [...NODE, 'device']),
  metric('node_memory_rss_bytes', 'Memory RSS Bytes', 'Container RSS memory used in bytes', 'Nodes (PREVIEW)', 'Bytes', 'gauge', NODE),
  metric('node_memory_rss_percentage', 'Memory RSS Percentage', 'Container RSS memory used in percent', 'Nodes (PREVIEW)', 'Percent', 'gauge', NODE),
  metric('node_memory_working_set_bytes', 'Memory Working Set Bytes', 'Container working set memory used in bytes', 'Nodes (PREVIEW)', 'Bytes', 'gauge', NODE),
  metric('node_memory_working_set_percentage', 'Memory Working Set Percentage', 'Container working set memory used in percent', 'Nodes (PREVIEW)', 'Percent', 'gauge', NODE),
  metric('node_network_in_bytes', 'Network In Bytes', 'Network received bytes', 'Nodes (PREVIEW)', 'Bytes', 'gauge', NODE),
  metric('node_network_out_bytes', 'Network Out Bytes', 'Network transmitted bytes', 'Nodes (PREVIEW)', 'Bytes', 'gauge', NODE),
  metric('kube_pod_status_phase', 'Number of pods by phase', 'Number of pods by phase', 'Pods', 'Count', 'count', ['phase', 'namespace', 'pod']),
  metric('kube_pod_status_ready', 'Number of pods in Ready state', 'Number of pods in Ready state', 'Pods', 'Count', 'count', ['namespace', 'pod', 'condition']),
];

export function findMetric(name: string): MetricDefinition | undefined {
  const lower = name.toLowerCase();
  return METRICS.find((m) => m.name === lower);
}

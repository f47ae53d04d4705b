import { kqlStringList } from '../../domain/logs/kqlLiterals';

/**
 * The Container Insights queries that find pending pods for the autoscaler, each over many clusters of one
 * workspace (`_ResourceId in~ (…)`); the time range is the query's timespan (the last two minutes):
 * - `pending`: pods whose latest state is Pending, per cluster and controller (an equivalence group);
 * - `running`: each running pod's controller and node (node names carry the pool: `aks-<pool>-…`), which is how a
 *   pending group is attributed to a pool;
 * - `requests`: each running container's CPU and memory request (Perf K8SContainer, instance `<cluster>/<pod uid>/
 *   <container>`): a pending pod is sized like its controller's running pods — Log Analytics has no requests for
 *   pods that never ran.
 */
export const PENDING_QUERY_KINDS = ['pending', 'running', 'requests'] as const;
export type PendingQueryKind = (typeof PENDING_QUERY_KINDS)[number];

export function pendingPodQuery(kind: PendingQueryKind, clusterIds: readonly string[]): string {
  const clusters = `_ResourceId in~ ${kqlStringList(clusterIds)}`;
  switch (kind) {
    case 'pending':
      return [
        `KubePodInventory | where ${clusters}`,
        'summarize arg_max(TimeGenerated, PodStatus, ControllerName) by _ResourceId, PodUid',
        'where PodStatus == "Pending"',
        'summarize PendingPods = count() by _ResourceId, ControllerName',
      ].join('\n| ');
    case 'running':
      return [`KubePodInventory | where ${clusters} and PodStatus == "Running"`, 'summarize arg_max(TimeGenerated, ControllerName, Computer) by _ResourceId, PodUid'].join('\n| ');
    case 'requests':
      return [
        `Perf | where ${clusters} and ObjectName == "K8SContainer" and (CounterName == "cpuRequestNanoCores" or CounterName == "memoryRequestBytes")`,
        'summarize Value = max(CounterValue) by _ResourceId, InstanceName, CounterName',
      ].join('\n| ');
  }
}

/** AKS names Linux nodes `aks-<pool>-<digits>-vmss<suffix>` and Windows nodes `aks<pool><suffix>` (pool ≤ 6 chars). */
export function poolOfNode(nodeName: string, poolNames: readonly string[]): string | undefined {
  const lower = nodeName.toLowerCase();
  const linux = /^aks-([a-z0-9]+)-/.exec(lower)?.[1];
  if (linux !== undefined) return poolNames.find((pool) => pool.toLowerCase() === linux);
  return poolNames.find((pool) => lower.startsWith(`aks${pool.toLowerCase()}`));
}

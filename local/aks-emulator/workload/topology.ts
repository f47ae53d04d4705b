import type { ClusterState, NodeStatus } from '../model';
import type { OsName } from './workloadSpec';

/**
 * The part of a cluster's state that the workload depends on, captured whenever an operation step changes it:
 * pools, nodes (in age order: the order in which they first appeared) and whether the cluster runs.
 */

export interface TopologyNode {
  name: string;
  pool: string;
  vmSize: string;
  os: OsName;
  mode: 'System' | 'User';
  status: NodeStatus;
  kubernetesVersion: string;
  nodeImageVersion: string;
  maxPods: number;
  drainBlockedBy?: { namespace: string; name: string } | undefined;
}

export interface TopologyPool {
  name: string;
  mode: 'System' | 'User';
  os: OsName;
  vmSize: string;
  count: number;
  maxPods: number;
  enableAutoScaling: boolean;
}

export interface TopologyRecord {
  running: boolean;
  location: string;
  kubernetesVersion: string;
  autoscalerEnabled: boolean;
  pools: TopologyPool[];
  nodes: TopologyNode[];
}

export function captureTopology(cluster: ClusterState, previous: TopologyRecord | undefined): TopologyRecord {
  const current = cluster.pools.flatMap((pool) =>
    pool.nodes.map(
      (node): TopologyNode => ({
        name: node.name,
        pool: pool.name,
        vmSize: pool.vmSize,
        os: pool.osType === 'Windows' ? 'windows' : 'linux',
        mode: pool.mode,
        status: node.status,
        kubernetesVersion: node.kubernetesVersion,
        nodeImageVersion: node.nodeImageVersion,
        maxPods: pool.maxPods,
        ...(node.drainBlockedBy ? { drainBlockedBy: { ...node.drainBlockedBy } } : {}),
      }),
    ),
  );
  const pools = cluster.pools.map(
    (pool): TopologyPool => ({
      name: pool.name,
      mode: pool.mode,
      os: pool.osType === 'Windows' ? 'windows' : 'linux',
      vmSize: pool.vmSize,
      count: pool.count,
      maxPods: pool.maxPods,
      enableAutoScaling: pool.properties['enableAutoScaling'] === true,
    }),
  );
  return {
    running: cluster.powerState === 'Running',
    location: cluster.location,
    kubernetesVersion: cluster.currentKubernetesVersion,
    autoscalerEnabled: pools.some((p) => p.enableAutoScaling),
    pools,
    nodes: inAgeOrder(current, previous?.nodes ?? []),
  };
}

/** Nodes seen before keep their place; new nodes follow, in pool and instance order. */
function inAgeOrder(current: TopologyNode[], previous: readonly TopologyNode[]): TopologyNode[] {
  const rank = new Map(previous.map((n, i) => [n.name, i]));
  const known = current.filter((n) => rank.has(n.name)).sort((a, b) => rank.get(a.name)! - rank.get(b.name)!);
  return [...known, ...current.filter((n) => !rank.has(n.name))];
}

export const sameTopology = (a: TopologyRecord | undefined, b: TopologyRecord | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A node exists in Kubernetes once its VM has booted and joined, until it is deallocated. */
export const isRegistered = (status: NodeStatus): boolean => status !== 'Provisioning' && status !== 'Deallocated';

/** The kubelet reports Ready unless the node is being reimaged (or the workload forces it NotReady). */
export const isReadyCondition = (status: NodeStatus, forcedNotReady: boolean): boolean =>
  isRegistered(status) && status !== 'Reimaging' && !forcedNotReady;

/** New pods go only to Ready, uncordoned nodes (cordoned, draining and quarantined nodes are unschedulable). */
export const isSchedulable = (status: NodeStatus, forcedNotReady: boolean): boolean => status === 'Ready' && !forcedNotReady;

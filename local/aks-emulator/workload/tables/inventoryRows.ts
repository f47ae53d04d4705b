import { hashString } from '../stableNames';
import type { NodeSnapshot, PodState, WorkloadView } from '../workloadSnapshot';
import type { TableContext } from './tableContext';
import { commonColumns, iso, runningViews } from './tableContext';
import type { Row } from './tableSchemas';

/** KubeNodeInventory and KubePodInventory: one row per node, and per pod container, every minute. */

const OPERATING_SYSTEM = { linux: 'Ubuntu 22.04.5 LTS', windows: 'Windows Server 2022 Datacenter' } as const;

export function kubeNodeInventoryRows(ctx: TableContext): Row[] {
  return runningViews(ctx).flatMap((view) => view.nodes.filter((n) => n.registered).map((node) => nodeRow(ctx, view, node)));
}

function nodeRow(ctx: TableContext, view: WorkloadView, node: NodeSnapshot): Row {
  const history = ctx.simulation.nodeHistory(ctx.clusterKey, node.name, view.atMs);
  return {
    ...commonColumns(ctx, 'KubeNodeInventory', view.atMs),
    ClusterId: ctx.resourceId,
    ClusterName: ctx.clusterName,
    Computer: node.name,
    Status: node.ready ? 'Ready' : 'NotReady',
    LastTransitionTimeReady: iso(history?.readySinceMs ?? view.atMs),
    Labels: JSON.stringify([
      {
        'kubernetes.azure.com/agentpool': node.pool,
        'kubernetes.azure.com/mode': node.mode.toLowerCase(),
        'kubernetes.io/os': node.os,
        'node.kubernetes.io/instance-type': node.vmSize,
        'kubernetes.azure.com/node-image-version': node.nodeImageVersion,
      },
    ]),
    KubeletVersion: `v${node.kubernetesVersion}`,
    KubeProxyVersion: `v${node.kubernetesVersion}`,
    DockerVersion: 'containerd://1.7.27-1',
    OperatingSystem: OPERATING_SYSTEM[node.os],
    KubernetesProviderID: 'azure',
    CreationTimeStamp: iso(history?.firstSeenMs ?? view.atMs),
  };
}

export function kubePodInventoryRows(ctx: TableContext): Row[] {
  return runningViews(ctx).flatMap((view) => view.pods.map((pod) => podRow(ctx, view, pod)));
}

/** A pod's IP in the default pod CIDR 10.244.0.0/16, fixed by its UID. */
export const podIp = (pod: PodState): string => {
  const hash = hashString(pod.uid);
  return `10.244.${hash % 256}.${1 + ((hash >>> 8) % 254)}`;
};

export const containerId = (pod: PodState): string => `containerd://${hashString(`${pod.uid}/c`).toString(16).padStart(8, '0')}${hashString(pod.uid).toString(16).padStart(8, '0')}`;

function podRow(ctx: TableContext, view: WorkloadView, pod: PodState): Row {
  const running = pod.phase === 'Running';
  const created = iso(view.specFromMs);
  return {
    ...commonColumns(ctx, 'KubePodInventory', view.atMs),
    ClusterId: ctx.resourceId,
    ClusterName: ctx.clusterName,
    Computer: pod.node ?? '',
    Name: pod.name,
    Namespace: pod.namespace,
    PodUid: pod.uid,
    PodIp: running ? podIp(pod) : '',
    PodLabel: JSON.stringify([{ app: pod.owner.spec.name }]),
    PodStatus: pod.phase,
    PodCreationTimeStamp: created,
    PodStartTime: running ? created : '',
    PodRestartCount: 0,
    ControllerKind: pod.controllerKind,
    ControllerName: pod.controllerName,
    ServiceName: '',
    ContainerID: running ? containerId(pod) : '',
    ContainerName: `${pod.uid}/${pod.containerName}`,
    ContainerStatus: running ? 'running' : 'waiting',
    ContainerStatusReason: running ? '' : 'Unschedulable',
    ContainerLastStatus: '',
    ContainerRestartCount: 0,
    ContainerCreationTimeStamp: running ? created : '',
    ContainerStartTime: running ? created : '',
  };
}

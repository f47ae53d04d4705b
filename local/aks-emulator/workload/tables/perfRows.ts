import { podUsage } from '../workloadSnapshot';
import type { NodeSnapshot, PodState, WorkloadView } from '../workloadSnapshot';
import type { TableContext } from './tableContext';
import { commonColumns, runningViews } from './tableContext';
import type { Row } from './tableSchemas';

/** Perf: Container Insights' K8SNode and K8SContainer counters, every minute. */

const NANO_PER_MILLI = 1_000_000;

export function perfRows(ctx: TableContext): Row[] {
  return runningViews(ctx).flatMap((view) => [
    ...view.nodes.filter((n) => n.ready).flatMap((node) => nodeCounters(ctx, view, node)),
    ...view.pods.filter((p) => p.phase === 'Running').flatMap((pod) => containerCounters(ctx, view, pod)),
  ]);
}

function nodeCounters(ctx: TableContext, view: WorkloadView, node: NodeSnapshot): Row[] {
  const counters: [string, number][] = [
    ['cpuUsageNanoCores', node.usage.cpuMillicores * NANO_PER_MILLI],
    ['memoryWorkingSetBytes', node.usage.memoryWorkingSetBytes],
    ['memoryRssBytes', node.usage.memoryRssBytes],
    ['cpuCapacityNanoCores', node.capacity.cpuMillicores * NANO_PER_MILLI],
    ['memoryCapacityBytes', node.capacity.memoryBytes],
    ['cpuAllocatableNanoCores', node.allocatable.cpuMillicores * NANO_PER_MILLI],
    ['memoryAllocatableBytes', node.allocatable.memoryBytes],
  ];
  return counters.map(([name, value]) => row(ctx, view.atMs, node.name, 'K8SNode', name, value, `${ctx.resourceId}/${node.name}`));
}

function containerCounters(ctx: TableContext, view: WorkloadView, pod: PodState): Row[] {
  const usage = podUsage(pod, view.load);
  const counters: [string, number][] = [
    ['cpuUsageNanoCores', usage.cpuMillicores * NANO_PER_MILLI],
    ['memoryWorkingSetBytes', usage.memoryWorkingSetBytes],
    ['memoryRssBytes', usage.memoryRssBytes],
    ['cpuRequestNanoCores', pod.cpuRequestMillicores * NANO_PER_MILLI],
    ['memoryRequestBytes', pod.memoryRequestBytes],
  ];
  return counters.map(([name, value]) => row(ctx, view.atMs, pod.node ?? '', 'K8SContainer', name, value, `${ctx.resourceId}/${pod.uid}/${pod.containerName}`));
}

function row(ctx: TableContext, atMs: number, computer: string, objectName: string, counterName: string, value: number, instance: string): Row {
  return { ...commonColumns(ctx, 'Perf', atMs), Computer: computer, ObjectName: objectName, CounterName: counterName, CounterValue: value, InstanceName: instance };
}

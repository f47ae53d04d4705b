import { stableFraction } from '../stableNames';
import type { NodeSnapshot, PodState, WorkloadView } from '../workloadSnapshot';
import { containerId } from './inventoryRows';
import type { TableContext } from './tableContext';
import { MINUTE_MS, commonColumns, runningViews } from './tableContext';
import type { Row } from './tableSchemas';

/**
 * ContainerLogV2: the log lines of running containers. A pod writes logLinesPerMinute × L lines a minute (L only for
 * load-following deployments; the fraction is decided per pod and minute). About 1 % of lines are errors, 15 % when
 * the pod's node is CPU-saturated (usage at 95 % of allocatable or more). Node agents (DaemonSets) write nothing.
 */

const ROUTES = ['/api/orders', '/api/items', '/healthz', '/api/search', '/api/users'];

export function containerLogRows(ctx: TableContext): Row[] {
  return runningViews(ctx).flatMap((view) => {
    const nodes = new Map(view.nodes.map((n) => [n.name, n]));
    return view.pods.flatMap((pod) => (pod.phase === 'Running' && pod.owner.kind === 'Deployment' ? podLines(ctx, view, pod, nodes.get(pod.node ?? '')) : []));
  });
}

function podLines(ctx: TableContext, view: WorkloadView, pod: PodState, node: NodeSnapshot | undefined): Row[] {
  if (pod.owner.kind !== 'Deployment') return [];
  const deployment = pod.owner.spec;
  const rate = deployment.logLinesPerMinute * (deployment.followsLoad ? view.load : 1);
  const count = Math.floor(rate + stableFraction(pod.uid, view.atMs, 'lines'));
  const saturated = node !== undefined && node.usage.cpuMillicores >= 0.95 * node.allocatable.cpuMillicores;
  const rows: Row[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = view.atMs + Math.floor(((i + stableFraction(pod.uid, view.atMs, i)) / count) * MINUTE_MS);
    const roll = stableFraction(pod.uid, view.atMs, i, 'level');
    const level = roll < (saturated ? 0.15 : 0.01) ? 'ERROR' : roll > 0.97 ? 'WARNING' : 'INFO';
    rows.push({
      ...commonColumns(ctx, 'ContainerLogV2', at),
      Computer: pod.node ?? '',
      ContainerId: containerId(pod).replace('containerd://', ''),
      ContainerName: pod.containerName,
      PodName: pod.name,
      PodNamespace: pod.namespace,
      LogMessage: message(pod, level, stableFraction(pod.uid, view.atMs, i, 'route'), saturated),
      LogSource: level === 'INFO' ? 'stdout' : 'stderr',
      LogLevel: level,
      KubernetesMetadata: { podUid: pod.uid, image: pod.image, podLabels: { app: deployment.name } },
    });
  }
  return rows;
}

/** Application pods log JSON (queryable as dynamic); kube-system components log plain text. */
function message(pod: PodState, level: string, roll: number, saturated: boolean): Record<string, unknown> | string {
  if (pod.namespace === 'kube-system') return level === 'INFO' ? `[INFO] ${pod.containerName}: sync completed` : `[${level}] ${pod.containerName}: request to the API server took longer than expected`;
  const route = ROUTES[Math.floor(roll * ROUTES.length)]!;
  if (level === 'ERROR') return { level: 'error', msg: saturated ? `request to ${route} timed out after 30s` : `upstream returned 503 for ${route}`, pod: pod.name };
  if (level === 'WARNING') return { level: 'warn', msg: `slow request ${route}`, latencyMs: 800 + Math.round(roll * 2000) };
  return { level: 'info', msg: `GET ${route} 200`, latencyMs: 5 + Math.round(roll * 80) };
}

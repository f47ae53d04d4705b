import { apiCalls, requestUri } from './auditRows';
import { apiStatus, deprecationOf } from './deprecatedApis';
import { controlPlanePod, klogLine } from './klog';
import type { KubeEvent } from './kubeEventRows';
import { kubeEvents } from './kubeEventRows';
import type { TableContext } from './tableContext';
import { commonColumns, runningViews } from './tableContext';
import type { Row } from './tableSchemas';

/**
 * AKSControlPlane (resource-specific diagnostic logs): kube-scheduler on every scheduling decision, kube-controller-manager
 * on node lifecycle, cluster-autoscaler every minute while a pool autoscales, kube-apiserver for calls to removed APIs.
 */

type Level = 'Info' | 'Warning' | 'Error';

export function controlPlaneRows(ctx: TableContext): Row[] {
  const line = (atMs: number, category: string, level: Level, source: string, message: string): Row => ({
    ...commonColumns(ctx, 'AKSControlPlane', atMs),
    Category: category,
    Level: level,
    Message: klogLine(level, atMs, source, message),
    PodName: controlPlanePod(ctx.clusterKey, category),
    Stream: 'stderr',
  });
  const fromEvents = kubeEvents(ctx).flatMap((e) => eventLines(e).map(([category, level, source, message]) => line(e.atMs, category, level, source, message)));
  const autoscaler = runningViews(ctx).flatMap((view) => {
    if (!view.autoscalerEnabled) return [];
    const pending = view.pods.filter((p) => p.phase === 'Pending');
    if (pending.length === 0) return [line(view.atMs, 'cluster-autoscaler', 'Info', 'static_autoscaler.go:590', 'No unschedulable pods')];
    return [
      ...pending.slice(0, 5).map((p) => line(view.atMs, 'cluster-autoscaler', 'Info', 'klogx.go:87', `Pod ${p.namespace}/${p.name} is unschedulable`)),
      line(view.atMs, 'cluster-autoscaler', 'Info', 'static_autoscaler.go:602', `${pending.length} unschedulable pods`),
    ];
  });
  const removedApis = apiCalls(ctx).flatMap((call) =>
    apiStatus(deprecationOf(call.client.group, call.client.version, call.client.resource), call.view.kubernetesVersion) === 'removed'
      ? [line(call.atMs, 'kube-apiserver', 'Info', 'httplog.go:134', `"HTTP" verb="${call.client.verb.toUpperCase()}" URI="${requestUri(call.client, call.view)}" latency="2ms" userAgent="${call.client.userAgent}" resp=404`)]
      : [],
  );
  return [...fromEvents, ...autoscaler, ...removedApis].sort((a, b) => String(a['TimeGenerated']).localeCompare(String(b['TimeGenerated'])));
}

function eventLines(e: KubeEvent): [string, Level, string, string][] {
  const object = e.namespace === 'default' && e.kind === 'Node' ? e.name : `${e.namespace}/${e.name}`;
  switch (e.reason) {
    case 'FailedScheduling':
      return [['kube-scheduler', 'Info', 'schedule_one.go:1004', `"Unable to schedule pod; no fit; waiting" pod="${object}" err="${e.message}"`]];
    case 'Scheduled':
      return [['kube-scheduler', 'Info', 'schedule_one.go:314', `"Successfully bound pod to node" pod="${object}" node="${e.computer}"`]];
    case 'RegisteredNode':
    case 'RemovingNode':
    case 'NodeNotReady':
      return [['kube-controller-manager', 'Info', 'node_lifecycle_controller.go:1026', `"${e.message}" node="${object}"`]];
    default:
      return [];
  }
}

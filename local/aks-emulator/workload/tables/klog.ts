import { nameSuffix } from '../stableNames';

/** Control-plane log lines in Kubernetes' klog format: `I1127 12:00:00.000000       1 file.go:123] message`. */
export function klogLine(level: 'Info' | 'Warning' | 'Error', atMs: number, source: string, message: string): string {
  const d = new Date(atMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `${level[0]}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros}       1 ${source}] ${message}`;
}

/** The (stable) pod name of a control-plane component of a cluster, e.g. kube-scheduler-6d8c9f7b4b-x2k9p. */
export const controlPlanePod = (clusterKey: string, component: string): string => `${component}-${nameSuffix(10, clusterKey, component)}-${nameSuffix(5, clusterKey, component, 'pod')}`;

import type { LogRecord, LogTableName, TablesFor } from '../../../../local/aks-emulator/logAnalytics';

/**
 * One Log Analytics workspace shared by two clusters (as Container Insights often is), with container logs in
 * three namespaces, events, control-plane and audit rows. Values include KQL metacharacters so a query that
 * leaked a value out of its literal would match different rows. The server clock is fixed at NOW.
 */
export const NOW = Date.parse('2026-12-01T12:00:00Z');
export const WORKSPACE_ID = '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
export const SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
export const RESOURCE_GROUP = 'RG-Logs';
export const clusterId = (name: string) =>
  `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/${name}`;
export const PROD = clusterId('prod');
export const OTHER = clusterId('other');
/** A cluster whose id starts with PROD's: a prefix match on `_ResourceId` would mix their rows. */
export const PROD_CANARY = clusterId('prod-canary');
/** A cluster with many rows at the same instants, for paging. */
export const PAGED = clusterId('paged');
export const PAGED_ROWS = 25;
export const TRICKY_MESSAGE = 'quote " backslash \\ pipe | take 1';

const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000);

function containerLog(cluster: string, minutes: number, namespace: string, pod: string, level: string, message: string): LogRecord {
  return {
    _ResourceId: cluster.toLowerCase(),
    TimeGenerated: minutesAgo(minutes),
    Computer: 'aks-user-0',
    ContainerId: `cid-${pod}`,
    ContainerName: pod.split('-')[0],
    PodName: pod,
    PodNamespace: namespace,
    LogSource: level === 'ERROR' ? 'stderr' : 'stdout',
    LogLevel: level,
    LogMessage: message,
  };
}

const CONTAINER_LOGS: LogRecord[] = [
  containerLog(PROD, 5, 'team-a', 'web-1', 'INFO', 'GET / 200'),
  containerLog(PROD, 10, 'team-a', 'web-1', 'ERROR', TRICKY_MESSAGE),
  containerLog(PROD, 15, 'team-b', 'api-1', 'ERROR', 'timeout talking to db'),
  containerLog(PROD, 20, 'kube-system', 'coredns-1', 'INFO', 'ready'),
  containerLog(PROD, 180, 'team-a', 'web-1', 'INFO', 'three hours ago'),
  containerLog(OTHER, 5, 'team-a', 'web-9', 'ERROR', 'another cluster'),
  containerLog(PROD_CANARY, 6, 'team-a', 'web-7', 'INFO', 'prefix cluster'),
  ...pagedLogs(),
];

/** PAGED_ROWS rows in groups of five at the same millisecond (one group mid-page at every page size tried). */
function pagedLogs(): LogRecord[] {
  return Array.from({ length: PAGED_ROWS }, (_, index) =>
    containerLog(PAGED, 1 + Math.floor(index / 5), 'team-p', `job-${String(index).padStart(2, '0')}`, 'INFO', `row ${index}`),
  );
}

const EVENTS: LogRecord[] = [
  { _ResourceId: PROD.toLowerCase(), TimeGenerated: minutesAgo(7), Namespace: 'team-b', ObjectKind: 'Pod', Name: 'api-1', Reason: 'BackOff', KubeEventType: 'Warning', Message: 'Back-off restarting', Count: 3 },
  { _ResourceId: PROD.toLowerCase(), TimeGenerated: minutesAgo(8), Namespace: 'kube-system', ObjectKind: 'Pod', Name: 'coredns-1', Reason: 'Pulled', KubeEventType: 'Normal', Message: 'Pulled image', Count: 1 },
];

const CONTROL_PLANE: LogRecord[] = [
  { _ResourceId: PROD.toLowerCase(), TimeGenerated: minutesAgo(3), Category: 'kube-apiserver', Level: 'Error', PodName: 'kube-apiserver-1', Message: 'etcd slow', Stream: 'stderr' },
];

const AUDIT: LogRecord[] = [
  { _ResourceId: PROD.toLowerCase(), TimeGenerated: minutesAgo(2), Verb: 'delete', RequestUri: '/api/v1/namespaces/team-a/pods/web-1', User: { username: 'alice' }, ObjectRef: { namespace: 'team-a' }, ResponseStatus: { code: 200 } },
];

const TABLES: Partial<Record<LogTableName, LogRecord[]>> = {
  ContainerLogV2: CONTAINER_LOGS,
  KubeEvents: EVENTS,
  AKSControlPlane: CONTROL_PLANE,
  AKSAudit: AUDIT,
};

export const logsWorkspace: TablesFor = (workspaceId) =>
  workspaceId === WORKSPACE_ID ? { records: (table) => TABLES[table] ?? [] } : undefined;

/** Adds a container log row (as if it had just arrived); the returned function takes it out again. */
export function arriveContainerLog(cluster: string, minutes: number, pod: string): () => void {
  const record = containerLog(cluster, minutes, 'team-p', pod, 'INFO', 'arrived late');
  CONTAINER_LOGS.push(record);
  return () => {
    CONTAINER_LOGS.splice(CONTAINER_LOGS.indexOf(record), 1);
  };
}

/** Every cluster of the fixture sends its rows to the one workspace. */
export const logsWorkspacesOfResource = (): string[] => [WORKSPACE_ID];

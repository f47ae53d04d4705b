import type { LogRecord, LogTableName, TablesFor } from '../../../local/aks-emulator/logAnalytics';

/**
 * A small AKS workspace with the documented columns of each table, for the SDK tests; their expected results
 * are worked out by hand from these records. The server clock is fixed at NOW.
 */
export const NOW = Date.parse('2026-11-27T12:00:00Z');
export const WORKSPACE_ID = '3f0d5b7c-1e2a-4c6b-9d8e-7a6b5c4d3e2f';
export const DEV_WORKSPACE_ID = '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

export const minutesAgo = (minutes: number): Date => new Date(NOW - minutes * 60_000);

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-fleet/providers/microsoft.containerservice/managedclusters/aks-prod';
const common = { _ResourceId: CLUSTER_ID, SourceSystem: 'Container Insights' };
const cluster = { ...common, ClusterId: CLUSTER_ID, ClusterName: 'aks-prod' };

const node = (minutes: number, computer: string, status: string): LogRecord => ({
  ...cluster,
  TimeGenerated: minutesAgo(minutes),
  Computer: computer,
  Status: status,
  KubeletVersion: 'v1.35.3',
  KubeProxyVersion: 'v1.35.3',
  DockerVersion: 'containerd://1.7.27',
  OperatingSystem: 'Ubuntu 24.04.3 LTS',
  KubernetesProviderID: 'azure',
  Labels: JSON.stringify([{ agentpool: computer.split('-')[1] }]),
  CreationTimeStamp: minutesAgo(24 * 60),
  LastTransitionTimeReady: minutesAgo(24 * 60),
});

const pod = (
  minutes: number,
  name: string,
  namespace: string,
  computer: string,
  status: string,
  restarts: number,
): LogRecord => ({
  ...cluster,
  TimeGenerated: minutesAgo(minutes),
  Computer: computer,
  Name: name,
  Namespace: namespace,
  PodUid: `uid-${name}`,
  PodStatus: status,
  PodRestartCount: restarts,
  ContainerRestartCount: restarts,
  ContainerName: `uid-${name}/${name.split('-')[0] ?? name}`,
  ContainerStatus: status === 'Running' ? 'running' : 'waiting',
  ControllerKind: 'ReplicaSet',
  PodCreationTimeStamp: minutesAgo(600),
});

const log = (
  minutes: number,
  podName: string,
  namespace: string,
  source: string,
  level: string,
  message: unknown,
): LogRecord => ({
  ...common,
  TimeGenerated: minutesAgo(minutes),
  Computer: podName.startsWith('coredns') ? 'aks-system-0' : 'aks-user-0',
  ContainerId: `cid-${podName}`,
  ContainerName: podName.split('-')[0],
  PodName: podName,
  PodNamespace: namespace,
  LogSource: source,
  LogLevel: level,
  LogMessage: message,
  KubernetesMetadata: {
    podUid: `uid-${podName}`,
    image: `contoso.azurecr.io/${podName.split('-')[0] ?? ''}:1.4.2`,
  },
});

const perf = (
  minutes: number,
  objectName: string,
  instance: string,
  counter: string,
  value: number,
): LogRecord => ({
  ...common,
  TimeGenerated: minutesAgo(minutes),
  Computer: 'aks-user-0',
  ObjectName: objectName,
  CounterName: counter,
  CounterValue: value,
  InstanceName: `${CLUSTER_ID}/${instance}`,
});

const event = (
  minutes: number,
  type: string,
  reason: string,
  name: string,
  namespace: string,
  count: number,
  message: string,
): LogRecord => ({
  ...cluster,
  TimeGenerated: minutesAgo(minutes),
  KubeEventType: type,
  Reason: reason,
  ObjectKind: 'Pod',
  Name: name,
  Namespace: namespace,
  Count: count,
  Message: message,
  SourceComponent: reason === 'FailedScheduling' ? 'default-scheduler' : 'kubelet',
  FirstSeen: minutesAgo(minutes + 5),
  LastSeen: minutesAgo(minutes),
});

const controlPlane = (
  minutes: number,
  category: string,
  level: string,
  message: string,
  stream: string,
): LogRecord => ({
  ...common,
  TimeGenerated: minutesAgo(minutes),
  Category: category,
  Level: level,
  Message: message,
  PodName: `${category}-6f7c9`,
  Stream: stream,
});

const audit = (
  minutes: number,
  verb: string,
  username: string,
  objectRef: Record<string, string>,
  code: number,
): LogRecord => ({
  ...common,
  TimeGenerated: minutesAgo(minutes),
  AuditId: `audit-${minutes}`,
  Verb: verb,
  User: { username, groups: ['system:authenticated'] },
  ObjectRef: objectRef,
  ResponseStatus: { code },
  RequestUri: `/api/v1/namespaces/${objectRef['namespace'] ?? 'default'}/${objectRef['resource'] ?? ''}`,
  SourceIps: ['10.224.0.5'],
  UserAgent: 'kubectl/v1.35.3',
  Level: 'Metadata',
  Stage: 'ResponseComplete',
  RequestReceivedTime: minutesAgo(minutes),
  StageReceivedTime: minutesAgo(minutes),
  PodName: 'kube-apiserver-6f7c9',
});

const createAudit = audit(
  25,
  'create',
  'alice@contoso.com',
  { resource: 'pods', namespace: 'default', name: 'api-5d6' },
  201,
);
const deleteAudit = audit(
  10,
  'delete',
  'bob@contoso.com',
  { resource: 'pods', namespace: 'default', name: 'web-8x2' },
  200,
);

export const PROD_RECORDS: Record<LogTableName, readonly LogRecord[]> = {
  KubeNodeInventory: [
    node(90, 'aks-system-0', 'Ready'),
    node(90, 'aks-user-0', 'Ready'),
    node(30, 'aks-system-0', 'Ready'),
    node(30, 'aks-user-0', 'MemoryPressure'),
  ],
  KubePodInventory: [
    pod(180, 'web-old', 'default', 'aks-user-0', 'Running', 0),
    pod(30, 'coredns-abc', 'kube-system', 'aks-system-0', 'Running', 0),
    pod(30, 'web-7f9', 'default', 'aks-user-0', 'Running', 1),
    pod(30, 'web-8x2', 'default', 'aks-user-0', 'Failed', 4),
    pod(30, 'api-5d6', 'default', 'aks-user-0', 'Running', 0),
    pod(30, 'job-pending', 'batch', '', 'Pending', 0),
  ],
  ContainerLogV2: [
    log(50, 'web-7f9', 'default', 'stdout', 'INFO', {
      level: 'info',
      msg: 'GET /healthz',
      status: 200,
      latencyMs: 3,
    }),
    log(40, 'web-8x2', 'default', 'stderr', 'ERROR', {
      level: 'error',
      msg: 'upstream timeout',
      status: 504,
      latencyMs: 30000,
    }),
    log(35, 'web-8x2', 'default', 'stderr', 'CRITICAL', 'panic: runtime error: index out of range'),
    log(20, 'api-5d6', 'default', 'stdout', 'WARNING', {
      level: 'warn',
      msg: 'slow query',
      status: 200,
      latencyMs: 1200,
    }),
    log(
      10,
      'coredns-abc',
      'kube-system',
      'stderr',
      'ERROR',
      'plugin/errors: 2 example.org. A: read udp timeout',
    ),
    log(5, 'web-7f9', 'default', 'stdout', 'INFO', {
      level: 'info',
      msg: 'GET /',
      status: 200,
      latencyMs: 12,
    }),
  ],
  Perf: [
    perf(10, 'K8SContainer', 'uid-web-7f9/web', 'cpuUsageNanoCores', 200e6),
    perf(5, 'K8SContainer', 'uid-web-7f9/web', 'cpuUsageNanoCores', 300e6),
    perf(5, 'K8SContainer', 'uid-web-7f9/web', 'cpuRequestNanoCores', 250e6),
    perf(5, 'K8SContainer', 'uid-web-7f9/web', 'memoryWorkingSetBytes', 268435456),
    perf(10, 'K8SContainer', 'uid-api-5d6/api', 'cpuUsageNanoCores', 50e6),
    perf(5, 'K8SContainer', 'uid-api-5d6/api', 'cpuUsageNanoCores', 70e6),
    perf(5, 'K8SContainer', 'uid-api-5d6/api', 'cpuRequestNanoCores', 100e6),
    perf(5, 'K8SNode', 'aks-user-0', 'cpuCapacityNanoCores', 4e9),
  ],
  KubeEvents: [
    event(40, 'Warning', 'BackOff', 'web-8x2', 'default', 5, 'Back-off restarting failed container'),
    event(
      38,
      'Warning',
      'FailedScheduling',
      'job-pending',
      'batch',
      3,
      '0/2 nodes are available: 2 Insufficient cpu.',
    ),
    event(20, 'Normal', 'Pulled', 'api-5d6', 'default', 1, 'Container image pulled'),
  ],
  AKSControlPlane: [
    controlPlane(15, 'kube-apiserver', 'Error', 'etcdserver: request timed out', 'stderr'),
    controlPlane(
      14,
      'kube-scheduler',
      'Info',
      'Successfully assigned default/api-5d6 to aks-user-0',
      'stdout',
    ),
    controlPlane(12, 'cluster-autoscaler', 'Warning', 'scale-up timeout exceeded', 'stderr'),
  ],
  AKSAudit: [
    createAudit,
    audit(
      24,
      'get',
      'system:serviceaccount:kube-system:coredns',
      { resource: 'endpoints', namespace: 'kube-system' },
      200,
    ),
    deleteAudit,
  ],
  AKSAuditAdmin: [createAudit, deleteAudit],
};

const DEV_RECORDS: Partial<Record<LogTableName, readonly LogRecord[]>> = {
  KubeNodeInventory: [{ ...node(20, 'aks-dev-0', 'Ready'), ClusterName: 'aks-dev' }],
};

/** The two workspaces of the tests; any other ID is unknown (404). */
export const sampleTablesFor: TablesFor = (workspaceId) => {
  const records =
    workspaceId === WORKSPACE_ID ? PROD_RECORDS : workspaceId === DEV_WORKSPACE_ID ? DEV_RECORDS : undefined;
  if (records === undefined) return undefined;
  return { records: (table) => records[table] ?? [] };
};

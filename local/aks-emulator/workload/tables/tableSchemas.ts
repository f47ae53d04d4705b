/**
 * Columns of the Log Analytics tables the workload simulation produces rows for (azure-apis.md §5), with their
 * Kusto types. Every table also has TimeGenerated, _ResourceId (the cluster id, lower case), _SubscriptionId,
 * SourceSystem and Type; TenantId (the workspace id) is left to whoever serves the rows from a workspace.
 */

export type KustoType = 'string' | 'datetime' | 'long' | 'int' | 'real' | 'bool' | 'dynamic' | 'guid';

export type TableName = 'ContainerLogV2' | 'KubePodInventory' | 'KubeNodeInventory' | 'KubeEvents' | 'Perf' | 'AKSControlPlane' | 'AKSAudit' | 'AKSAuditAdmin';

export interface ColumnSchema {
  name: string;
  type: KustoType;
}

const COMMON: ColumnSchema[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: '_ResourceId', type: 'string' },
  { name: '_SubscriptionId', type: 'string' },
  { name: 'SourceSystem', type: 'string' },
  { name: 'Type', type: 'string' },
];

const columns = (spec: string): ColumnSchema[] =>
  spec
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [name = '', type = 'string'] = pair.split(':');
      return { name, type: type as KustoType };
    });

const AUDIT = columns(`AuditId:string Verb:string RequestUri:string User:dynamic SourceIps:dynamic UserAgent:string ObjectRef:dynamic
  RequestObject:dynamic ResponseObject:dynamic ResponseStatus:dynamic Annotations:dynamic Level:string Stage:string
  RequestReceivedTime:datetime StageReceivedTime:datetime PodName:string`);

export const TABLE_SCHEMAS: Record<TableName, ColumnSchema[]> = {
  ContainerLogV2: [
    ...COMMON,
    ...columns(`Computer:string ContainerId:string ContainerName:string PodName:string PodNamespace:string LogMessage:dynamic LogSource:string
      LogLevel:string KubernetesMetadata:dynamic`),
  ],
  KubePodInventory: [
    ...COMMON,
    ...columns(`ClusterId:string ClusterName:string Computer:string Name:string Namespace:string PodUid:string PodIp:string PodLabel:string
      PodStatus:string PodCreationTimeStamp:datetime PodStartTime:datetime PodRestartCount:int ControllerKind:string ControllerName:string
      ServiceName:string ContainerID:string ContainerName:string ContainerStatus:string ContainerStatusReason:string ContainerLastStatus:string
      ContainerRestartCount:int ContainerCreationTimeStamp:datetime ContainerStartTime:datetime`),
  ],
  KubeNodeInventory: [
    ...COMMON,
    ...columns(`ClusterId:string ClusterName:string Computer:string Status:string LastTransitionTimeReady:datetime Labels:string
      KubeletVersion:string KubeProxyVersion:string DockerVersion:string OperatingSystem:string KubernetesProviderID:string
      CreationTimeStamp:datetime`),
  ],
  KubeEvents: [
    ...COMMON,
    ...columns(`ClusterId:string ClusterName:string Computer:string ObjectKind:string Name:string Namespace:string Reason:string Message:string
      KubeEventType:string SourceComponent:string Count:int FirstSeen:datetime LastSeen:datetime`),
  ],
  Perf: [...COMMON, ...columns('Computer:string ObjectName:string CounterName:string CounterValue:real InstanceName:string')],
  AKSControlPlane: [...COMMON, ...columns('Category:string Level:string Message:string PodName:string Stream:string')],
  AKSAudit: [...COMMON, ...AUDIT],
  AKSAuditAdmin: [...COMMON, ...AUDIT],
};

export type Row = Record<string, unknown>;

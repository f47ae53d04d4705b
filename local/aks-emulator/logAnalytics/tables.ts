import type { TableSchema } from './kql/analyzeQuery';
import type { Column, KqlType } from './kql/table';

/**
 * The Container Insights and AKS resource-specific tables the emulator serves, with the columns and types of the
 * Azure Monitor table reference (MicrosoftDocs/azure-reference-other, azure-monitor-ref/tables). Column order:
 * TenantId and TimeGenerated first, the table's own columns as documented, then SourceSystem, Type and
 * _ResourceId — the layout query results show. The hidden system columns _BilledSize, _IsBillable and
 * _SubscriptionId, which the service leaves out of `*` results, are not modelled: naming one is refused.
 */
export const LOG_TABLE_NAMES = [
  'ContainerLogV2',
  'KubePodInventory',
  'KubeNodeInventory',
  'KubeEvents',
  'Perf',
  'AKSControlPlane',
  'AKSAudit',
  'AKSAuditAdmin',
] as const;

export type LogTableName = (typeof LOG_TABLE_NAMES)[number];

type ColumnList = readonly (readonly [name: string, type: KqlType])[];

const auditColumns: ColumnList = [
  ['Annotations', 'dynamic'],
  ['AuditId', 'string'],
  ['Level', 'string'],
  ['ObjectRef', 'dynamic'],
  ['PodName', 'string'],
  ['RequestObject', 'dynamic'],
  ['RequestReceivedTime', 'datetime'],
  ['RequestUri', 'string'],
  ['ResponseObject', 'dynamic'],
  ['ResponseStatus', 'dynamic'],
  ['SourceIps', 'dynamic'],
  ['Stage', 'string'],
  ['StageReceivedTime', 'datetime'],
  ['User', 'dynamic'],
  ['UserAgent', 'string'],
  ['Verb', 'string'],
];

const OWN_COLUMNS: Record<LogTableName, ColumnList> = {
  ContainerLogV2: [
    ['Computer', 'string'],
    ['ContainerId', 'string'],
    ['ContainerName', 'string'],
    ['KubernetesMetadata', 'dynamic'],
    ['LogLevel', 'string'],
    ['LogMessage', 'dynamic'],
    ['LogSource', 'string'],
    ['PodName', 'string'],
    ['PodNamespace', 'string'],
  ],
  KubePodInventory: [
    ['ClusterId', 'string'],
    ['ClusterName', 'string'],
    ['Computer', 'string'],
    ['ContainerCreationTimeStamp', 'datetime'],
    ['ContainerID', 'string'],
    ['ContainerLastStatus', 'string'],
    ['ContainerName', 'string'],
    ['ContainerRestartCount', 'int'],
    ['ContainerStartTime', 'datetime'],
    ['ContainerStatus', 'string'],
    ['ContainerStatusReason', 'string'],
    ['ControllerKind', 'string'],
    ['ControllerName', 'string'],
    ['InstanceName', 'string'],
    ['Name', 'string'],
    ['Namespace', 'string'],
    ['PodCreationTimeStamp', 'datetime'],
    ['PodIp', 'string'],
    ['PodLabel', 'string'],
    ['PodRestartCount', 'int'],
    ['PodStartTime', 'datetime'],
    ['PodStatus', 'string'],
    ['PodUid', 'string'],
    ['ServiceName', 'string'],
  ],
  KubeNodeInventory: [
    ['ClusterId', 'string'],
    ['ClusterName', 'string'],
    ['Computer', 'string'],
    ['CreationTimeStamp', 'datetime'],
    ['DockerVersion', 'string'],
    ['KubeletVersion', 'string'],
    ['KubeProxyVersion', 'string'],
    ['KubernetesProviderID', 'string'],
    ['Labels', 'string'],
    ['LastTransitionTimeReady', 'datetime'],
    ['OperatingSystem', 'string'],
    ['Status', 'string'],
  ],
  KubeEvents: [
    ['ClusterId', 'string'],
    ['ClusterName', 'string'],
    ['Computer', 'string'],
    ['Count', 'real'],
    ['FirstSeen', 'datetime'],
    ['KubeEventType', 'string'],
    ['LastSeen', 'datetime'],
    ['Message', 'string'],
    ['Name', 'string'],
    ['Namespace', 'string'],
    ['ObjectKind', 'string'],
    ['Reason', 'string'],
    ['SourceComponent', 'string'],
  ],
  Perf: [
    ['BucketEndTime', 'datetime'],
    ['BucketStartTime', 'datetime'],
    ['Computer', 'string'],
    ['CounterName', 'string'],
    ['CounterPath', 'string'],
    ['CounterValue', 'real'],
    ['InstanceName', 'string'],
    ['Max', 'real'],
    ['Min', 'real'],
    ['ObjectName', 'string'],
    ['SampleCount', 'int'],
    ['StandardDeviation', 'real'],
  ],
  AKSControlPlane: [
    ['Category', 'string'],
    ['Level', 'string'],
    ['Message', 'string'],
    ['PodName', 'string'],
    ['Stream', 'string'],
  ],
  AKSAudit: auditColumns,
  AKSAuditAdmin: auditColumns,
};

function schema(name: LogTableName): TableSchema {
  const columns: Column[] = [
    { name: 'TenantId', type: 'string' },
    { name: 'TimeGenerated', type: 'datetime' },
    ...OWN_COLUMNS[name].map(([column, type]) => ({ name: column, type })),
    { name: 'SourceSystem', type: 'string' },
    { name: 'Type', type: 'string' },
    { name: '_ResourceId', type: 'string' },
  ];
  return { name, columns };
}

export const LOG_TABLES: readonly TableSchema[] = LOG_TABLE_NAMES.map(schema);

export function isLogTableName(name: string): name is LogTableName {
  return (LOG_TABLE_NAMES as readonly string[]).includes(name);
}

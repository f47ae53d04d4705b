/**
 * Where each `source` of `GET …/logs` reads from (Container Insights and AKS resource-specific tables), which
 * column each filter compares, and the columns returned. A filter a source has no column for is not offered.
 */
export const LOG_SOURCES = ['containers', 'events', 'controlPlane', 'audit'] as const;
export type LogSource = (typeof LOG_SOURCES)[number];

export const LOG_FILTERS = ['namespace', 'pod', 'container', 'level', 'contains'] as const;
export type LogFilterName = (typeof LOG_FILTERS)[number];

export interface LogSourceTemplate {
  table: string;
  /** The namespace column, when rows belong to a namespace; sources without one need cluster scope. */
  namespaceColumn?: string;
  /** Filter → the expression it compares (a column, or a string view of a dynamic column). */
  filterColumns: Partial<Record<LogFilterName, string>>;
  columns: readonly string[];
}

export const LOG_SOURCE_TEMPLATES: Readonly<Record<LogSource, LogSourceTemplate>> = {
  containers: {
    table: 'ContainerLogV2',
    namespaceColumn: 'PodNamespace',
    filterColumns: {
      namespace: 'PodNamespace',
      pod: 'PodName',
      container: 'ContainerName',
      level: 'LogLevel',
      contains: 'tostring(LogMessage)',
    },
    columns: ['TimeGenerated', 'PodNamespace', 'PodName', 'ContainerName', 'LogLevel', 'LogSource', 'LogMessage', 'Computer'],
  },
  events: {
    table: 'KubeEvents',
    namespaceColumn: 'Namespace',
    filterColumns: { namespace: 'Namespace', pod: 'Name', level: 'KubeEventType', contains: 'Message' },
    columns: ['TimeGenerated', 'Namespace', 'ObjectKind', 'Name', 'Reason', 'KubeEventType', 'Message', 'Count'],
  },
  controlPlane: {
    table: 'AKSControlPlane',
    filterColumns: { pod: 'PodName', container: 'Category', level: 'Level', contains: 'Message' },
    columns: ['TimeGenerated', 'Category', 'Level', 'PodName', 'Message'],
  },
  audit: {
    table: 'AKSAudit',
    filterColumns: { contains: 'RequestUri' },
    columns: ['TimeGenerated', 'Verb', 'RequestUri', 'User', 'ObjectRef', 'ResponseStatus', 'SourceIps', 'UserAgent'],
  },
};

/** Sources whose rows carry no namespace (control-plane and audit logs): readable with cluster scope only. */
export function needsClusterScope(source: LogSource): boolean {
  return LOG_SOURCE_TEMPLATES[source].namespaceColumn === undefined;
}

import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { MetricsQueryResourcesOptions, MetricsQueryResult } from '@azure/monitor-query-metrics';
import type { HttpCall } from '../../platform/http/handleHttp';
import type { BatchQuery, LogRowsResult } from '../../platform/monitor/logsClient';
import type { InventoryFilterQuery, VisibleClusters } from '../inventory';

/** What the health views need; the composition root wires them (tests build them over Azurite and the emulator). */
export interface ClusterHealthDependencies {
  containerService: (subscriptionId: string) => ContainerServiceClient;
  /** One metrics batch call: ≤ 50 resources of one region and subscription. */
  queryMetrics: (region: string, resourceIds: string[], metricNames: string[], metricNamespace: string, options: MetricsQueryResourcesOptions) => Promise<MetricsQueryResult[]>;
  /** A workspace resource id → its customerId (the query API's workspace id). */
  workspaceCustomerId: (workspaceResourceId: string) => Promise<string>;
  /** Several log queries in one request; each answers rows or its own Error. */
  queryLogsBatch: (queries: readonly BatchQuery[]) => Promise<(LogRowsResult | Error)[]>;
  /** The inventory's clusters the caller may see (`clusters.list` enforced). */
  visibleClusters: (call: Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce'>, query: InventoryFilterQuery) => Promise<VisibleClusters>;
  now: () => Date;
}

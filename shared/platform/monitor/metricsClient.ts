import type { TokenCredential } from '@azure/identity';
import type { MetricsClient as SdkMetricsClient, MetricsQueryResourcesOptions, MetricsQueryResult } from '@azure/monitor-query-metrics';
import type { Settings } from '../settings/settings';
import { translateMetricsError } from './metricsErrors';
import { monitorQueryMetricsSdk } from './monitorQuerySdk';

/** The batch API takes at most this many resources per call. */
export const MAX_RESOURCES_PER_METRICS_BATCH = 50;

export interface MetricsClientOptions {
  maxRetries?: number;
}

/**
 * Azure Monitor's metrics batch API (`MetricsClient.queryResources` of `@azure/monitor-query-metrics`): one client per
 * region, since the batch endpoint is regional (`FLEETPLANE_METRICS_ENDPOINT` with `{region}`), each built on first
 * use and signing in with the ARM credential (the metrics audience is ARM's).
 */
export class RegionalMetricsClient {
  private readonly clients = new Map<string, SdkMetricsClient>();

  constructor(
    private readonly settings: Pick<Settings, 'FLEETPLANE_METRICS_ENDPOINT'>,
    private readonly credential: () => TokenCredential,
    private readonly options: MetricsClientOptions = {},
  ) {}

  endpointOf(region: string): string {
    return this.settings.FLEETPLANE_METRICS_ENDPOINT.replaceAll('{region}', region.toLowerCase());
  }

  /** One batch call: up to 50 resources of one subscription and region, the same metrics and options for all. */
  async queryResources(region: string, resourceIds: string[], metricNames: string[], metricNamespace: string, options: MetricsQueryResourcesOptions): Promise<MetricsQueryResult[]> {
    if (resourceIds.length === 0) return [];
    if (resourceIds.length > MAX_RESOURCES_PER_METRICS_BATCH) {
      throw new RangeError(`A metrics batch takes at most ${MAX_RESOURCES_PER_METRICS_BATCH} resources, not ${resourceIds.length}.`);
    }
    try {
      return await this.clientFor(region).queryResources(resourceIds, metricNames, metricNamespace, options);
    } catch (error) {
      throw translateMetricsError(error);
    }
  }

  private clientFor(region: string): SdkMetricsClient {
    const key = region.toLowerCase();
    let client = this.clients.get(key);
    if (!client) {
      client = new (monitorQueryMetricsSdk().MetricsClient)(this.endpointOf(key), this.credential(), {
        ...(this.options.maxRetries !== undefined ? { retryOptions: { maxRetries: this.options.maxRetries } } : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }
}

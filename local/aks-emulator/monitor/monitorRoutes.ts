import type { ArmContext } from '../http/armRoutes';
import type { ArmResponse, RequestContext, Router } from '../http/router';
import { clusterKey, clusterResourceId } from '../model';
import { parseBatchTargets } from './batchRequest';
import { METRIC_NAMESPACE } from './metricCatalogue';
import { renderMetricDefinitions } from './metricDefinitions';
import type { ErrorEnvelope } from './metricsError';
import { MetricsRequestError, renderMetricsError } from './metricsError';
import type { MetricResult } from './metricsEvaluator';
import { evaluateMetrics } from './metricsEvaluator';
import type { MetricsQuery } from './metricsQuery';
import { checkNamespace, parseMetricsQuery, PLATFORM_CATALOGUE, queryParameters } from './metricsQuery';
import type { MetricCatalogueView } from './customMetrics';
import { evaluateCustomMetrics } from './customMetricsEvaluator';
import { formatTimestamp, parseStartEnd, parseTimespan } from './timeWindow';

/**
 * Azure Monitor's metrics APIs for the emulated clusters:
 * - ARM: GET {clusterId}/providers/Microsoft.Insights/metrics and …/metricDefinitions (the ARM host);
 * - data plane: POST /subscriptions/{sub}/metrics:getBatch, also under /regions/{region} to stand in for the regional
 *   host https://{region}.metrics.monitor.azure.com (what MetricsClient.queryResources calls).
 */

export const METRICS_API_VERSIONS = ['2018-01-01', '2019-07-01', '2021-05-01', '2023-10-01', '2024-02-01'] as const;
export const METRIC_DEFINITIONS_API_VERSIONS = ['2018-01-01', '2021-05-01', '2023-10-01', '2024-02-01'] as const;
export const METRICS_BATCH_API_VERSIONS = ['2023-10-01', '2024-02-01'] as const;

const CLUSTER = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}';
const RESPONSE_NAMESPACE = METRIC_NAMESPACE.toLowerCase();

export function addMonitorRoutes(router: Router<ArmContext>): void {
  router.add('GET', `${CLUSTER}/providers/Microsoft.Insights/metrics`, 'metrics.list', (r, c) => answer('flat', () => listMetrics(r, c)), { apiVersions: METRICS_API_VERSIONS });
  router.add(
    'GET',
    `${CLUSTER}/providers/Microsoft.Insights/metricDefinitions`,
    'metricDefinitions.list',
    (r, c) =>
      answer('flat', () => {
        const namespace = queryParameters(r.query).get('metricnamespace');
        const resourceId = clusterResourceId(clusterOf(r, c));
        const catalogue = catalogueOf(namespace, c);
        if (catalogue === PLATFORM_CATALOGUE) return { status: 200, body: renderMetricDefinitions(resourceId) };
        return { status: 200, body: renderMetricDefinitions(resourceId, catalogue.names().map((name) => catalogue.find(name)!), catalogue.namespace) };
      }),
    { apiVersions: METRIC_DEFINITIONS_API_VERSIONS },
  );
  const batch = { apiVersions: METRICS_BATCH_API_VERSIONS, write: false };
  router.add('POST', '/subscriptions/{sub}/metrics:getBatch', 'metrics.getBatch', (r, c) => answer('dataPlane', () => getBatch(r, c, undefined)), batch);
  router.add('POST', '/regions/{region}/subscriptions/{sub}/metrics:getBatch', 'metrics.getBatch', (r, c) => answer('dataPlane', () => getBatch(r, c, r.params['region'])), batch);
}

function answer(envelope: ErrorEnvelope, handle: () => ArmResponse): ArmResponse {
  try {
    return handle();
  } catch (error) {
    if (error instanceof MetricsRequestError) return renderMetricsError(error, envelope);
    throw error;
  }
}

const clusterOf = (r: RequestContext, c: ArmContext) => c.fleet.requireCluster(r.params['sub'] ?? '', r.params['rg'] ?? '', r.params['name'] ?? '');

function listMetrics(r: RequestContext, c: ArmContext): ArmResponse {
  const cluster = clusterOf(r, c);
  const nowMs = c.fleet.clock.now();
  const params = queryParameters(r.query);
  const catalogue = catalogueOf(params.get('metricnamespace'), c);
  const query = parseMetricsQuery(params, parseTimespan(params.get('timespan'), nowMs), catalogue);
  const key = clusterKey(cluster.subscriptionId, cluster.resourceGroup, cluster.name);
  const value = evaluateFor(query, catalogue, c, { resourceId: clusterResourceId(cluster), clusterKey: key, exists: true }, nowMs);
  return {
    status: 200,
    body: {
      cost: dataPointCount(value),
      timespan: `${formatTimestamp(query.window.startMs)}/${formatTimestamp(query.window.endMs)}`,
      interval: query.granularity.label,
      namespace: catalogue.namespace.toLowerCase(),
      resourceregion: cluster.location,
      value,
    },
  };
}

function getBatch(r: RequestContext, c: ArmContext, endpointRegion: string | undefined): ArmResponse {
  const params = queryParameters(r.query);
  if (params.get('timespan') !== undefined) {
    throw new MetricsRequestError('Detected invalid time range parameters for API version 2024-02-01. Please use only starttime and endtime to specify a time range.');
  }
  if (!params.get('metricnamespace')) throw new MetricsRequestError('The metricnamespace parameter is required.');
  const targets = parseBatchTargets(r.body, r.params['sub'] ?? '', c.fleet, endpointRegion);
  const nowMs = c.fleet.clock.now();
  const catalogue = catalogueOf(params.get('metricnamespace'), c);
  const query = parseMetricsQuery(params, parseStartEnd(params.get('starttime'), params.get('endtime'), nowMs), catalogue);
  const values = targets.map((target) => ({
    starttime: formatTimestamp(query.window.startMs),
    endtime: formatTimestamp(query.window.endMs),
    interval: query.granularity.label,
    value: evaluateFor(query, catalogue, c, { resourceId: target.resourceId, clusterKey: target.clusterKey, exists: target.cluster !== undefined }, nowMs),
    namespace: catalogue.namespace.toLowerCase(),
    resourceregion: target.cluster?.location ?? endpointRegion ?? '',
    resourceid: target.resourceId,
  }));
  return { status: 200, body: { values } };
}

/** The platform catalogue, or the custom namespace's metrics; any other namespace is refused. */
function catalogueOf(namespace: string | undefined, c: ArmContext): MetricCatalogueView {
  const custom = c.workload.customMetrics;
  checkNamespace(namespace, custom.namespaces());
  return namespace === undefined || namespace === '' || namespace.toLowerCase() === RESPONSE_NAMESPACE ? PLATFORM_CATALOGUE : custom.catalogue(namespace)!;
}

function evaluateFor(query: MetricsQuery, catalogue: MetricCatalogueView, c: ArmContext, target: { resourceId: string; clusterKey: string; exists: boolean }, nowMs: number): MetricResult[] {
  if (catalogue !== PLATFORM_CATALOGUE) {
    return evaluateCustomMetrics(query, (metric) => (target.exists ? c.workload.customMetrics.points(target.clusterKey, catalogue.namespace, metric.name) : []), target.resourceId);
  }
  return evaluateMetrics(query, { resourceId: target.resourceId, frame: (atMs) => (target.exists ? c.workload.frame(target.clusterKey, atMs) : undefined) }, nowMs);
}

const dataPointCount = (metrics: readonly MetricResult[]): number => metrics.reduce((sum, m) => sum + m.timeseries.reduce((n, s) => n + (s.data?.length ?? 0), 0), 0);

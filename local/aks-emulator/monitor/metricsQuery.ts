import type { AggregationType } from './aggregation';
import { AGGREGATIONS, parseAggregations } from './aggregation';
import type { DimensionFilter } from './dimensionFilter';
import { parseDimensionFilter } from './dimensionFilter';
import type { MetricDefinition } from './metricCatalogue';
import { METRICS, METRIC_NAMESPACE, RESOURCE_PROVIDER, RESOURCE_TYPE, findMetric } from './metricCatalogue';
import type { MetricCatalogueView } from './customMetrics';
import { MetricsRequestError } from './metricsError';
import type { Granularity, TimeWindow } from './timeWindow';
import { resolveGranularity } from './timeWindow';

/** A validated metrics query (the parameters both the ARM and the batch API share). */
export interface MetricsQuery {
  metrics: MetricDefinition[];
  aggregations: AggregationType[];
  window: TimeWindow;
  granularity: Granularity;
  filter: DimensionFilter;
  top: number;
  orderBy: { aggregation: AggregationType; descending: boolean } | undefined;
  /** Lower-case dimension names merged into one series. */
  rollUpBy: string[];
  metadataOnly: boolean;
}

/** Query parameters looked up case-insensitively (ARM treats them so); `$filter` and `filter` are the same. */
export interface QueryParameters {
  get(name: string): string | undefined;
}

export function queryParameters(search: URLSearchParams): QueryParameters {
  const byLowerName = new Map<string, string>();
  for (const [key, value] of search) byLowerName.set(key.toLowerCase().replace(/^\$/, ''), value);
  return { get: (name) => byLowerName.get(name.toLowerCase().replace(/^\$/, '')) };
}

const MAX_METRIC_NAMES = 20;
const DEFAULT_TOP = 10;

/** The platform metrics of a managed cluster, the catalogue a query without a custom namespace reads. */
export const PLATFORM_CATALOGUE: MetricCatalogueView = { namespace: METRIC_NAMESPACE, find: findMetric, names: () => METRICS.map((m) => m.name) };

export function parseMetricsQuery(params: QueryParameters, window: TimeWindow, catalogue: MetricCatalogueView = PLATFORM_CATALOGUE): MetricsQuery {
  if (catalogue === PLATFORM_CATALOGUE) checkNamespace(params.get('metricnamespace'));
  const metrics = parseMetricNames(params.get('metricnames'), catalogue);
  const filter = parseDimensionFilter(params.get('filter'));
  if (params.get('ValidateDimensions')?.toLowerCase() !== 'false') for (const metric of metrics) checkDimensions(metric, filter);
  const autoAdjust = params.get('AutoAdjustTimegrain')?.toLowerCase() === 'true';
  const granularities = metrics.map((m) => resolveGranularity(params.get('interval'), window, m.timeGrains, autoAdjust, m.name));
  return {
    metrics,
    aggregations: parseAggregations(params.get('aggregation')),
    window,
    granularity: granularities.reduce((coarsest, g) => (g.grainMs > coarsest.grainMs ? g : coarsest)),
    filter,
    top: parseTop(params.get('top')),
    orderBy: parseOrderBy(params.get('orderby')),
    rollUpBy: (params.get('rollupby') ?? '').split(',').map((d) => d.trim().toLowerCase()).filter((d) => d !== ''),
    metadataOnly: params.get('resultType')?.toLowerCase() === 'metadata',
  };
}

/** Refuses a namespace other than the platform one and the custom ones published to (`custom`). */
export function checkNamespace(namespace: string | undefined, custom: readonly string[] = []): void {
  if (namespace === undefined || namespace === '' || namespace.toLowerCase() === METRIC_NAMESPACE.toLowerCase()) return;
  if (custom.some((known) => known.toLowerCase() === namespace.toLowerCase())) return;
  throw new MetricsRequestError(`Metric namespace '${namespace}' is not valid for resource type ${METRIC_NAMESPACE}. Valid metric namespaces: ${[METRIC_NAMESPACE, ...custom].join(', ')}.`);
}

/** Comma-separated names; `%2` stands for a comma inside a name. */
function parseMetricNames(text: string | undefined, catalogue: MetricCatalogueView): MetricDefinition[] {
  const names = (text ?? '').split(',').map((n) => n.replace(/%2/g, ',').trim()).filter((n) => n !== '');
  if (names.length === 0) throw new MetricsRequestError('The metricnames parameter is required: name at least one metric.');
  if (names.length > MAX_METRIC_NAMES) throw new MetricsRequestError(`At most ${MAX_METRIC_NAMES} metric names can be specified; the request names ${names.length}.`);
  const metrics: MetricDefinition[] = [];
  for (const name of names) {
    const metric = catalogue.find(name);
    if (!metric) {
      throw new MetricsRequestError(
        `Failed to find metric configuration for provider: ${RESOURCE_PROVIDER}, resource Type: ${RESOURCE_TYPE}, metric: ${name}, Valid metrics: ${catalogue.names().join(',')}`,
      );
    }
    if (!metrics.includes(metric)) metrics.push(metric);
  }
  return metrics;
}

function checkDimensions(metric: MetricDefinition, filter: DimensionFilter): void {
  const unknown = filter.filter((c) => !metric.dimensions.some((d) => d.toLowerCase() === c.dimension.toLowerCase()));
  if (unknown.length === 0) return;
  throw new MetricsRequestError(
    `Metric: ${metric.name} does not support requested dimension combination: ${filter.map((c) => c.dimension).join(',')}, supported ones are: ${metric.dimensions.join(',') || '(none)'}`,
  );
}

function parseTop(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_TOP;
  const top = Number(text);
  if (!Number.isInteger(top) || top < 1) throw new MetricsRequestError(`Invalid top '${text}': expected a positive integer.`);
  return top;
}

/** `orderby=Average desc` (one aggregation, asc or desc; default asc). */
function parseOrderBy(text: string | undefined): MetricsQuery['orderBy'] {
  if (text === undefined || text.trim() === '') return undefined;
  const [name = '', direction = 'asc', ...rest] = text.trim().toLowerCase().split(/\s+/);
  const aggregation = name === 'sum' ? 'total' : name;
  if (rest.length > 0 || !(AGGREGATIONS as readonly string[]).includes(aggregation) || (direction !== 'asc' && direction !== 'desc')) {
    throw new MetricsRequestError(`Invalid orderby '${text}': expected an aggregation (Average, Count, Minimum, Maximum, Total) and asc or desc.`);
  }
  return { aggregation: aggregation as AggregationType, descending: direction === 'desc' };
}

import type { MetricDefinition } from './metricCatalogue';
import { METRIC_NAMESPACE } from './metricCatalogue';
import { MetricsRequestError } from './metricsError';
import { MINUTE_MS } from './timeWindow';

/**
 * Custom metrics of the emulated clusters, as Azure Monitor's custom metrics ingestion takes them
 * (`POST https://{region}.monitoring.azure.com{resourceId}/metrics`): one body per metric and minute,
 * `{time, data: {baseData: {metric, namespace, dimNames, series: [{dimValues, min, max, sum, count}]}}}`. The service
 * accepts a time up to 20 minutes in the past and 5 in the future, and keeps the minute's pre-aggregated values;
 * queries of the metric's namespace read them (customMetricsEvaluator.ts).
 */

export interface PublishedPoint {
  minuteMs: number;
  dimensions: Record<string, string>;
  min: number;
  max: number;
  sum: number;
  count: number;
}

interface CustomSeries {
  name: string;
  namespace: string;
  dimNames: string[];
  points: PublishedPoint[];
}

/** The metrics of one namespace as a query sees them: found by name (case-insensitive), listed for errors. */
export interface MetricCatalogueView {
  namespace: string;
  find(name: string): MetricDefinition | undefined;
  names(): string[];
}

const PAST_LIMIT_MS = 20 * MINUTE_MS;
const FUTURE_LIMIT_MS = 5 * MINUTE_MS;
const GRAINS = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H'] as const;

export class CustomMetricStore {
  /** Cluster key → `<namespace>|<metric>` (lower case) → its series. */
  private readonly byCluster = new Map<string, Map<string, CustomSeries>>();

  /** Stores one ingestion body for a cluster; refuses it as the service would (400 with the reason). */
  publish(clusterKey: string, body: unknown, nowMs: number): void {
    const { minuteMs, metric, namespace, dimNames, series } = parseBody(body, nowMs);
    const metrics = this.byCluster.get(clusterKey) ?? new Map<string, CustomSeries>();
    this.byCluster.set(clusterKey, metrics);
    const key = `${namespace.toLowerCase()}|${metric.toLowerCase()}`;
    const stored = metrics.get(key) ?? { name: metric, namespace, dimNames: [], points: [] };
    for (const name of dimNames) if (!stored.dimNames.some((known) => known.toLowerCase() === name.toLowerCase())) stored.dimNames.push(name);
    for (const entry of series) {
      stored.points.push({ minuteMs, dimensions: Object.fromEntries(dimNames.map((name, index) => [name, entry.dimValues[index]!])), min: entry.min, max: entry.max, sum: entry.sum, count: entry.count });
    }
    metrics.set(key, stored);
  }

  /** The points a cluster published for a metric (any order). */
  points(clusterKey: string, namespace: string, name: string): readonly PublishedPoint[] {
    return this.byCluster.get(clusterKey)?.get(`${namespace.toLowerCase()}|${name.toLowerCase()}`)?.points ?? [];
  }

  /** Every custom namespace some cluster published to. */
  namespaces(): string[] {
    const found = new Map<string, string>();
    for (const metrics of this.byCluster.values()) for (const series of metrics.values()) found.set(series.namespace.toLowerCase(), series.namespace);
    return [...found.values()];
  }

  /** A custom namespace's metrics (the union over clusters), or undefined when nothing was published to it. */
  catalogue(namespace: string): MetricCatalogueView | undefined {
    const lower = namespace.toLowerCase();
    const definitions = new Map<string, MetricDefinition>();
    for (const metrics of this.byCluster.values()) {
      for (const series of metrics.values()) {
        if (series.namespace.toLowerCase() !== lower) continue;
        const known = definitions.get(series.name.toLowerCase());
        const dimensions = [...new Set([...(known?.dimensions ?? []), ...series.dimNames])];
        definitions.set(series.name.toLowerCase(), definitionOf(known?.name ?? series.name, dimensions));
      }
    }
    if (definitions.size === 0) return undefined;
    return { namespace, find: (name) => definitions.get(name.toLowerCase()), names: () => [...definitions.values()].map((definition) => definition.name) };
  }

  reset(): void {
    this.byCluster.clear();
  }
}

function definitionOf(name: string, dimensions: readonly string[]): MetricDefinition {
  return { name, displayName: name, description: '', category: 'Custom', unit: 'Count', kind: 'gauge', dimensions, timeGrains: GRAINS };
}

interface SeriesEntry {
  dimValues: string[];
  min: number;
  max: number;
  sum: number;
  count: number;
}

function parseBody(body: unknown, nowMs: number): { minuteMs: number; metric: string; namespace: string; dimNames: string[]; series: SeriesEntry[] } {
  const root = objectOf(body, 'The request body');
  const time = typeof root['time'] === 'string' ? Date.parse(root['time']) : Number.NaN;
  if (!Number.isFinite(time)) throw invalid("'time' must be an ISO 8601 date-time.");
  if (time < nowMs - PAST_LIMIT_MS || time > nowMs + FUTURE_LIMIT_MS) throw invalid(`'time' must be within the last 20 minutes or the next 5 minutes; it is ${new Date(time).toISOString()}.`);
  const baseData = objectOf(objectOf(root['data'], "'data'")['baseData'], "'data.baseData'");
  const metric = textOf(baseData['metric'], "'baseData.metric'");
  const namespace = textOf(baseData['namespace'], "'baseData.namespace'");
  if (namespace.toLowerCase() === METRIC_NAMESPACE.toLowerCase()) throw invalid(`'${namespace}' holds the platform metrics; custom metrics need their own namespace.`);
  const dimNames = baseData['dimNames'] === undefined ? [] : listOf(baseData['dimNames'], "'baseData.dimNames'").map((name, index) => textOf(name, `'baseData.dimNames[${index}]'`));
  const series = listOf(baseData['series'], "'baseData.series'").map((entry, index) => seriesEntryOf(entry, index, dimNames.length));
  if (series.length === 0) throw invalid("'baseData.series' must hold at least one series.");
  return { minuteMs: Math.floor(time / MINUTE_MS) * MINUTE_MS, metric, namespace, dimNames, series };
}

function seriesEntryOf(entry: unknown, index: number, dimensionCount: number): SeriesEntry {
  const where = `'baseData.series[${index}]'`;
  const value = objectOf(entry, where);
  const dimValues = value['dimValues'] === undefined ? [] : listOf(value['dimValues'], `${where}.dimValues`).map((text) => textOf(text, `${where}.dimValues`));
  if (dimValues.length !== dimensionCount) throw invalid(`${where}.dimValues has ${dimValues.length} values for ${dimensionCount} dimNames.`);
  const [min, max, sum, count] = (['min', 'max', 'sum', 'count'] as const).map((field) => {
    const number = value[field];
    if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid(`${where}.${field} must be a number.`);
    return number;
  }) as [number, number, number, number];
  if (!Number.isInteger(count) || count < 1) throw invalid(`${where}.count must be a positive integer.`);
  if (min > max) throw invalid(`${where}.min is above its max.`);
  return { dimValues, min, max, sum, count };
}

const invalid = (message: string): MetricsRequestError => new MetricsRequestError(`Invalid custom metric: ${message}`);

function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${what} must be an object.`);
  return value as Record<string, unknown>;
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(`${what} must be a list.`);
  return value;
}

function textOf(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${what} must be a non-empty string.`);
  return value;
}

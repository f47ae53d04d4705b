import type { WorkloadView } from '../workload/workloadSnapshot';
import type { DataPoint } from './aggregation';
import { Stats, dataPoint } from './aggregation';
import { dimensionValue, matchesFilter } from './dimensionFilter';
import type { MetricDefinition } from './metricCatalogue';
import type { Sample } from './metricSamples';
import { samplesOf } from './metricSamples';
import type { MetricsQuery } from './metricsQuery';
import { bucketStarts, sampleMinutes } from './timeWindow';

/** One cluster as a metrics source: its workload view at any minute. */
export interface MetricsSource {
  resourceId: string;
  view(atMs: number): WorkloadView | undefined;
}

export interface MetadataValue {
  name: { value: string; localizedValue: string };
  value: string;
}

export interface TimeSeries {
  metadatavalues: MetadataValue[];
  data?: DataPoint[];
}

export interface MetricResult {
  id: string;
  type: 'Microsoft.Insights/metrics';
  name: { value: string; localizedValue: string };
  displayDescription: string;
  unit: string;
  timeseries: TimeSeries[];
  errorCode?: 'Success';
}

interface Series {
  values: string[];
  buckets: Map<number, Stats>;
  overall: Stats;
}

/**
 * Evaluates a query against one cluster: samples every minute of the window (one workload view per minute, shared
 * by all metrics), splits them into series by the filter's dimensions (minus rollupby), aggregates them per data
 * point, then keeps the top series.
 */
export function evaluateMetrics(query: MetricsQuery, source: MetricsSource, nowMs: number): MetricResult[] {
  const starts = bucketStarts(query.window, query.granularity);
  const seriesDimensions = query.filter.map((c) => c.dimension.toLowerCase()).filter((d) => !query.rollUpBy.includes(d));
  const collected = new Map<MetricDefinition, Map<string, Series>>(query.metrics.map((m) => [m, new Map()]));
  const countTotals = new Map<string, Map<string, { values: string[]; total: number }>>();

  for (const minute of sampleMinutes(query.window, nowMs)) {
    const bucket = query.granularity.full ? 0 : Math.floor((minute - starts[0]!) / query.granularity.grainMs);
    if (bucket < 0 || bucket >= starts.length) continue;
    const view = source.view(minute);
    if (!view) continue;
    for (const metric of query.metrics) {
      const series = collected.get(metric)!;
      if (metric.kind === 'count') {
        // Count metrics depend only on the placement, so their per-minute totals are computed once per placement.
        const cacheKey = `${metric.name}|${view.placementKey}`;
        let totals = countTotals.get(cacheKey);
        if (!totals) {
          totals = totalsBySeries(samplesOf(metric.name, view), query, seriesDimensions);
          countTotals.set(cacheKey, totals);
        }
        for (const [key, { values, total }] of totals) add(series, key, values, bucket, total);
      } else {
        for (const sample of samplesOf(metric.name, view)) {
          if (!matchesFilter(query.filter, sample.dimensions)) continue;
          const values = seriesDimensions.map((d) => dimensionValue(sample.dimensions, d) ?? '');
          add(series, JSON.stringify(values), values, bucket, sample.value);
        }
      }
    }
  }
  return query.metrics.map((metric) => renderMetric(metric, source.resourceId, query, starts, seriesDimensions, collected.get(metric)!));
}

function totalsBySeries(samples: readonly Sample[], query: MetricsQuery, seriesDimensions: readonly string[]): Map<string, { values: string[]; total: number }> {
  const totals = new Map<string, { values: string[]; total: number }>();
  for (const sample of samples) {
    if (!matchesFilter(query.filter, sample.dimensions)) continue;
    const values = seriesDimensions.map((d) => dimensionValue(sample.dimensions, d) ?? '');
    const key = JSON.stringify(values);
    const entry = totals.get(key);
    if (entry) entry.total += sample.value;
    else totals.set(key, { values, total: sample.value });
  }
  return totals;
}

function add(series: Map<string, Series>, key: string, values: string[], bucket: number, value: number): void {
  let entry = series.get(key);
  if (!entry) {
    entry = { values, buckets: new Map(), overall: new Stats() };
    series.set(key, entry);
  }
  let stats = entry.buckets.get(bucket);
  if (!stats) {
    stats = new Stats();
    entry.buckets.set(bucket, stats);
  }
  stats.add(value);
  entry.overall.add(value);
}

function renderMetric(metric: MetricDefinition, resourceId: string, query: MetricsQuery, starts: readonly number[], seriesDimensions: readonly string[], series: Map<string, Series>): MetricResult {
  let kept = [...series.values()];
  if (seriesDimensions.length === 0 && kept.length === 0) kept = [{ values: [], buckets: new Map(), overall: new Stats() }];
  if (seriesDimensions.length > 0) kept = ranked(kept, query).slice(0, query.top);
  const timeseries = kept.map((s): TimeSeries => {
    const metadatavalues = seriesDimensions.map((d, i) => ({ name: { value: d, localizedValue: d }, value: s.values[i] ?? '' }));
    if (query.metadataOnly) return { metadatavalues };
    return { metadatavalues, data: starts.map((start, i) => dataPoint(start, s.buckets.get(i), query.aggregations)) };
  });
  return {
    id: `${resourceId}/providers/Microsoft.Insights/metrics/${metric.name}`,
    type: 'Microsoft.Insights/metrics',
    name: { value: metric.name, localizedValue: metric.displayName },
    displayDescription: metric.description,
    unit: metric.unit,
    timeseries,
    ...(query.metadataOnly ? {} : { errorCode: 'Success' as const }),
  };
}

/** By `orderby` over the whole window, or else descending by the first requested aggregation; ties by dimension values. */
function ranked(series: Series[], query: MetricsQuery): Series[] {
  const aggregation = query.orderBy?.aggregation ?? query.aggregations[0] ?? 'average';
  const descending = query.orderBy?.descending ?? true;
  return [...series].sort((a, b) => {
    const va = a.overall.value(aggregation) ?? Number.NEGATIVE_INFINITY;
    const vb = b.overall.value(aggregation) ?? Number.NEGATIVE_INFINITY;
    if (va !== vb) return descending ? vb - va : va - vb;
    return a.values.join('\u0000').localeCompare(b.values.join('\u0000'));
  });
}

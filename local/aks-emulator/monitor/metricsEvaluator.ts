import type { WorkloadView } from '../workload/workloadSnapshot';
import type { DataPoint } from './aggregation';
import { Stats, dataPoint } from './aggregation';
import type { DimensionFilter } from './dimensionFilter';
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
  const plans = query.metrics.map((metric) => planFor(metric, query));
  const countTotals = new Map<string, Map<string, { values: string[]; total: number }>>();

  for (const minute of sampleMinutes(query.window, nowMs)) {
    const bucket = query.granularity.full ? 0 : Math.floor((minute - starts[0]!) / query.granularity.grainMs);
    if (bucket < 0 || bucket >= starts.length) continue;
    const view = source.view(minute);
    if (!view) continue;
    for (const plan of plans) {
      if (plan.metric.kind === 'count') {
        // Count metrics depend only on the placement, so their per-minute totals are computed once per placement.
        const cacheKey = `${plan.metric.name}|${view.placementKey}`;
        let totals = countTotals.get(cacheKey);
        if (!totals) {
          totals = totalsBySeries(samplesOf(plan.metric.name, view), plan);
          countTotals.set(cacheKey, totals);
        }
        for (const [key, { values, total }] of totals) add(plan.series, key, values, bucket, total);
      } else {
        for (const sample of samplesOf(plan.metric.name, view)) {
          if (!matchesFilter(plan.filter, sample.dimensions)) continue;
          const values = plan.seriesDimensions.map((d) => dimensionValue(sample.dimensions, d) ?? '');
          add(plan.series, JSON.stringify(values), values, bucket, sample.value);
        }
      }
    }
  }
  return plans.map((plan) => renderMetric(plan, source.resourceId, query, starts));
}

/** What one metric of the query keeps: the filter conditions on its own dimensions (others are validated away or ignored). */
interface MetricPlan {
  metric: MetricDefinition;
  filter: DimensionFilter;
  seriesDimensions: string[];
  series: Map<string, Series>;
}

function planFor(metric: MetricDefinition, query: MetricsQuery): MetricPlan {
  const filter = query.filter.filter((c) => metric.dimensions.some((d) => d.toLowerCase() === c.dimension.toLowerCase()));
  const seriesDimensions = filter.map((c) => c.dimension.toLowerCase()).filter((d) => !query.rollUpBy.includes(d));
  return { metric, filter, seriesDimensions, series: new Map() };
}

function totalsBySeries(samples: readonly Sample[], plan: MetricPlan): Map<string, { values: string[]; total: number }> {
  const totals = new Map<string, { values: string[]; total: number }>();
  for (const sample of samples) {
    if (!matchesFilter(plan.filter, sample.dimensions)) continue;
    const values = plan.seriesDimensions.map((d) => dimensionValue(sample.dimensions, d) ?? '');
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

function renderMetric({ metric, seriesDimensions, series }: MetricPlan, resourceId: string, query: MetricsQuery, starts: readonly number[]): MetricResult {
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

import type { ViewInputs } from '../workload/workloadSnapshot';
import { viewWorkload } from '../workload/workloadSnapshot';
import type { DataPoint } from './aggregation';
import { Stats, dataPoint } from './aggregation';
import type { DimensionFilter } from './dimensionFilter';
import { dimensionValue, matchesFilter } from './dimensionFilter';
import type { MetricDefinition } from './metricCatalogue';
import { samplesOf } from './metricSamples';
import type { MetricsQuery } from './metricsQuery';
import { bucketStarts, sampleMinutes } from './timeWindow';

/** One cluster as a metrics source: what its workload is made of at any minute. */
export interface MetricsSource {
  resourceId: string;
  frame(atMs: number): ViewInputs | undefined;
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

export interface Series {
  values: string[];
  buckets: (Stats | undefined)[];
  overall: Stats;
}

/** A metric's contribution for one placement: per series, a value per minute (count metrics: already summed). */
interface Contribution {
  series: Series;
  value: number | ((load: number) => number);
}

/** What one metric of the query keeps: the filter conditions on its own dimensions (others are validated away or ignored). */
export interface MetricPlan {
  metric: MetricDefinition;
  filter: DimensionFilter;
  seriesDimensions: string[];
  series: Map<string, Series>;
  contributions: Map<string, Contribution[]>;
}

/**
 * Evaluates a query against one cluster. Every minute of the window is a sample instant; at each, a metric adds one
 * value per sample (gauge metrics: every node pooled into its series) or per series (count metrics: the minute's sum
 * over the series' samples). Samples are worked out once per placement and re-evaluated only for the load factor.
 */
export function evaluateMetrics(query: MetricsQuery, source: MetricsSource, nowMs: number): MetricResult[] {
  const starts = bucketStarts(query.window, query.granularity);
  const plans = query.metrics.map((metric) => planFor(metric, query));
  for (const minute of sampleMinutes(query.window, nowMs)) {
    const bucket = query.granularity.full ? 0 : Math.floor((minute - starts[0]!) / query.granularity.grainMs);
    if (bucket < 0 || bucket >= starts.length) continue;
    const frame = source.frame(minute);
    if (!frame?.topology.running) continue;
    for (const plan of plans) {
      for (const { series, value } of contributionsOf(plan, frame, starts.length)) {
        addValue(series, bucket, typeof value === 'number' ? value : value(frame.load));
      }
    }
  }
  return plans.map((plan) => renderMetric(plan, source.resourceId, query, starts));
}

export function planFor(metric: MetricDefinition, query: MetricsQuery): MetricPlan {
  const filter = query.filter.filter((c) => metric.dimensions.some((d) => d.toLowerCase() === c.dimension.toLowerCase()));
  const seriesDimensions = filter.map((c) => c.dimension.toLowerCase()).filter((d) => !query.rollUpBy.includes(d));
  return { metric, filter, seriesDimensions, series: new Map(), contributions: new Map() };
}

function contributionsOf(plan: MetricPlan, frame: ViewInputs, bucketCount: number): Contribution[] {
  const cached = plan.contributions.get(frame.placementKey);
  if (cached) return cached;
  const contributions: Contribution[] = [];
  const totals = new Map<Series, number>();
  for (const sample of samplesOf(plan.metric.name, viewWorkload(frame))) {
    if (!matchesFilter(plan.filter, sample.dimensions)) continue;
    const series = seriesFor(plan, sample.dimensions, bucketCount);
    if (plan.metric.kind === 'count') totals.set(series, (totals.get(series) ?? 0) + (typeof sample.value === 'number' ? sample.value : sample.value(frame.load)));
    else contributions.push({ series, value: sample.value });
  }
  for (const [series, total] of totals) contributions.push({ series, value: total });
  plan.contributions.set(frame.placementKey, contributions);
  return contributions;
}

export function seriesFor(plan: MetricPlan, dimensions: Record<string, string>, bucketCount: number): Series {
  const values = plan.seriesDimensions.map((d) => dimensionValue(dimensions, d) ?? '');
  const key = JSON.stringify(values);
  let series = plan.series.get(key);
  if (!series) {
    series = { values, buckets: new Array<Stats | undefined>(bucketCount), overall: new Stats() };
    plan.series.set(key, series);
  }
  return series;
}

function addValue(series: Series, bucket: number, value: number): void {
  let stats = series.buckets[bucket];
  if (!stats) {
    stats = new Stats();
    series.buckets[bucket] = stats;
  }
  stats.add(value);
  series.overall.add(value);
}

export function renderMetric({ metric, seriesDimensions, series }: MetricPlan, resourceId: string, query: MetricsQuery, starts: readonly number[]): MetricResult {
  // An unsplit query always answers one series, with empty data points when nothing was sampled.
  let kept = [...series.values()];
  if (seriesDimensions.length === 0 && kept.length === 0) kept = [{ values: [], buckets: [], overall: new Stats() }];
  if (seriesDimensions.length > 0) kept = ranked(kept, query).slice(0, query.top);
  const timeseries = kept.map((s): TimeSeries => {
    const metadatavalues = seriesDimensions.map((d, i) => ({ name: { value: d, localizedValue: d }, value: s.values[i] ?? '' }));
    if (query.metadataOnly) return { metadatavalues };
    return { metadatavalues, data: starts.map((start, i) => dataPoint(start, s.buckets[i], query.aggregations)) };
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

import { Stats } from './aggregation';
import type { PublishedPoint } from './customMetrics';
import { matchesFilter } from './dimensionFilter';
import type { MetricDefinition } from './metricCatalogue';
import type { MetricResult, Series } from './metricsEvaluator';
import { planFor, renderMetric, seriesFor } from './metricsEvaluator';
import type { MetricsQuery } from './metricsQuery';
import { bucketStarts, MINUTE_MS } from './timeWindow';

/**
 * Evaluates a query of a custom namespace against one cluster's published points: each point's pre-aggregated
 * minute (min, max, sum, count) merges into its series' bucket, so Average is sum / count over the bucket as the
 * service computes it. Filters, splits, `top` and the response shape are the platform metrics' (metricsEvaluator.ts).
 */
export function evaluateCustomMetrics(query: MetricsQuery, pointsOf: (metric: MetricDefinition) => readonly PublishedPoint[], resourceId: string): MetricResult[] {
  const starts = bucketStarts(query.window, query.granularity);
  const firstMinute = Math.floor(query.window.startMs / MINUTE_MS) * MINUTE_MS;
  return query.metrics.map((metric) => {
    const plan = planFor(metric, query);
    for (const point of pointsOf(metric)) {
      if (point.minuteMs < firstMinute || point.minuteMs >= query.window.endMs) continue;
      const bucket = query.granularity.full ? 0 : Math.floor((point.minuteMs - starts[0]!) / query.granularity.grainMs);
      if (bucket < 0 || bucket >= starts.length || !matchesFilter(plan.filter, point.dimensions)) continue;
      mergeInto(seriesFor(plan, point.dimensions, starts.length), bucket, point);
    }
    return renderMetric(plan, resourceId, query, starts);
  });
}

function mergeInto(series: Series, bucket: number, point: PublishedPoint): void {
  const stats = Object.assign(new Stats(), { sum: point.sum, count: point.count, min: point.min, max: point.max });
  const existing = series.buckets[bucket] ?? new Stats();
  existing.merge(stats);
  series.buckets[bucket] = existing;
  series.overall.merge(stats);
}

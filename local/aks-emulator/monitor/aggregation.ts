import { MetricsRequestError } from './metricsError';
import { formatTimestamp } from './timeWindow';

/**
 * Time aggregation of a series' values within a data point. For gauge metrics the values are every sample of the
 * series in the bucket (all nodes and minutes pooled); for count metrics they are the per-minute totals.
 */

export const AGGREGATIONS = ['average', 'minimum', 'maximum', 'total', 'count'] as const;
export type AggregationType = (typeof AGGREGATIONS)[number];

export class Stats {
  sum = 0;
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  add(value: number): void {
    this.sum += value;
    this.count += 1;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  merge(other: Stats): void {
    this.sum += other.sum;
    this.count += other.count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  value(aggregation: AggregationType): number | undefined {
    if (this.count === 0) return undefined;
    switch (aggregation) {
      case 'average':
        return this.sum / this.count;
      case 'minimum':
        return this.min;
      case 'maximum':
        return this.max;
      case 'total':
        return this.sum;
      case 'count':
        return this.count;
    }
  }
}

/** `aggregation=Average,Maximum` (case-insensitive); default: the metric's primary aggregation, Average. */
export function parseAggregations(text: string | undefined): AggregationType[] {
  if (text === undefined || text.trim() === '') return ['average'];
  const result: AggregationType[] = [];
  for (const part of text.split(',').map((p) => p.trim().toLowerCase()).filter((p) => p !== '' && p !== 'none')) {
    if (!(AGGREGATIONS as readonly string[]).includes(part)) {
      throw new MetricsRequestError(`Invalid aggregation type '${part}'. Valid aggregation types are: Average, Count, Minimum, Maximum, Total.`);
    }
    if (!result.includes(part as AggregationType)) result.push(part as AggregationType);
  }
  return result.length > 0 ? result : ['average'];
}

export interface DataPoint {
  timeStamp: string;
  average?: number;
  minimum?: number;
  maximum?: number;
  total?: number;
  count?: number;
}

/** A data point with only the requested aggregations; a bucket without data has only its timestamp. */
export function dataPoint(startMs: number, stats: Stats | undefined, aggregations: readonly AggregationType[]): DataPoint {
  const point: DataPoint = { timeStamp: formatTimestamp(startMs) };
  if (!stats || stats.count === 0) return point;
  for (const aggregation of aggregations) point[aggregation] = stats.value(aggregation);
  return point;
}

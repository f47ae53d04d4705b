import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CustomMetricStore } from '../../local/aks-emulator/monitor/customMetrics';
import { evaluateCustomMetrics } from '../../local/aks-emulator/monitor/customMetricsEvaluator';
import { MetricsRequestError } from '../../local/aks-emulator/monitor/metricsError';
import { parseMetricsQuery, queryParameters } from '../../local/aks-emulator/monitor/metricsQuery';

const NOW = Date.parse('2026-11-27T12:00:30Z');
const MINUTE = 60_000;
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MINUTE).toISOString();
const publishBody = (time: string, metric: string, dimNames: string[], series: { dimValues: string[]; min: number; max: number; sum: number; count: number }[], namespace = 'App/Queues') => ({
  time,
  data: { baseData: { metric, namespace, dimNames, series } },
});
const one = (dimValues: string[], value: number) => ({ dimValues, min: value, max: value, sum: value, count: 1 });

function query(store: CustomMetricStore, parameters: Record<string, string>) {
  const catalogue = store.catalogue(parameters['metricnamespace'] ?? 'App/Queues')!;
  return parseMetricsQuery(queryParameters(new URLSearchParams(parameters)), { startMs: NOW - 10 * MINUTE, endMs: NOW }, catalogue);
}

describe('the emulator\'s custom metrics', () => {
  it('knows a metric by the union of the dimensions clusters published it with', () => {
    const store = new CustomMetricStore();
    store.publish('a', publishBody(at(1), 'Depth', ['nodepool'], [one(['user'], 1)]), NOW);
    store.publish('b', publishBody(at(1), 'depth', ['zone'], [one(['1'], 1)]), NOW);
    const catalogue = store.catalogue('app/queues')!;
    expect(catalogue.names()).toEqual(['Depth']);
    expect(catalogue.find('DEPTH')?.dimensions).toEqual(['nodepool', 'zone']);
    expect(store.catalogue('Other/Namespace')).toBeUndefined();
    expect(store.namespaces()).toEqual(['App/Queues']);
  });

  it('keeps the top series by the requested order and answers one FULL point', () => {
    const store = new CustomMetricStore();
    for (const minutesAgo of [3, 2, 1]) store.publish('a', publishBody(at(minutesAgo), 'depth', ['nodepool'], [one(['user'], 10 * minutesAgo), one(['batch'], minutesAgo), one(['spot'], 100)]), NOW);
    const [result] = evaluateCustomMetrics(query(store, { metricnames: 'depth', filter: "nodepool eq '*'", top: '2', interval: 'FULL', aggregation: 'average,total' }), (metric) => store.points('a', 'App/Queues', metric.name), '/x');
    expect(result!.timeseries.map((series) => [series.metadatavalues[0]!.value, series.data![0]!.average, series.data![0]!.total])).toEqual([
      ['spot', 100, 300],
      ['user', 20, 60],
    ]);
  });

  it('Average over a bucket is the published sum over the published count, whatever the split into bodies', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ minutesAgo: fc.integer({ min: 1, max: 4 }), values: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 5 }) }), { minLength: 1, maxLength: 8 }), (bodies) => {
        const store = new CustomMetricStore();
        for (const { minutesAgo, values } of bodies) {
          store.publish('a', publishBody(at(minutesAgo), 'depth', [], [{ dimValues: [], min: Math.min(...values), max: Math.max(...values), sum: values.reduce((s, v) => s + v, 0), count: values.length }]), NOW);
        }
        const [result] = evaluateCustomMetrics(query(store, { metricnames: 'depth', interval: 'FULL', aggregation: 'average,count,maximum' }), (metric) => store.points('a', 'App/Queues', metric.name), '/x');
        const all = bodies.flatMap((body) => body.values);
        const point = result!.timeseries[0]!.data![0]!;
        expect(point.count).toBe(all.length);
        expect(point.maximum).toBe(Math.max(...all));
        expect(point.average).toBeCloseTo(all.reduce((s, v) => s + v, 0) / all.length, 9);
      }),
    );
  });

  it.each([
    ['no time', { ...publishBody(at(0), 'd', [], [one([], 1)]), time: undefined }, /'time' must be an ISO 8601 date-time/],
    ['a time 6 minutes ahead', publishBody(at(-6), 'd', [], [one([], 1)]), /within the last 20 minutes or the next 5 minutes/],
    ['no series', publishBody(at(0), 'd', [], []), /at least one series/],
    ['a count of 0', publishBody(at(0), 'd', [], [{ dimValues: [], min: 1, max: 1, sum: 1, count: 0 }]), /count must be a positive integer/],
    ['min above max', publishBody(at(0), 'd', [], [{ dimValues: [], min: 2, max: 1, sum: 3, count: 2 }]), /min is above its max/],
    ['no namespace', { time: at(0), data: { baseData: { metric: 'd', series: [one([], 1)] } } }, /'baseData.namespace' must be a non-empty string/],
  ])('refuses a body with %s', (_case, body, message) => {
    const store = new CustomMetricStore();
    expect(() => store.publish('a', body, NOW)).toThrow(MetricsRequestError);
    expect(() => store.publish('a', body, NOW)).toThrow(message);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Stats, dataPoint, parseAggregations } from '../../local/aks-emulator/monitor/aggregation';
import { matchesFilter, parseDimensionFilter } from '../../local/aks-emulator/monitor/dimensionFilter';
import { formatIsoDuration, parseIsoDuration } from '../../local/aks-emulator/monitor/isoDuration';
import { MetricsRequestError } from '../../local/aks-emulator/monitor/metricsError';
import { bucketStarts, formatTimestamp, parseStartEnd, parseTimespan, resolveGranularity } from '../../local/aks-emulator/monitor/timeWindow';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'monitor-metrics');
const fixture = (name: string): any => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
const GRAINS = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H'];

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof MetricsRequestError) return error.message;
    throw error;
  }
  throw new Error('expected a MetricsRequestError');
}

describe('ISO 8601 durations', () => {
  it.each([
    ['PT1M', 60_000],
    ['PT5M', 300_000],
    ['PT1H', 3_600_000],
    ['P1D', 86_400_000],
    ['P1DT12H', 129_600_000],
    ['PT0.5S', 500],
    ['P1W', 604_800_000],
    ['pt15m', 900_000],
  ])('%s is %i ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', 'P1DT', '1H', 'P1M2', 'PT1H30', 'FULL'])('refuses %j', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });

  it('formats any whole number of seconds back to the same duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400 }), (seconds) => {
        expect(parseIsoDuration(formatIsoDuration(seconds * 1000))).toBe(seconds * 1000);
      }),
    );
    expect(formatIsoDuration(4 * 3_600_000)).toBe('PT4H');
    expect(formatIsoDuration(93_600_000)).toBe('P1DT2H');
  });
});

describe('time windows and data point timestamps (from the REST examples)', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');

  it('GetMetric: timespan 09:00–14:00 at PT1H has points at 09:00 … 13:00', () => {
    const example = fixture('GetMetric.json');
    const window = parseTimespan(example.parameters.timespan, Date.parse('2021-04-21T00:00:00Z'));
    const points = example.responses['200'].body.value[0].timeseries[0].data.map((d: { timeStamp: string }) => d.timeStamp);
    expect(bucketStarts(window, resolveGranularity('PT1H', window, GRAINS, false, 'm')).map(formatTimestamp)).toEqual(points);
    expect(`${formatTimestamp(window.startMs)}/${formatTimestamp(window.endMs)}`).toBe(example.responses['200'].body.timespan);
  });

  it('MetricBatchExample: 20:00:00.123–23:00:00.345 at PT15M has 12 points from 20:00, and echoes the times as given', () => {
    const example = fixture('MetricBatchExample.json');
    const body = example.responses['200'].body.values[0];
    const window = parseStartEnd(example.parameters.starttime, example.parameters.endtime, Date.parse('2023-02-02T00:00:00Z'));
    expect(bucketStarts(window, resolveGranularity('PT15M', window, GRAINS, false, 'm')).map(formatTimestamp)).toEqual(body.value[0].timeseries[0].data.map((d: { timeStamp: string }) => d.timeStamp));
    expect([formatTimestamp(window.startMs), formatTimestamp(window.endMs)]).toEqual([body.starttime, body.endtime]);
  });

  it('MetricBatchExample2: FULL answers one point at the start and the window length as interval', () => {
    const example = fixture('MetricBatchExample2.json');
    const body = example.responses['200'].body.values[0];
    const window = parseStartEnd(example.parameters.starttime, example.parameters.endtime, Date.parse('2023-11-08T00:00:00Z'));
    const granularity = resolveGranularity('FULL', window, GRAINS, false, 'm');
    expect(granularity.label).toBe(body.interval);
    expect(bucketStarts(window, granularity).map(formatTimestamp)).toEqual([body.value[0].timeseries[0].data[0].timeStamp]);
    expect(body.starttime).toBe(formatTimestamp(window.startMs));
  });

  it.each([
    ['PT6H', '2026-11-27T06:00:00Z', '2026-11-27T12:00:00Z'],
    ['2026-11-27T10:00:00Z/PT30M', '2026-11-27T10:00:00Z', '2026-11-27T10:30:00Z'],
    ['PT30M/2026-11-27T10:00:00Z', '2026-11-27T09:30:00Z', '2026-11-27T10:00:00Z'],
    ['2026-11-27T10:00:00+01:00/2026-11-27T11:00:00Z', '2026-11-27T09:00:00Z', '2026-11-27T11:00:00Z'],
  ])('timespan %s is %s – %s', (timespan, start, end) => {
    const window = parseTimespan(timespan, now);
    expect([formatTimestamp(window.startMs), formatTimestamp(window.endMs)]).toEqual([start, end]);
  });

  it('defaults to the last hour', () => {
    expect(parseTimespan(undefined, now)).toEqual({ startMs: now - 3_600_000, endMs: now });
    expect(parseStartEnd(undefined, undefined, now)).toEqual({ startMs: now - 3_600_000, endMs: now });
  });

  it('refuses inverted, malformed and expired windows with the service wording for retention', () => {
    expect(refusal(() => parseTimespan('2026-11-27T10:00:00Z/2026-11-27T09:00:00Z', now))).toMatch(/must be after the start time/);
    expect(refusal(() => parseTimespan('yesterday/today', now))).toMatch(/expected an ISO 8601 date-time/);
    expect(refusal(() => parseStartEnd('2026-01-01T00:00:00Z', '2026-06-06T00:00:00Z', now))).toBe(
      'Query endTime: 06/06/2026 00:00:00 is out of the Max metrics retention period: 93.00:00:00, traceId: {00000000-0000-0000-0000-000000000000}',
    );
  });

  it('refuses an unsupported grain unless AutoAdjustTimegrain picks the largest supported one below it', () => {
    const window = parseTimespan('PT1H', now);
    expect(refusal(() => resolveGranularity('PT2M', window, GRAINS, false, 'node_cpu_usage_percentage'))).toMatch(/^Requested time grain PT2M is not supported for metric node_cpu_usage_percentage/);
    expect(resolveGranularity('PT2M', window, GRAINS, true, 'm').label).toBe('PT1M');
    expect(resolveGranularity('PT1M', window, GRAINS.slice(1), true, 'm').label).toBe('PT5M');
    expect(resolveGranularity(undefined, window, GRAINS, false, 'm').label).toBe('PT1M');
  });
});

describe('$filter', () => {
  it('reads eq, or within a dimension, and, quotes, parentheses and *', () => {
    const filter = parseDimensionFilter("nodepool eq 'np1' and (node eq 'a' or node eq 'B') and phase eq '*' and ns eq 'it''s'");
    expect(filter.map((c) => [c.dimension, [...c.values], c.split])).toEqual([
      ['nodepool', ['np1'], false],
      ['node', ['a', 'b'], false],
      ['phase', [], true],
      ['ns', ["it's"], false],
    ]);
    expect(matchesFilter(filter, { NodePool: 'NP1', node: 'b', phase: 'Running', ns: "it's" })).toBe(true);
    expect(matchesFilter(filter, { nodepool: 'np1', node: 'c', phase: 'Running', ns: "it's" })).toBe(false);
    expect(matchesFilter(filter, { nodepool: 'np1', node: 'a', ns: "it's" })).toBe(false);
  });

  it.each([
    ["node eq 'a' or nodepool eq 'b'", /'or' can only combine conditions on the same dimension/],
    ["node ne 'a'", /only eq is supported/],
    ["node eq a", /expected a quoted value/],
    ["node eq 'a", /not closed/],
    ["node eq 'a' and node eq 'b'", /more than one 'and' clause/],
    ["(node eq 'a'", /expected '\)'/],
    ["node eq 'a' garbage", /unexpected 'garbage'/],
  ])('refuses %j', (text, message) => {
    expect(refusal(() => parseDimensionFilter(text))).toMatch(message);
  });
});

describe('aggregations', () => {
  it('reads the aggregation list case-insensitively and refuses unknown ones', () => {
    expect(parseAggregations('Average,MAXIMUM, total')).toEqual(['average', 'maximum', 'total']);
    expect(parseAggregations(undefined)).toEqual(['average']);
    expect(refusal(() => parseAggregations('Average,Median'))).toMatch(/Invalid aggregation type 'median'/);
  });

  it('writes only the requested aggregations, and only the timestamp without data', () => {
    const stats = new Stats();
    for (const v of [2, 4, 9]) stats.add(v);
    expect(dataPoint(0, stats, ['average', 'minimum', 'maximum', 'total', 'count'])).toEqual({ timeStamp: '1970-01-01T00:00:00Z', average: 5, minimum: 2, maximum: 9, total: 15, count: 3 });
    expect(dataPoint(0, stats, ['maximum'])).toEqual({ timeStamp: '1970-01-01T00:00:00Z', maximum: 9 });
    expect(dataPoint(60_000, undefined, ['average'])).toEqual({ timeStamp: '1970-01-01T00:01:00Z' });
  });
});

import { describe, expect, it } from 'vitest';
import { durationMilliseconds, resolveTimeRange } from '../../../shared/domain/logs/logTimeRange';

const now = new Date('2026-12-01T12:00:00.000Z');

describe('log time range', () => {
  it.each([
    ['PT1H', 3_600_000],
    ['PT30M', 1_800_000],
    ['P1D', 86_400_000],
    ['P1DT2H3M4.5S', 93_784_500],
    ['PT0.25S', 250],
  ])('reads %s as %d ms', (text, ms) => {
    expect(durationMilliseconds(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '1H', 'PT1H ', 'P1Y', 'P1W', 'PT-1H', 'PT1.2345S'])('refuses %j', (text) => {
    expect(durationMilliseconds(text)).toBeUndefined();
  });

  it('defaults to the last hour up to now', () => {
    expect(resolveTimeRange({}, now)).toEqual({ start: new Date('2026-12-01T11:00:00.000Z'), end: now });
  });

  it('takes since/until as given, and `last` back from until', () => {
    const since = new Date('2026-11-30T00:00:00.000Z');
    const until = new Date('2026-11-30T06:00:00.000Z');
    expect(resolveTimeRange({ since, until }, now)).toEqual({ start: since, end: until });
    expect(resolveTimeRange({ last: 'PT2H', until }, now)).toEqual({ start: new Date('2026-11-30T04:00:00.000Z'), end: until });
    expect(() => resolveTimeRange({ last: 'soon' }, now)).toThrow(RangeError);
  });
});

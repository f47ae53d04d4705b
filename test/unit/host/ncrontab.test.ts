import { describe, expect, it } from 'vitest';
import { NcrontabError, parseNcrontab } from '../../../local/host/timers/ncrontab';

describe('NCRONTAB schedules', () => {
  it.each([
    ['0 */5 * * * *', '2026-01-01T00:00:00Z', '2026-01-01T00:05:00.000Z'],
    ['*/30 * * * * *', '2026-01-01T00:00:10Z', '2026-01-01T00:00:30.000Z'],
    ['0 30 9 * * 1-5', '2026-01-02T10:00:00Z', '2026-01-05T09:30:00.000Z'],
    ['0 30 9 * * MON-FRI', '2026-01-02T10:00:00Z', '2026-01-05T09:30:00.000Z'],
    ['0 0 0 1 JAN *', '2026-03-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['5,10 * * * * *', '2026-01-01T00:00:05Z', '2026-01-01T00:00:10.000Z'],
    // NCrontab needs both the day of month and the day of week to match: the next Friday the 13th.
    ['0 0 0 13 * FRI', '2026-01-01T00:00:00Z', '2026-02-13T00:00:00.000Z'],
    ['0 0 0 13 * 5', '2026-02-14T00:00:00Z', '2026-03-13T00:00:00.000Z'],
  ])('%s after %s is %s', (expression, after, next) => {
    expect(parseNcrontab(expression).nextAfter(new Date(after)).toISOString()).toBe(next);
  });

  it.each([
    ['0 5 * * *', /expected 6 fields/],
    ['0 0 5 * * * *', /expected 6 fields/],
    ['0 0 0 L * *', /not valid/],
    ['0 0 0 ? * *', /not valid/],
    ['0 0 0 * * 1#2', /not valid/],
    ['0 0 0 15W * *', /not valid/],
    ['0 0 0 * * FOO', /not valid/],
    ['99 * * * * *', /Invalid NCRONTAB/],
    ['', /expected 6 fields/],
  ])('rejects %j', (expression, message) => {
    expect(() => parseNcrontab(expression)).toThrow(NcrontabError);
    expect(() => parseNcrontab(expression)).toThrow(message);
  });
});

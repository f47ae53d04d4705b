import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import { parseOrThrow } from '../../../shared/platform/http/validation';
import { versionSupportCalendarSchema } from '../../../shared/domain/fleet/versionSupportCalendar';

/** The field paths of the 400 the API would answer for this body (empty when it is valid). */
function rejectedPaths(body: unknown): string[] {
  try {
    parseOrThrow(versionSupportCalendarSchema, body, 'body');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.path);
  }
}

const manyMinors = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`1.${i}`, '2027-01-31']));

describe('versionSupportCalendarSchema', () => {
  it('defaults both maps to empty, so {} is the empty calendar', () => {
    expect(versionSupportCalendarSchema.parse({})).toEqual({ endOfSupport: {}, endOfLongTermSupport: {} });
  });

  it('keeps a full calendar as given', () => {
    const calendar = {
      endOfSupport: { '1.34': '2026-11-30', '1.35': '2027-03-31' },
      endOfLongTermSupport: { '1.33': '2027-07-31' },
      source: 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions',
    };
    expect(versionSupportCalendarSchema.parse(calendar)).toEqual(calendar);
  });

  it.each([
    ['a minor with a two-digit minor', { endOfSupport: { '1.33': '2026-07-31' } }],
    ['a major above 1', { endOfSupport: { '2.0': '2030-01-31' } }],
    ['minor 0', { endOfLongTermSupport: { '1.0': '2016-01-31' } }],
    ['29 February of a leap year', { endOfSupport: { '1.35': '2028-02-29' } }],
    ['29 February of a year divisible by 400', { endOfSupport: { '1.35': '2000-02-29' } }],
    ['31 December', { endOfSupport: { '1.35': '2027-12-31' } }],
    ['exactly 100 minors', { endOfSupport: manyMinors(100) }],
    ['a source of 500 characters', { source: 'x'.repeat(500) }],
  ])('accepts %s', (_name, body) => {
    expect(rejectedPaths(body)).toEqual([]);
  });

  it.each([
    ['a patch as key', { endOfSupport: { '1.33.2': '2026-07-31' } }, ['endOfSupport.1.33.2']],
    ['a v-prefixed key', { endOfSupport: { 'v1.33': '2026-07-31' } }, ['endOfSupport.v1.33']],
    ['a major alone', { endOfLongTermSupport: { '1': '2026-07-31' } }, ['endOfLongTermSupport.1']],
    ['a key with a leading zero', { endOfSupport: { '1.033': '2026-07-31' } }, ['endOfSupport.1.033']],
    ['a key with spaces', { endOfSupport: { ' 1.33': '2026-07-31' } }, ['endOfSupport. 1.33']],
    ['30 February', { endOfSupport: { '1.33': '2026-02-30' } }, ['endOfSupport.1.33']],
    ['29 February of a common year', { endOfSupport: { '1.33': '2026-02-29' } }, ['endOfSupport.1.33']],
    ['29 February of a century not divisible by 400', { endOfSupport: { '1.33': '2100-02-29' } }, ['endOfSupport.1.33']],
    ['31 April', { endOfLongTermSupport: { '1.33': '2027-04-31' } }, ['endOfLongTermSupport.1.33']],
    ['month 13', { endOfSupport: { '1.33': '2026-13-01' } }, ['endOfSupport.1.33']],
    ['a timestamp', { endOfSupport: { '1.33': '2026-07-31T00:00:00Z' } }, ['endOfSupport.1.33']],
    ['a day-first date', { endOfSupport: { '1.33': '31-07-2026' } }, ['endOfSupport.1.33']],
    ['an unpadded date', { endOfSupport: { '1.33': '2026-7-31' } }, ['endOfSupport.1.33']],
    ['a number as date', { endOfSupport: { '1.33': 20260731 } }, ['endOfSupport.1.33']],
    ['an array as map', { endOfSupport: ['2026-07-31'] }, ['endOfSupport']],
    ['101 minors', { endOfLongTermSupport: manyMinors(101) }, ['endOfLongTermSupport']],
    ['a source of 501 characters', { source: 'x'.repeat(501) }, ['source']],
    ['a misspelt map', { endOfSuport: { '1.33': '2026-07-31' } }, ['']],
    [
      'a bad key and a bad date in different maps',
      { endOfSupport: { '1.x': '2026-07-31' }, endOfLongTermSupport: { '1.33': '2027-02-30' } },
      ['endOfSupport.1.x', 'endOfLongTermSupport.1.33'],
    ],
  ])('rejects %s, naming the field', (_name, body, paths) => {
    expect(rejectedPaths(body).sort()).toEqual([...paths].sort());
  });

  it('says what is wrong with a key and with a date', () => {
    const result = versionSupportCalendarSchema.safeParse({ endOfSupport: { '1.33.2': '2026-02-30', '1.34': '2026-02-30' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.message)).toEqual([
      'keys must be Kubernetes minors such as 1.33',
      'must be a real calendar date written YYYY-MM-DD',
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import { orderMembersByWindow, scheduledStartTime } from '../../../shared/domain/upgrades';

const weekDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

describe('scheduledStartTime (kubernetes-fleet update-strategies-gates-scheduled-start.md)', () => {
  // 2025-08-04 is a Monday.
  it.each([
    [
      'reached on Monday, a Wednesday 02:00 UTC gate waits until Wednesday',
      'Wednesday',
      '02:00',
      '+00:00',
      '2025-08-04T10:00:00Z',
      '2025-08-06T02:00:00Z',
    ],
    [
      'reached Wednesday 03:00, already past: the following Wednesday',
      'Wednesday',
      '02:00',
      '+00:00',
      '2025-08-06T03:00:00Z',
      '2025-08-13T02:00:00Z',
    ],
    [
      'reached exactly at the time: opens at once',
      'Wednesday',
      '02:00',
      '+00:00',
      '2025-08-06T02:00:00Z',
      '2025-08-06T02:00:00Z',
    ],
    [
      'Thursday 10:00 at -08:00 (the doc’s PST example)',
      'Thursday',
      '10:00',
      '-08:00',
      '2025-08-04T10:00:00Z',
      '2025-08-07T18:00:00Z',
    ],
    [
      'the offset decides the day: Monday 01:00 at +05:30 is Sunday 19:30 UTC',
      'Monday',
      '01:00',
      '+05:30',
      '2025-08-10T12:00:00Z',
      '2025-08-10T19:30:00Z',
    ],
    [
      '+14:00, the largest offset',
      'Saturday',
      '00:00',
      '+14:00',
      '2025-08-04T00:00:00Z',
      '2025-08-08T10:00:00Z',
    ],
  ])('%s', (_case, startDay, startTime, utcOffset, reachedAt, expected) => {
    expect(scheduledStartTime({ startDay, startTime, utcOffset, reachedAt })).toBe(expected);
  });

  it('names every bad field', () => {
    try {
      scheduledStartTime({ startDay: 'Someday', startTime: '25:00', utcOffset: '+15:00', reachedAt: 'now' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
        'startDay',
        'startTime',
        'utcOffset',
        'reachedAt',
      ]);
    }
  });

  it('opens within a week of being reached, on the gate’s day and time at its offset', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...weekDays),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: -14 * 4, max: 14 * 4 }).map((quarters) => quarters * 15),
        fc
          .integer({ min: Date.parse('2020-01-01'), max: Date.parse('2032-01-01') })
          .map((ms) => Math.floor(ms / 1000) * 1000),
        (startDay, minutes, offset, reached) => {
          const pad = (value: number) => String(value).padStart(2, '0');
          const result = Date.parse(
            scheduledStartTime({
              startDay,
              startTime: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
              utcOffset: `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`,
              reachedAt: new Date(reached).toISOString(),
            }),
          );
          expect(result).toBeGreaterThanOrEqual(reached);
          expect(result - reached).toBeLessThan(7 * 86_400_000);
          const local = new Date(result + offset * 60_000);
          expect(weekDays[local.getUTCDay()]).toBe(startDay);
          expect(local.getUTCHours() * 60 + local.getUTCMinutes()).toBe(minutes);
        },
      ),
    );
  });
});

describe('orderMembersByWindow (kubernetes-fleet concepts-update-orchestration.md, "Planned maintenance")', () => {
  const now = '2026-12-07T10:00:00Z'; // a Monday
  const daily = (startTime: string, durationHours = 4) => ({
    schedule: { daily: { intervalDays: 1 } },
    durationHours,
    utcOffset: '+00:00',
    startTime,
  });

  it('takes open windows, then windows opening within 4 hours, then no window, then closed ones', () => {
    const members = [
      { name: 'closed', maintenanceWindow: daily('20:00') },
      { name: 'none', maintenanceWindow: null },
      { name: 'opensIn2h', maintenanceWindow: daily('12:00') },
      { name: 'open', maintenanceWindow: daily('08:00') },
    ];
    expect(orderMembersByWindow({ now, members })).toEqual(['open', 'opensIn2h', 'none', 'closed']);
  });

  it('counts a window opening in exactly 4 hours as opening soon, and one in 4 h 01 min as closed', () => {
    const members = [
      { name: 'in4h01', maintenanceWindow: daily('14:01') },
      { name: 'none', maintenanceWindow: null },
      { name: 'in4h', maintenanceWindow: daily('14:00') },
    ];
    expect(orderMembersByWindow({ now, members })).toEqual(['in4h', 'none', 'in4h01']);
  });

  it('orders within a tier by opening time, then keeps the input order', () => {
    const members = [
      { name: 'b', maintenanceWindow: null },
      { name: 'late', maintenanceWindow: daily('23:00') },
      { name: 'soon2', maintenanceWindow: daily('13:00') },
      { name: 'a', maintenanceWindow: null },
      { name: 'soon1', maintenanceWindow: daily('11:00') },
      { name: 'early', maintenanceWindow: daily('18:00') },
    ];
    expect(orderMembersByWindow({ now, members })).toEqual(['soon1', 'soon2', 'b', 'a', 'early', 'late']);
  });

  it('treats a window that cannot be read as closed, and a window blocked today as closed', () => {
    const members = [
      { name: 'unreadable', maintenanceWindow: { schedule: {} } },
      {
        name: 'blocked',
        maintenanceWindow: {
          ...daily('08:00'),
          notAllowedDates: [{ start: '2026-12-07', end: '2026-12-07' }],
        },
      },
      { name: 'none', maintenanceWindow: null },
    ];
    expect(orderMembersByWindow({ now, members })).toEqual(['none', 'blocked', 'unreadable']);
  });

  it('returns every member once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 23 }), { nil: null }), { minLength: 8, maxLength: 8 }),
        (names, hours) => {
          const members = names.map((name, index) => ({
            name,
            maintenanceWindow:
              hours[index] === null ? null : daily(`${String(hours[index]).padStart(2, '0')}:00`),
          }));
          expect([...orderMembersByWindow({ now, members })].sort()).toEqual([...names].sort());
        },
      ),
    );
  });
});

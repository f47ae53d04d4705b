import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maintenanceWindowOccurrences } from '../../../shared/domain/upgrades';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const weekDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const weekIndexes = ['First', 'Second', 'Third', 'Fourth', 'Last'];
const pad = (value: number) => String(value).padStart(2, '0');
const isoDate = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

const day2019 = dayOf('2019-01-01');
const day2031 = dayOf('2031-01-01');

const schedule = fc.oneof(
  fc.record({ daily: fc.record({ intervalDays: fc.integer({ min: 1, max: 7 }) }) }),
  fc.record({
    weekly: fc.record({
      intervalWeeks: fc.integer({ min: 1, max: 4 }),
      dayOfWeek: fc.constantFrom(...weekDays),
    }),
  }),
  fc.record({
    absoluteMonthly: fc.record({
      intervalMonths: fc.integer({ min: 1, max: 6 }),
      dayOfMonth: fc.integer({ min: 1, max: 31 }),
    }),
  }),
  fc.record({
    relativeMonthly: fc.record({
      intervalMonths: fc.integer({ min: 1, max: 6 }),
      weekIndex: fc.constantFrom(...weekIndexes),
      dayOfWeek: fc.constantFrom(...weekDays),
    }),
  }),
);

const offsetMinutes = fc
  .tuple(fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 15, 30, 45), fc.boolean())
  .map(([hours, minutes, negative]) => (negative ? -1 : 1) * (hours * 60 + (hours === 14 ? 0 : minutes)));
const formatOffset = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;

const windowCase = fc.record({
  schedule,
  durationHours: fc.integer({ min: 4, max: 24 }),
  offset: offsetMinutes,
  startMinutes: fc.integer({ min: 0, max: 1439 }),
  startDay: fc.option(fc.integer({ min: day2019, max: day2031 }), { nil: undefined }),
  blocks: fc.array(fc.tuple(fc.integer({ min: day2019, max: day2031 }), fc.integer({ min: 0, max: 40 })), {
    maxLength: 3,
  }),
  now: fc.integer({ min: day2019 * DAY, max: day2031 * DAY }).map((ms) => Math.floor(ms / 1000) * 1000),
  count: fc.integer({ min: 0, max: 6 }),
});
type WindowCase = typeof windowCase extends fc.Arbitrary<infer T> ? T : never;

function input(testCase: WindowCase) {
  return {
    maintenanceWindow: {
      schedule: testCase.schedule,
      durationHours: testCase.durationHours,
      utcOffset: formatOffset(testCase.offset),
      startTime: `${pad(Math.floor(testCase.startMinutes / 60))}:${pad(testCase.startMinutes % 60)}`,
      ...(testCase.startDay === undefined ? {} : { startDate: isoDate(testCase.startDay) }),
      notAllowedDates: testCase.blocks.map(([first, length]) => ({
        start: isoDate(first),
        end: isoDate(first + length),
      })),
    },
    now: new Date(testCase.now).toISOString().replace('.000Z', 'Z'),
    count: testCase.count,
  };
}

/** The oracle's own reading of a blocked range: local [start 00:00, end + 1 day 00:00). */
const blockedAt = (testCase: WindowCase, instant: number) =>
  testCase.blocks.some(([first, length]) => {
    const start = first * DAY - testCase.offset * 60_000;
    return start <= instant && instant < start + (length + 1) * DAY;
  });
const local = (testCase: WindowCase, instant: number) => new Date(instant + testCase.offset * 60_000);

describe('maintenanceWindowOccurrences properties', () => {
  it('lists count windows starting strictly after now, strictly increasing, each durationHours long', () => {
    fc.assert(
      fc.property(windowCase, (testCase) => {
        const result = maintenanceWindowOccurrences(input(testCase));
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        expect(result.next).toHaveLength(testCase.count);
        let previous = testCase.now;
        for (const window of result.next) {
          const start = Date.parse(window.start);
          expect(start).toBeGreaterThan(previous);
          expect(Date.parse(window.end) - start).toBe(testCase.durationHours * HOUR);
          previous = start;
        }
      }),
    );
  });

  it('never starts a window inside a notAllowedDates range, nor reports one open during it', () => {
    fc.assert(
      fc.property(windowCase, (testCase) => {
        const result = maintenanceWindowOccurrences(input(testCase));
        if (!result.ok) return;
        for (const window of result.next) expect(blockedAt(testCase, Date.parse(window.start))).toBe(false);
        if (result.current) {
          expect(blockedAt(testCase, Date.parse(result.current.start))).toBe(false);
          expect(blockedAt(testCase, testCase.now)).toBe(false);
          expect(Date.parse(result.current.start)).toBeLessThanOrEqual(testCase.now);
          expect(Date.parse(result.current.end)).toBeGreaterThan(testCase.now);
        }
        const lastNext = result.next.at(-1);
        for (const start of result.skipped) {
          expect(blockedAt(testCase, Date.parse(start))).toBe(true);
          if (lastNext) expect(Date.parse(start)).toBeLessThan(Date.parse(lastNext.start));
        }
      }),
    );
  });

  it('opens at startTime local, on the schedule’s days, never before startDate', () => {
    fc.assert(
      fc.property(windowCase, (testCase) => {
        const result = maintenanceWindowOccurrences(input(testCase));
        if (!result.ok) return;
        for (const window of [...(result.current ? [result.current] : []), ...result.next]) {
          const start = local(testCase, Date.parse(window.start));
          expect(start.getUTCHours() * 60 + start.getUTCMinutes()).toBe(testCase.startMinutes);
          const day = Math.floor(start.getTime() / DAY);
          if (testCase.startDay !== undefined) expect(day).toBeGreaterThanOrEqual(testCase.startDay);
          expectOnSchedule(testCase, start, day);
        }
      }),
    );
  });

  it('misses no window: without blocks, the one before next[0] has started by now', () => {
    fc.assert(
      fc.property(
        windowCase.filter((testCase) => 'daily' in testCase.schedule || 'weekly' in testCase.schedule),
        (testCase) => {
          const unblocked = { ...testCase, blocks: [] };
          const result = maintenanceWindowOccurrences({
            ...input(unblocked),
            count: Math.max(2, testCase.count),
          });
          if (!result.ok) return;
          const spec = testCase.schedule;
          const step =
            'daily' in spec
              ? spec.daily.intervalDays * DAY
              : 'weekly' in spec
                ? spec.weekly.intervalWeeks * 7 * DAY
                : NaN;
          const starts = result.next.map((window) => Date.parse(window.start));
          for (let index = 1; index < starts.length; index++)
            expect(starts[index]! - starts[index - 1]!).toBe(step);
          const before = starts[0]! - step;
          const beforeStartDate =
            testCase.startDay !== undefined &&
            Math.floor(local(testCase, before).getTime() / DAY) < testCase.startDay;
          expect(before <= testCase.now || beforeStartDate).toBe(true);
          if (!beforeStartDate && before + testCase.durationHours * HOUR > testCase.now)
            expect(result.current?.start).toBe(new Date(before).toISOString().replace('.000Z', 'Z'));
        },
      ),
    );
  });
});

function expectOnSchedule(testCase: WindowCase, start: Date, day: number): void {
  const scheduleSpec = testCase.schedule;
  if ('daily' in scheduleSpec) {
    const anchor = testCase.startDay ?? 0;
    expect(
      (((day - anchor) % scheduleSpec.daily.intervalDays) + scheduleSpec.daily.intervalDays) %
        scheduleSpec.daily.intervalDays,
    ).toBe(0);
  } else if ('weekly' in scheduleSpec) {
    expect(weekDays[start.getUTCDay()]).toBe(scheduleSpec.weekly.dayOfWeek);
  } else if ('absoluteMonthly' in scheduleSpec) {
    expect(start.getUTCDate()).toBe(scheduleSpec.absoluteMonthly.dayOfMonth);
  } else {
    const { weekIndex, dayOfWeek } = scheduleSpec.relativeMonthly;
    expect(weekDays[start.getUTCDay()]).toBe(dayOfWeek);
    const daysInMonth = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
    if (weekIndex === 'Last') expect(start.getUTCDate() + 7).toBeGreaterThan(daysInMonth);
    else expect(Math.ceil(start.getUTCDate() / 7)).toBe(weekIndexes.indexOf(weekIndex) + 1);
  }
}

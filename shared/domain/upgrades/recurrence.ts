import type { WeekDay } from './calendar';
import {
  civilDateOf,
  daysInMonth,
  epochDayOf,
  monthIndexOf,
  weekdayIndex,
  weekdayOf,
  yearMonthOf,
} from './calendar';
import type { MaintenanceWindowSpec, RecurrenceSchedule, WeekIndex } from './maintenanceWindowSpec';

/**
 * The local days a window opens on, ascending, from `fromDay` on. Anchors (upgrades.md §4.4, which
 * AKS does not document): daily = startDate + k·intervalDays; weekly = the first dayOfWeek on or after
 * startDate, then every 7·intervalWeeks days; monthly = the months month(startDate) + k·intervalMonths.
 * Without a startDate the anchor is 1970-01-01 and there is no lower bound. A dayOfMonth the month
 * does not have (31 in April) skips that month.
 */
export function* openingDays(window: MaintenanceWindowSpec, fromDay: number): Generator<number> {
  const firstDay = window.startDay === undefined ? fromDay : Math.max(fromDay, window.startDay);
  const anchorDay = window.startDay ?? 0;
  const schedule = window.schedule;
  if (schedule.kind === 'daily') yield* everyNthDay(anchorDay, schedule.intervalDays, firstDay);
  else if (schedule.kind === 'weekly')
    yield* weekly(anchorDay, schedule.dayOfWeek, schedule.intervalWeeks, firstDay);
  else yield* monthly(schedule, anchorDay, firstDay);
}

function* everyNthDay(anchorDay: number, interval: number, firstDay: number): Generator<number> {
  const k = Math.ceil((firstDay - anchorDay) / interval);
  for (let day = anchorDay + k * interval; ; day += interval) yield day;
}

function weekly(
  anchorDay: number,
  dayOfWeek: WeekDay,
  intervalWeeks: number,
  firstDay: number,
): Generator<number> {
  const firstMatching = anchorDay + ((weekdayIndex(dayOfWeek) - weekdayOf(anchorDay) + 7) % 7);
  return everyNthDay(firstMatching, 7 * intervalWeeks, firstDay);
}

function* monthly(
  schedule: Extract<RecurrenceSchedule, { kind: 'absoluteMonthly' | 'relativeMonthly' }>,
  anchorDay: number,
  firstDay: number,
): Generator<number> {
  const anchorMonth = monthIndexOf(civilDateOf(anchorDay));
  const interval = schedule.intervalMonths;
  const k = Math.ceil((monthIndexOf(civilDateOf(firstDay)) - anchorMonth) / interval);
  for (let month = anchorMonth + k * interval; ; month += interval) {
    const day =
      schedule.kind === 'absoluteMonthly'
        ? nthDayOfMonth(month, schedule.dayOfMonth)
        : relativeDay(month, schedule.weekIndex, schedule.dayOfWeek);
    if (day !== undefined && day >= firstDay) yield day;
  }
}

function nthDayOfMonth(monthIndex: number, dayOfMonth: number): number | undefined {
  const { year, month } = yearMonthOf(monthIndex);
  return dayOfMonth > daysInMonth(year, month) ? undefined : epochDayOf({ year, month, day: dayOfMonth });
}

const weekOffsets: Record<Exclude<WeekIndex, 'Last'>, number> = { First: 0, Second: 1, Third: 2, Fourth: 3 };

/** The n-th given weekday of the month, or its last one ("weekIndex" counts that weekday, not calendar weeks). */
function relativeDay(monthIndex: number, weekIndex: WeekIndex, dayOfWeek: WeekDay): number {
  const { year, month } = yearMonthOf(monthIndex);
  const wanted = weekdayIndex(dayOfWeek);
  if (weekIndex === 'Last') {
    const lastDay = epochDayOf({ year, month, day: daysInMonth(year, month) });
    return lastDay - ((weekdayOf(lastDay) - wanted + 7) % 7);
  }
  const firstDay = epochDayOf({ year, month, day: 1 });
  return firstDay + ((wanted - weekdayOf(firstDay) + 7) % 7) + 7 * weekOffsets[weekIndex];
}

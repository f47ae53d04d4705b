/**
 * Civil-calendar arithmetic on "epoch days" (days since 1970-01-01), proleptic Gregorian, no time zones:
 * maintenance windows use fixed UTC offsets only.
 */

export const weekDays = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export type WeekDay = (typeof weekDays)[number];

const msPerDay = 86_400_000;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function epochDayOf({ year, month, day }: CivilDate): number {
  return Date.UTC(year, month - 1, day) / msPerDay;
}

export function civilDateOf(epochDay: number): CivilDate {
  const date = new Date(epochDay * msPerDay);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function weekdayIndex(day: WeekDay): number {
  return weekDays.indexOf(day);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months counted from January of year 0, so months can be stepped by intervals. */
export function monthIndexOf(date: CivilDate): number {
  return date.year * 12 + (date.month - 1);
}

export function yearMonthOf(monthIndex: number): { year: number; month: number } {
  return { year: Math.floor(monthIndex / 12), month: (((monthIndex % 12) + 12) % 12) + 1 };
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → epoch day; undefined for malformed or impossible dates (2023-02-30). */
export function parseIsoDate(text: string): number | undefined {
  const match = isoDatePattern.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month))
    return undefined;
  return epochDayOf(date);
}

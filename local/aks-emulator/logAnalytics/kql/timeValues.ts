/**
 * KQL datetimes and timespans as milliseconds (see `KqlValue`), their text forms on the wire, and the literal
 * syntaxes of the query language. Kusto counts 100 ns ticks; a double of milliseconds holds about 0.4 µs at
 * today's dates, so datetimes are shown to the microsecond (the emulated tables carry milliseconds).
 */

export const MS_PER_TICK = 1e-4;
const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** Milliseconds from 0001-01-01 (where .NET and Kusto count ticks from) to 1970-01-01. */
export const MS_FROM_YEAR_ONE_TO_UNIX_EPOCH = 62_135_596_800_000;

/** "2026-11-27T00:00:00Z", "2021-06-02T00:18:13.317Z": the service's form (fraction trimmed of zeros). */
export function formatDateTime(ms: number): string {
  let wholeSeconds = Math.floor(ms / MS_PER_SECOND);
  let microseconds = Math.round((ms - wholeSeconds * MS_PER_SECOND) * 1_000);
  if (microseconds >= 1_000_000) {
    wholeSeconds += 1;
    microseconds -= 1_000_000;
  }
  const iso = new Date(wholeSeconds * MS_PER_SECOND).toISOString().slice(0, 19);
  return `${iso}${fraction(microseconds * 10)}Z`;
}

/** .NET's constant format, as Kusto returns timespans: "[-][d.]hh:mm:ss[.fffffff]", e.g. "1.02:00:00". */
export function formatTimespan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const totalTicks = Math.round(Math.abs(ms) / MS_PER_TICK);
  const ticks = totalTicks % 10_000_000;
  const totalSeconds = (totalTicks - ticks) / 10_000_000;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const clock = [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
  const fractionDigits = ticks === 0 ? '' : `.${String(ticks).padStart(7, '0')}`;
  return `${sign}${days > 0 ? `${days}.` : ''}${clock}${fractionDigits}`;
}

function fraction(ticks: number): string {
  if (ticks === 0) return '';
  return `.${String(ticks).padStart(7, '0').replace(/0+$/, '')}`;
}

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * ISO 8601 dates and times as KQL reads them: a missing zone means UTC. Returns undefined for other forms
 * (RFC 822/850 forms are valid KQL but outside the emulator's subset).
 */
export function parseIsoDateTime(text: string): number | undefined {
  const match = ISO_DATETIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fractionText = '', zone = 'Z'] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(utc)) return undefined;
  const fractionMs = fractionText === '' ? 0 : Number(`0.${fractionText}`) * MS_PER_SECOND;
  return utc + fractionMs - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * MS_PER_HOUR + Number(digits.slice(3, 5)) * MS_PER_MINUTE);
}

const TIMESPAN_UNITS: ReadonlyMap<string, number> = new Map([
  ...['d', 'day', 'days'].map((unit) => [unit, MS_PER_DAY] as const),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((unit) => [unit, MS_PER_HOUR] as const),
  ...['m', 'min', 'minute', 'minutes'].map((unit) => [unit, MS_PER_MINUTE] as const),
  ...['s', 'sec', 'second', 'seconds'].map((unit) => [unit, MS_PER_SECOND] as const),
  ...['ms', 'milli', 'millis', 'millisecond', 'milliseconds'].map((unit) => [unit, 1] as const),
  ...['microsecond', 'microseconds'].map((unit) => [unit, 1e-3] as const),
  ...['tick', 'ticks'].map((unit) => [unit, MS_PER_TICK] as const),
]);

const UNIT_TIMESPAN = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i;
const CLOCK_TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/**
 * The body of a timespan literal: "1.5h", "15 seconds", "2" (days, inside `time()`), "1.02:00:00".
 * Returns undefined for forms outside that set.
 */
export function parseTimespanText(text: string): number | undefined {
  const trimmed = text.trim();
  const unitForm = UNIT_TIMESPAN.exec(trimmed);
  if (unitForm) {
    const scale = TIMESPAN_UNITS.get(unitForm[2]!.toLowerCase());
    return scale === undefined ? undefined : Number(unitForm[1]) * scale;
  }
  if (/^\d+(?:\.\d+)?$/.test(trimmed) && !trimmed.includes(':')) return Number(trimmed) * MS_PER_DAY;
  const clock = CLOCK_TIMESPAN.exec(trimmed);
  if (!clock) return undefined;
  const [, minus, days = '0', hours, minutes, seconds = '0', fractionText = ''] = clock;
  const ms =
    Number(days) * MS_PER_DAY +
    Number(hours) * MS_PER_HOUR +
    Number(minutes) * MS_PER_MINUTE +
    Number(seconds) * MS_PER_SECOND +
    (fractionText === '' ? 0 : Number(`0.${fractionText}`) * MS_PER_SECOND);
  return minus === undefined ? ms : -ms;
}

import { MS_PER_DAY } from './kql/timeValues';

/** The time range of a query request; rows outside it are invisible to the query. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * The request's `timespan`: an ISO 8601 duration ending now ("PT1H", "P7D"), or an interval "start/end",
 * "start/duration" or "duration/end" — the forms the SDK sends. Returns undefined when it is none of these.
 */
export function parseTimespan(timespan: string, now: number): TimeRange | undefined {
  const parts = timespan.split('/');
  if (parts.length === 1) {
    const duration = parseDuration(timespan);
    return duration === undefined ? undefined : { start: now - duration, end: now };
  }
  if (parts.length !== 2) return undefined;
  const [first = '', second = ''] = parts;
  const startAt = parseInstant(first);
  const endAt = parseInstant(second);
  if (startAt !== undefined && endAt !== undefined)
    return startAt <= endAt ? { start: startAt, end: endAt } : undefined;
  if (startAt !== undefined) {
    const duration = parseDuration(second);
    return duration === undefined ? undefined : { start: startAt, end: startAt + duration };
  }
  const duration = parseDuration(first);
  return duration === undefined || endAt === undefined ? undefined : { start: endAt - duration, end: endAt };
}

function parseInstant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An ISO 8601 duration in milliseconds (years and months are not accepted: they have no fixed length). */
export function parseDuration(text: string): number | undefined {
  const match = ISO_DURATION.exec(text.trim());
  if (!match || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T'))
    return undefined;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) =>
    part === undefined ? 0 : Number(part),
  );
  return (
    (weeks ?? 0) * 7 * MS_PER_DAY +
    (days ?? 0) * MS_PER_DAY +
    (hours ?? 0) * 3_600_000 +
    (minutes ?? 0) * 60_000 +
    (seconds ?? 0) * 1_000
  );
}

/** The window a log query covers: `since`/`until`, or the last `last` (ISO 8601 duration) up to now. */
export interface LogTimeRange {
  start: Date;
  end: Date;
}

export const DEFAULT_LAST = 'PT1H';

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const MS = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1_000 };

/** Milliseconds of an ISO 8601 duration in days, hours, minutes, seconds (`P1D`, `PT1H30M`, `PT0.5S`); else undefined. */
export function durationMilliseconds(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return Math.round(
    Number(days ?? 0) * MS.day + Number(hours ?? 0) * MS.hour + Number(minutes ?? 0) * MS.minute + Number(seconds ?? 0) * MS.second,
  );
}

export function resolveTimeRange(input: { since?: Date; until?: Date; last?: string }, now: Date): LogTimeRange {
  const end = input.until ?? now;
  if (input.since) return { start: input.since, end };
  const last = durationMilliseconds(input.last ?? DEFAULT_LAST);
  if (last === undefined) throw new RangeError(`"${input.last}" is not an ISO 8601 duration such as PT1H.`);
  return { start: new Date(end.getTime() - last), end };
}

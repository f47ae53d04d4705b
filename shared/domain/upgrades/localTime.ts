/**
 * Instants as milliseconds since the epoch, and local wall-clock times at a fixed UTC offset
 * (`±HH:MM`, no daylight saving): UTC = local − offset.
 */

const msPerMinute = 60_000;
const minutesPerDay = 1440;
export const msPerHour = 3_600_000;

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 timestamp with a `Z` or `±HH:MM` designator → ms; undefined otherwise. */
export function parseInstant(text: string): number | undefined {
  if (!instantPattern.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `2026-12-06T02:00:00Z`: UTC, whole seconds, no milliseconds. */
export function formatInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const offsetPattern = /^([+-])(\d{2}):(\d{2})$/;
const maxOffsetMinutes = 14 * 60;

/** `+05:30` → 330 minutes; within ±14:00 and with minutes below 60, else undefined. */
export function parseUtcOffset(text: string): number | undefined {
  const match = offsetPattern.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[3]);
  const total = Number(match[2]) * 60 + minutes;
  if (minutes > 59 || total > maxOffsetMinutes) return undefined;
  return match[1] === '-' ? -total : total;
}

const clockPattern = /^(\d{2}):(\d{2})$/;

/** `HH:MM` from 00:00 to 23:59 → minutes after midnight. */
export function parseClockTime(text: string): number | undefined {
  const match = clockPattern.exec(text);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours > 23 || minutes > 59 ? undefined : hours * 60 + minutes;
}

/** The UTC instant of a local day and time at a fixed offset. */
export function utcInstantOf(localEpochDay: number, minutesOfDay: number, offsetMinutes: number): number {
  return (localEpochDay * minutesPerDay + minutesOfDay - offsetMinutes) * msPerMinute;
}

/** The local epoch day that the instant falls on at a fixed offset. */
export function localEpochDayOf(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * msPerMinute) / (minutesPerDay * msPerMinute));
}

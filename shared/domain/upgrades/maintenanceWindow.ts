import { formatInstant, localEpochDayOf, msPerHour, parseInstant, utcInstantOf } from './localTime';
import type { MaintenanceWindowSpec } from './maintenanceWindowSpec';
import { readMaintenanceWindow } from './maintenanceWindowSpec';
import { openingDays } from './recurrence';
import type {
  FieldError,
  Interval,
  InvalidMaintenanceWindow,
  MaintenanceWindowInput,
  MaintenanceWindowSchedule,
} from './types';

const defaultCount = 3;
/** Bounds the search when notAllowedDates suppress window after window (e.g. a block spanning years). */
const maxOccurrencesScanned = 5000;

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * When an AKS maintenance window is open (planned-maintenance.md): the window open at `now` (`current`),
 * the next `count` windows that start strictly after `now`, the starts that notAllowedDates suppress,
 * and the blocked ranges in UTC. A blocked range forbids starting work, so while one lasts no window is
 * open, even one that opened before it.
 */
export function maintenanceWindowOccurrences(
  input: MaintenanceWindowInput,
): MaintenanceWindowSchedule | InvalidMaintenanceWindow {
  const window = readMaintenanceWindow(input.maintenanceWindow);
  const now = parseInstant(input.now);
  const count = input.count ?? defaultCount;
  const errors: FieldError[] = [
    ...(Array.isArray(window) ? window : []),
    ...(now === undefined
      ? [{ path: 'now', message: 'must be an ISO-8601 timestamp with Z or ±HH:MM' }]
      : []),
    ...(Number.isInteger(count) && count >= 0
      ? []
      : [{ path: 'count', message: 'must be a whole number ≥ 0' }]),
  ];
  if (Array.isArray(window) || now === undefined || errors.length > 0)
    return { ok: false, errorKind: 'INVALID_MAINTENANCE_WINDOW', errors };
  return windowsAround(window, now, count);
}

export function windowsAround(
  window: MaintenanceWindowSpec,
  now: number,
  count: number,
): MaintenanceWindowSchedule {
  const blocked = blockedSpans(window);
  const isBlocked = (instant: number) => blocked.some((span) => span.start <= instant && instant < span.end);
  const next: Span[] = [];
  const suppressed: number[] = [];
  let current: Span | undefined;
  let scanned = 0;
  // A window lasts at most 24 h, so the one open at `now` opened no earlier than the day before.
  for (const day of openingDays(window, localEpochDayOf(now - 24 * msPerHour, window.offsetMinutes))) {
    const start = utcInstantOf(day, window.startMinutes, window.offsetMinutes);
    const span = { start, end: start + window.durationHours * msPerHour };
    if ((start > now && next.length >= count) || ++scanned > maxOccurrencesScanned) break;
    if (span.end <= now) continue;
    if (isBlocked(start)) suppressed.push(start);
    else if (start > now) next.push(span);
    else if (!isBlocked(now)) current = span;
  }
  return {
    ok: true,
    open: current !== undefined,
    ...(current ? { current: toInterval(current) } : {}),
    next: next.map(toInterval),
    skipped: suppressed.map(formatInstant),
    blockedIntervalsUtc: blocked.map(toInterval),
  };
}

/** notAllowedDates: `[start 00:00, end + 1 day 00:00)` local, in UTC, sorted by start. */
function blockedSpans(window: MaintenanceWindowSpec): Span[] {
  return window.blockedDays
    .map(({ firstDay, lastDay }) => ({
      start: utcInstantOf(firstDay, 0, window.offsetMinutes),
      end: utcInstantOf(lastDay + 1, 0, window.offsetMinutes),
    }))
    .sort((a, b) => a.start - b.start);
}

function toInterval(span: Span): Interval {
  return { start: formatInstant(span.start), end: formatInstant(span.end) };
}

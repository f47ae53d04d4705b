import { ValidationError } from '../errors';
import type { FieldIssue } from '../errors';
import type { WeekDay } from './calendar';
import { weekDays, weekdayIndex, weekdayOf } from './calendar';
import {
  formatInstant,
  localEpochDayOf,
  parseClockTime,
  parseInstant,
  parseUtcOffset,
  utcInstantOf,
} from './localTime';
import type { ScheduledStartInput } from './types';

/**
 * When a Fleet scheduled-start gate reached at `reachedAt` opens: the next `startDay startTime` at the
 * gate's fixed offset, at or after that moment (update-strategies-gates-scheduled-start.md: reached on
 * Monday, a Wednesday 02:00 gate waits until Wednesday; reached Wednesday 03:00, until the next one).
 * Throws a ValidationError naming each bad field.
 */
export function scheduledStartTime(input: ScheduledStartInput): string {
  const reached = parseInstant(input.reachedAt);
  const minutes = parseClockTime(input.startTime);
  const offset = parseUtcOffset(input.utcOffset);
  const day = weekDays.includes(input.startDay as WeekDay)
    ? weekdayIndex(input.startDay as WeekDay)
    : undefined;
  if (reached === undefined || minutes === undefined || offset === undefined || day === undefined)
    throw new ValidationError('Invalid scheduled start gate', [
      ...issue(day === undefined, 'startDay', `must be one of ${weekDays.join(', ')}`),
      ...issue(minutes === undefined, 'startTime', 'must be HH:MM, from 00:00 to 23:59'),
      ...issue(offset === undefined, 'utcOffset', 'must be ±HH:MM, from -14:00 to +14:00'),
      ...issue(reached === undefined, 'reachedAt', 'must be an ISO-8601 timestamp with Z or ±HH:MM'),
    ]);
  const reachedDay = localEpochDayOf(reached, offset);
  const candidateDay = reachedDay + ((day - weekdayOf(reachedDay) + 7) % 7);
  const candidate = utcInstantOf(candidateDay, minutes, offset);
  return formatInstant(candidate >= reached ? candidate : utcInstantOf(candidateDay + 7, minutes, offset));
}

function issue(failed: boolean, path: string, message: string): FieldIssue[] {
  return failed ? [{ path, code: 'invalid', message }] : [];
}

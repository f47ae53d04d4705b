import { CronExpressionParser } from 'cron-parser';
import {
  effectivePolicyOf,
  ncrontabShapeProblem,
  type EffectivePolicy,
  type Schedule,
  type SelectedPolicy,
} from '../../domain/autoscale/policy';
import type { FieldIssue } from '../../domain/errors';

const MINUTE_MS = 60_000;
/** Enough candidate days to find a weekday match within any window (a window lasts at most a week). */
const MAX_CANDIDATES = 10_000;

/** Why cron-parser refuses the expression in the zone (a value out of range, say), or undefined. */
export function cronProblem(cron: string, timeZone: string): string | undefined {
  const shape = ncrontabShapeProblem(cron);
  if (shape !== undefined) return shape;
  try {
    CronExpressionParser.parse(cron, { tz: timeZone });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Field issues for every schedule whose cron the library cannot read, named `schedules[i].cron`. */
export function scheduleCronIssues(schedules: readonly Schedule[]): FieldIssue[] {
  return schedules.flatMap((schedule, index) => {
    const problem = cronProblem(schedule.cron, schedule.timeZone);
    return problem === undefined ? [] : [{ path: `schedules[${index}].cron`, code: 'custom', message: `not a valid NCRONTAB expression: ${problem}` }];
  });
}

/**
 * The latest occurrence of the schedule at or before `now`, looking back no further than `notBefore`.
 * NCRONTAB fires only when the day of month AND the day of week match when both are restricted (cron-parser,
 * like Vixie cron, fires when either does), so then the day-of-month schedule is walked back and only
 * occurrences on a listed weekday (in the schedule's zone) are kept.
 */
function latestOccurrence(schedule: Schedule, now: Date, notBefore: Date): Date | undefined {
  const fields = schedule.cron.trim().split(/\s+/);
  const [second, minute, hour, day, month, weekday] = fields as [string, string, string, string, string, string];
  const bothDaysRestricted = day !== '*' && weekday !== '*';
  const expression = bothDaysRestricted ? `${second} ${minute} ${hour} ${day} ${month} *` : fields.join(' ');
  const weekdays = bothDaysRestricted ? weekdaySet(weekday) : undefined;
  // prev() is strictly before currentDate: one millisecond later makes an occurrence at `now` count.
  const occurrences = CronExpressionParser.parse(expression, { tz: schedule.timeZone, currentDate: new Date(now.getTime() + 1) });
  for (let i = 0; i < MAX_CANDIDATES; i++) {
    if (!occurrences.hasPrev()) return undefined;
    const candidate = occurrences.prev();
    if (candidate.getTime() < notBefore.getTime()) return undefined;
    if (weekdays === undefined || weekdays.has(candidate.getDay() % 7)) return candidate.toDate();
  }
  return undefined;
}

function weekdaySet(weekday: string): Set<number> {
  const days = CronExpressionParser.parse(`0 0 0 * * ${weekday}`, { tz: 'UTC' }).fields.dayOfWeek.values;
  return new Set(days.map((d) => Number(d) % 7));
}

export interface OpenWindow {
  schedule: Schedule;
  openedAt: Date;
  closesAt: Date;
}

/** The window of the schedule that contains `now`: opened at an occurrence, open for durationMinutes. */
export function openWindowOf(schedule: Schedule, now: Date): OpenWindow | undefined {
  const durationMs = schedule.durationMinutes * MINUTE_MS;
  const openedAt = latestOccurrence(schedule, now, new Date(now.getTime() - durationMs));
  if (openedAt === undefined) return undefined;
  const closesAt = new Date(openedAt.getTime() + durationMs);
  return now.getTime() < closesAt.getTime() ? { schedule, openedAt, closesAt } : undefined;
}

/** The windows open at `now`, in the policy's order of schedules. */
export function openWindowsAt(schedules: readonly Schedule[], now: Date): OpenWindow[] {
  return schedules.flatMap((schedule) => {
    const window = openWindowOf(schedule, now);
    return window === undefined ? [] : [window];
  });
}

/** The selected policy as it applies at `now`: min/max, scale-to-zero and stop windows folded in. */
export function effectivePolicyAt(selected: SelectedPolicy, now: Date): EffectivePolicy {
  return effectivePolicyOf(selected, openWindowsAt(selected.policy.schedules, now).map((window) => window.schedule));
}

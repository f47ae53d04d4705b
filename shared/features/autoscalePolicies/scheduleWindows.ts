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
/**
 * The forward walk starts this long before the window could have opened: started inside a DST transition,
 * cron-parser places that hour's occurrences differently (it skips a gap occurrence, or repeats an autumn
 * one), so the walk starts well before any transition that could matter (they shift clocks by at most 1 h).
 */
const WALK_LEAD_MS = 3 * 3_600_000;
/** The most occurrences walked for one window. */
const MAX_STEPS = 20_000;

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
 * The latest occurrence of the schedule in (`notBefore`, `now`], found walking forward (from a little before) as the
 * Functions host walks a timer: cron-parser's forward walk puts an occurrence in the spring-forward gap
 * just after it (02:30 → 03:30 CEST) and fires once in the repeated autumn hour (the first 02:30), while its
 * backward walk skips the first and repeats the second. NCRONTAB fires only when the day of month AND the
 * day of week match when both are restricted (cron-parser, like Vixie cron, fires when either does), so then
 * the day-of-month schedule is walked and only occurrences on a listed weekday (in the schedule's zone) kept.
 * A schedule so frequent that the walk would exceed MAX_STEPS is open anyway: its latest occurrence is at most
 * a window's length / MAX_STEPS back, so the backward walk's answer is taken.
 */
function latestOccurrence(schedule: Schedule, now: Date, notBefore: Date): Date | undefined {
  const fields = schedule.cron.trim().split(/\s+/);
  const [second, minute, hour, day, month, weekday] = fields as [string, string, string, string, string, string];
  const bothDaysRestricted = day !== '*' && weekday !== '*';
  const expression = bothDaysRestricted ? `${second} ${minute} ${hour} ${day} ${month} *` : fields.join(' ');
  const weekdays = bothDaysRestricted ? weekdaySet(weekday) : undefined;
  const matches = (candidate: { getDay(): number }) => weekdays === undefined || weekdays.has(candidate.getDay() % 7);
  const forward = CronExpressionParser.parse(expression, { tz: schedule.timeZone, currentDate: new Date(notBefore.getTime() - WALK_LEAD_MS) });
  let latest: Date | undefined;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (!forward.hasNext()) return latest;
    const candidate = forward.next();
    if (candidate.getTime() > now.getTime()) return latest;
    if (candidate.getTime() > notBefore.getTime() && matches(candidate)) latest = candidate.toDate();
  }
  const backward = CronExpressionParser.parse(expression, { tz: schedule.timeZone, currentDate: new Date(now.getTime() + 1) });
  for (let step = 0; step < MAX_STEPS && backward.hasPrev(); step++) {
    const candidate = backward.prev();
    if (matches(candidate)) return candidate.toDate();
  }
  return latest;
}

/**
 * The first occurrence strictly after `after` (walked forward from a little before, for the reason above),
 * or undefined when none comes within MAX_STEPS occurrences.
 */
export function nextOccurrenceAfter(schedule: Schedule, after: Date): Date | undefined {
  const fields = schedule.cron.trim().split(/\s+/);
  const [second, minute, hour, day, month, weekday] = fields as [string, string, string, string, string, string];
  const bothDaysRestricted = day !== '*' && weekday !== '*';
  const expression = bothDaysRestricted ? `${second} ${minute} ${hour} ${day} ${month} *` : fields.join(' ');
  const weekdays = bothDaysRestricted ? weekdaySet(weekday) : undefined;
  const forward = CronExpressionParser.parse(expression, { tz: schedule.timeZone, currentDate: new Date(after.getTime() - WALK_LEAD_MS) });
  for (let step = 0; step < MAX_STEPS && forward.hasNext(); step++) {
    const candidate = forward.next();
    if (candidate.getTime() > after.getTime() && (weekdays === undefined || weekdays.has(candidate.getDay() % 7))) return candidate.toDate();
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

/**
 * Remembers, for one `now`, when each distinct timing (cron, zone, duration) opened: parsing a cron in a
 * zone costs about a millisecond, and a fleet's pools mostly share a few schedules.
 */
export type WindowCache = Map<string, { openedAt: Date; closesAt: Date } | null>;

function cachedWindowOf(schedule: Schedule, now: Date, cache: WindowCache | undefined): OpenWindow | undefined {
  if (cache === undefined) return openWindowOf(schedule, now);
  const key = `${schedule.cron}|${schedule.timeZone}|${schedule.durationMinutes}`;
  if (!cache.has(key)) {
    const window = openWindowOf(schedule, now);
    cache.set(key, window === undefined ? null : { openedAt: window.openedAt, closesAt: window.closesAt });
  }
  const timing = cache.get(key);
  return timing ? { schedule, ...timing } : undefined;
}

/** The windows open at `now`, in the policy's order of schedules. A cache must only ever see one `now`. */
export function openWindowsAt(schedules: readonly Schedule[], now: Date, cache?: WindowCache): OpenWindow[] {
  return schedules.flatMap((schedule) => {
    const window = cachedWindowOf(schedule, now, cache);
    return window === undefined ? [] : [window];
  });
}

/** The selected policy as it applies at `now`: min/max, scale-to-zero and stop windows folded in. */
export function effectivePolicyAt(selected: SelectedPolicy, now: Date, cache?: WindowCache): EffectivePolicy {
  return effectivePolicyOf(selected, openWindowsAt(selected.policy.schedules, now, cache).map((window) => window.schedule));
}

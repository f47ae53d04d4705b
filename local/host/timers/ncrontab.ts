import { CronExpressionParser } from 'cron-parser';

export class NcrontabError extends Error {}

const FIELD = /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;
const NAMES = /[A-Za-z]+/g;
const KNOWN_NAMES = new Set([
  'SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT',
  'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC',
]);

export interface NcrontabSchedule {
  expression: string;
  /** The first occurrence strictly after `after`. */
  nextAfter(after: Date): Date;
}

/**
 * NCRONTAB as Azure Functions timers use it: exactly six fields
 * `{second} {minute} {hour} {day} {month} {day-of-week}`, UTC. cron-parser also accepts five fields and
 * Quartz extras (L, W, #, ?) that the Functions host rejects, so we validate first.
 */
export function parseNcrontab(expression: string): NcrontabSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new NcrontabError(
      `Invalid NCRONTAB schedule "${expression}": expected 6 fields {second} {minute} {hour} {day} {month} {day-of-week}, got ${fields.length}.`,
    );
  }
  for (const field of fields) {
    const names = field.match(NAMES) ?? [];
    if (!FIELD.test(field) || names.some((name) => !KNOWN_NAMES.has(name.toUpperCase()))) {
      throw new NcrontabError(`Invalid NCRONTAB schedule "${expression}": field "${field}" is not valid.`);
    }
  }
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
  } catch (error) {
    throw new NcrontabError(`Invalid NCRONTAB schedule "${expression}": ${(error as Error).message}`);
  }
  return { expression, nextAfter: nextOccurrenceFinder(fields) };
}

/**
 * NCrontab fires only when the day of month AND the day of week match (cron-parser, like Vixie cron, fires
 * when either does). When both are restricted, walk the day-of-month schedule and keep the matching weekdays.
 */
function nextOccurrenceFinder(fields: string[]): (after: Date) => Date {
  const [second, minute, hour, day, month, weekday] = fields as [string, string, string, string, string, string];
  const expression = fields.join(' ');
  if (day === '*' || weekday === '*') {
    return (after) => CronExpressionParser.parse(expression, { currentDate: after, tz: 'UTC' }).next().toDate();
  }
  const weekdays = new Set(
    CronExpressionParser.parse(`0 0 0 * * ${weekday}`, { tz: 'UTC' }).fields.dayOfWeek.values.map((d) => Number(d) % 7),
  );
  const byDay = `${second} ${minute} ${hour} ${day} ${month} *`;
  return (after) => {
    const candidates = CronExpressionParser.parse(byDay, { currentDate: after, tz: 'UTC' });
    for (let i = 0; i < MAX_CANDIDATES; i++) {
      const candidate = candidates.next().toDate();
      if (weekdays.has(candidate.getUTCDay())) return candidate;
    }
    throw new NcrontabError(`Schedule "${expression}" has no occurrence in the next ${MAX_CANDIDATES} candidate times.`);
  };
}

const MAX_CANDIDATES = 100_000;

import { z } from 'zod';
import { isRecord } from './armShapes';
import type { WeekDay } from './calendar';
import { parseIsoDate, weekDays } from './calendar';
import { parseClockTime, parseUtcOffset } from './localTime';
import type { FieldError } from './types';

export const weekIndexes = ['First', 'Second', 'Third', 'Fourth', 'Last'] as const;
export type WeekIndex = (typeof weekIndexes)[number];

export type RecurrenceSchedule =
  | { readonly kind: 'daily'; readonly intervalDays: number }
  | { readonly kind: 'weekly'; readonly intervalWeeks: number; readonly dayOfWeek: WeekDay }
  | { readonly kind: 'absoluteMonthly'; readonly intervalMonths: number; readonly dayOfMonth: number }
  | {
      readonly kind: 'relativeMonthly';
      readonly intervalMonths: number;
      readonly weekIndex: WeekIndex;
      readonly dayOfWeek: WeekDay;
    };

/** A maintenance window, validated, with its local times resolved against its fixed offset. */
export interface MaintenanceWindowSpec {
  readonly schedule: RecurrenceSchedule;
  readonly durationHours: number;
  readonly offsetMinutes: number;
  /** Local start, minutes after midnight. */
  readonly startMinutes: number;
  /** Local epoch day before which no window opens. */
  readonly startDay?: number;
  /** notAllowedDates as local epoch days, both ends inclusive. */
  readonly blockedDays: ReadonlyArray<{ readonly firstDay: number; readonly lastDay: number }>;
}

const requiredOr = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message),
});

const integerFrom = (min: number, max: number) => {
  const message = `must be an integer from ${min} to ${max}`;
  return z.number(requiredOr(message)).int(message).min(min, message).max(max, message);
};

const dayOfWeek = z.enum(weekDays, requiredOr(`must be one of ${weekDays.join(', ')}`));
const isoDate = z
  .string(requiredOr('must be a date (YYYY-MM-DD)'))
  .refine((text) => parseIsoDate(text) !== undefined, 'must be a date (YYYY-MM-DD)');

const scheduleSchema = z
  .object(
    {
      daily: z.object({ intervalDays: integerFrom(1, 7) }).nullish(),
      weekly: z.object({ intervalWeeks: integerFrom(1, 4), dayOfWeek }).nullish(),
      absoluteMonthly: z
        .object({ intervalMonths: integerFrom(1, 6), dayOfMonth: integerFrom(1, 31) })
        .nullish(),
      relativeMonthly: z
        .object({
          intervalMonths: integerFrom(1, 6),
          weekIndex: z.enum(weekIndexes, requiredOr(`must be one of ${weekIndexes.join(', ')}`)),
          dayOfWeek,
        })
        .nullish(),
    },
    requiredOr('must be an object'),
  )
  .refine(
    (schedule) => Object.values(schedule).filter((kind) => kind !== null && kind !== undefined).length === 1,
    'must set exactly one of daily, weekly, absoluteMonthly, relativeMonthly',
  );

const dateSpan = z
  .object({ start: isoDate, end: isoDate })
  .refine((span) => span.start <= span.end, { message: 'must not be before start', path: ['end'] });

/** Bounds from the AKS MaintenanceWindow schema (planned-maintenance.md; SDK field docs). */
const maintenanceWindowSchema = z.object(
  {
    schedule: scheduleSchema,
    durationHours: integerFrom(4, 24),
    utcOffset: z
      .string()
      .refine((text) => parseUtcOffset(text) !== undefined, 'must be ±HH:MM, from -14:00 to +14:00')
      .nullish(),
    startTime: z
      .string(requiredOr('must be HH:MM, from 00:00 to 23:59'))
      .refine((text) => parseClockTime(text) !== undefined, 'must be HH:MM, from 00:00 to 23:59'),
    startDate: isoDate.nullish(),
    notAllowedDates: z.array(dateSpan, requiredOr('must be an array of {start, end} dates')).nullish(),
  },
  requiredOr('must be an object'),
);

/** Reads an AKS `MaintenanceWindow` (or a maintenance configuration around one); every bad field is reported. */
export function readMaintenanceWindow(body: unknown): MaintenanceWindowSpec | FieldError[] {
  const parsed = maintenanceWindowSchema.safeParse(unwrap(body));
  if (!parsed.success)
    return parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const window = parsed.data;
  return {
    schedule: recurrenceOf(window.schedule),
    durationHours: window.durationHours,
    offsetMinutes: parseUtcOffset(window.utcOffset ?? '+00:00') ?? 0,
    startMinutes: parseClockTime(window.startTime) ?? 0,
    ...(window.startDate ? { startDay: parseIsoDate(window.startDate) } : {}),
    blockedDays: (window.notAllowedDates ?? []).map((span) => ({
      firstDay: parseIsoDate(span.start) ?? 0,
      lastDay: parseIsoDate(span.end) ?? 0,
    })),
  };
}

function recurrenceOf(schedule: z.infer<typeof scheduleSchema>): RecurrenceSchedule {
  if (schedule.daily) return { kind: 'daily', ...schedule.daily };
  if (schedule.weekly) return { kind: 'weekly', ...schedule.weekly };
  if (schedule.absoluteMonthly) return { kind: 'absoluteMonthly', ...schedule.absoluteMonthly };
  return { kind: 'relativeMonthly', ...schedule.relativeMonthly! };
}

/** `{ properties: { maintenanceWindow } }` and `{ maintenanceWindow }` are unwrapped to the window itself. */
function unwrap(body: unknown): unknown {
  if (isRecord(body) && isRecord(body.properties) && 'maintenanceWindow' in body.properties)
    return body.properties.maintenanceWindow;
  if (isRecord(body) && 'maintenanceWindow' in body && !('schedule' in body)) return body.maintenanceWindow;
  return body;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

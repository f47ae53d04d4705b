import type { Schedule } from '../../domain/autoscale/policy';
import { nextOccurrenceAfter, openWindowOf, type OpenWindow } from './scheduleWindows';

interface KnownState {
  window: OpenWindow | undefined;
  /** From when the state was computed… */
  fromMs: number;
  /** …until when it holds: the window's end or the next occurrence, whichever is first. */
  untilMs: number;
}

/**
 * The open windows of a fixed list of schedules, asked for minute after minute (a what-if replay): a
 * schedule's state only changes at an occurrence or at its window's end, so it is recomputed (one cron walk)
 * only then instead of at every minute.
 */
export class ScheduleTimeline {
  private readonly states = new Map<Schedule, KnownState>();

  constructor(private readonly schedules: readonly Schedule[]) {}

  openWindowsAt(now: Date): OpenWindow[] {
    return this.schedules.flatMap((schedule) => {
      const window = this.stateAt(schedule, now).window;
      return window === undefined ? [] : [window];
    });
  }

  private stateAt(schedule: Schedule, now: Date): KnownState {
    const nowMs = now.getTime();
    const known = this.states.get(schedule);
    if (known !== undefined && nowMs >= known.fromMs && nowMs < known.untilMs) return known;
    const window = openWindowOf(schedule, now);
    const next = nextOccurrenceAfter(schedule, now)?.getTime() ?? Number.POSITIVE_INFINITY;
    const state = { window, fromMs: nowMs, untilMs: Math.min(window?.closesAt.getTime() ?? Number.POSITIVE_INFINITY, next) };
    this.states.set(schedule, state);
    return state;
  }
}

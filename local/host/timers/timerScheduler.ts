import { randomUUID } from 'node:crypto';
import { InvocationContext, type Timer } from '@azure/functions';
import type { FunctionCallback, Registration } from '../functionsCoreShim';
import { createLogHandler, hostLog, type LogSink } from '../invocationLog';
import { parseNcrontab, type NcrontabSchedule } from './ncrontab';
import type { ClaimResult, OccurrenceClaims } from './occurrenceClaims';

const MAX_TIMEOUT_MS = 2_147_483_647;

export interface TimerFunction {
  name: string;
  schedule: NcrontabSchedule;
  runOnStartup: boolean;
  useMonitor: boolean;
  handler: FunctionCallback;
}

export interface TimerSchedulerOptions {
  claims: OccurrenceClaims;
  now?: () => Date;
  logSink?: LogSink;
  /** A tick that fires this much after its occurrence counts as past due. */
  pastDueToleranceMs?: number;
}

export function timerFunctionsOf(registrations: Registration[]): TimerFunction[] {
  return registrations.flatMap(({ metadata, handler }) => {
    const trigger = Object.values(metadata.bindings).find((b) => b.type === 'timerTrigger');
    if (!trigger) return [];
    if (typeof trigger.schedule !== 'string') {
      throw new Error(`Timer function "${metadata.name}" has no schedule.`);
    }
    return [
      {
        name: metadata.name,
        schedule: parseNcrontab(trigger.schedule),
        runOnStartup: trigger.runOnStartup === true,
        useMonitor: trigger.useMonitor !== false,
        handler,
      },
    ];
  });
}

/** Fires each timer on its schedule; every occurrence runs on exactly one host sharing the storage. */
export class TimerScheduler {
  private readonly handles = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private readonly now: () => Date;
  private readonly tolerance: number;

  constructor(
    private readonly timers: TimerFunction[],
    private readonly options: TimerSchedulerOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.tolerance = options.pastDueToleranceMs ?? 1_000;
  }

  async start(): Promise<void> {
    for (const timer of this.timers) {
      await this.startOne(timer);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.handles.forEach((handle) => clearTimeout(handle));
    this.handles.clear();
    await Promise.allSettled([...this.running]);
  }

  private async startOne(timer: TimerFunction): Promise<void> {
    const now = this.now();
    const status = timer.useMonitor ? await this.options.claims.readStatus(timer.name) : undefined;
    const missed = status && status.next && Date.parse(status.next) < now.getTime() - this.tolerance;
    if (missed) {
      this.track(this.fire(timer, new Date(status.next), { isPastDue: true, claim: true }));
    } else if (timer.runOnStartup) {
      this.track(this.fire(timer, now, { isPastDue: false, claim: false }));
    }
    this.scheduleNext(timer, now);
  }

  private scheduleNext(timer: TimerFunction, after: Date): void {
    if (this.stopped) return;
    const occurrence = timer.schedule.nextAfter(after);
    const fireAtOccurrence = () => {
      const delay = occurrence.getTime() - this.now().getTime();
      // setTimeout fires at once for delays beyond 2^31-1 ms, so far occurrences are reached in steps.
      if (delay > MAX_TIMEOUT_MS) {
        this.handles.set(timer.name, setTimeout(fireAtOccurrence, MAX_TIMEOUT_MS));
        return;
      }
      this.handles.set(
        timer.name,
        setTimeout(() => {
          const run = this.fire(timer, occurrence, { isPastDue: this.isLate(occurrence), claim: true }).finally(() =>
            this.scheduleNext(timer, maxDate(occurrence, this.now())),
          );
          this.track(run);
        }, Math.max(0, delay)),
      );
    };
    fireAtOccurrence();
  }

  private isLate(occurrence: Date): boolean {
    return this.now().getTime() - occurrence.getTime() > this.tolerance;
  }

  private async fire(
    timer: TimerFunction,
    occurrence: Date,
    how: { isPastDue: boolean; claim: boolean },
  ): Promise<void> {
    const next = timer.schedule.nextAfter(occurrence);
    let claim: ClaimResult | undefined;
    try {
      if (how.claim) {
        claim = await this.options.claims.claim(timer.name, occurrence, next, this.now());
        if (!claim.claimed) return;
      }
    } catch (error) {
      hostLog(`Timer "${timer.name}" could not claim its occurrence: ${String(error)}`, {}, this.options.logSink);
      return;
    }
    try {
      await this.invoke(timer, {
        isPastDue: how.isPastDue,
        schedule: { adjustForDST: false },
        scheduleStatus: {
          last: (claim?.claimed && claim.previous?.last) || '0001-01-01T00:00:00.000Z',
          next: next.toISOString(),
          lastUpdated: this.now().toISOString(),
        },
      });
    } finally {
      if (claim?.claimed) await claim.release();
    }
  }

  private async invoke(timer: TimerFunction, payload: Timer): Promise<void> {
    const invocationId = randomUUID();
    const context = new InvocationContext({
      invocationId,
      functionName: timer.name,
      logHandler: createLogHandler({ functionName: timer.name, invocationId }, this.options.logSink),
      options: { trigger: { type: 'timerTrigger', name: 'timer' }, extraInputs: [], extraOutputs: [] },
    });
    try {
      await timer.handler(payload, context);
    } catch (error) {
      context.error(`Timer function "${timer.name}" failed: ${String(error)}`);
    }
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

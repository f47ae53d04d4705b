import type { FleetEventDraft } from '../../events';
import { MAX_EVENT_MESSAGE, MAX_RUN_EVENTS, type RunEventState, type RunState } from './runState';

/**
 * Where a decision's events go: the run's bounded event log (in the same write as the change) and the Fleetplane
 * events (webhooks) with a dedupeKey built from the fact itself, so that an advance repeated after a crash emits
 * the same event, which the outbox keeps once.
 */
export class RunJournal {
  readonly announcements: FleetEventDraft[] = [];
  readonly recorded: RunEventState[] = [];

  constructor(
    private readonly run: RunState,
    private readonly now: string,
  ) {}

  record(event: Omit<RunEventState, 'at'>): void {
    const stamped = { ...event, message: event.message.slice(0, MAX_EVENT_MESSAGE), at: this.now };
    this.recorded.push(stamped);
    const events = [...this.run.events, stamped];
    const overflow = Math.max(0, events.length - MAX_RUN_EVENTS);
    this.run.events = events.slice(overflow);
    this.run.eventsDropped += overflow;
  }

  announce(type: FleetEventDraft['type'], fact: string, data: Record<string, unknown>): void {
    this.announcements.push({
      type,
      subject: `/updateRuns/${this.run.id}`,
      data: { runId: this.run.id, ...data },
      dedupeKey: `updateRun:${this.run.id}:${fact}`.slice(0, 512),
    });
  }
}

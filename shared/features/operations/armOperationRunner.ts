import { randomUUID } from 'node:crypto';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { armContainerServiceSdk } from '../../platform/azure/lazySdk';
import type { OperationState, PollerLike } from '@azure/core-lro';
import { translateArmError } from '../../platform/arm/armErrors';
import type { ArmClients } from '../../platform/arm/armClients';
import { PreconditionFailedError } from '../../domain/errors';
import { parseRetryAfter, statusCodeOf } from '../../platform/azure/restErrors';
import { isTerminal, type OperationRecord, type OperationStatus } from './operationRecord';
import type { OperationStore } from './operationStore';

const UNSUBMITTED_GRACE_MS = 5 * 60_000;
/** Polling pace when ARM gives no Retry-After, and the bounds on the one it gives. */
const DEFAULT_POLL_SECONDS = 10;
const MIN_POLL_SECONDS = 2;
const MAX_POLL_SECONDS = 60;
/** A running operation untouched for this long has lost its queue message (no check is ever that far apart). */
const STALE_AFTER_MS = 3 * MAX_POLL_SECONDS * 1000;

export type ArmPoller = PollerLike<OperationState<unknown>, unknown>;

/** Sees ARM's raw answers to a request (core-client's `onResponse`), so the runner can read Retry-After. */
export type ArmResponseObserver = (response: { headers: { get(name: string): string | undefined } }) => void;

/** Asks for the operation to be checked again after a delay (a delayed Storage queue message). */
export interface OperationScheduler {
  schedule(operationId: string, delaySeconds: number): Promise<void>;
}

export interface StartOperation {
  kind: string;
  target: string;
  subscriptionId: string;
  createdBy?: string;
  correlationId: string;
  /** Called once the record exists and before ARM is called (an Idempotency-Key remembers the operation). */
  onRecorded?: (operationId: string) => Promise<void>;
  /** Sends the ARM request (passing `onResponse` on to the SDK); resolves once ARM accepted it (200/201/202). */
  submit: (client: ContainerServiceClient, onResponse: ArmResponseObserver) => ArmPoller;
}

/** What one check of an operation found; `finishedNow` is true for exactly one check: the one that recorded the end. */
export interface OperationCheck {
  record: OperationRecord;
  finishedNow: boolean;
}

/**
 * Runs ARM long-running operations durably: the record exists before ARM is called, the SDK's serialised
 * poller is stored once ARM accepts, and any host can later resume polling from that state — so a restart
 * adopts the operation in flight instead of issuing it again. Each running operation has a delayed queue
 * message that checks it again after ARM's Retry-After; `repair` re-schedules those whose message was lost.
 */
export class ArmOperationRunner {
  constructor(
    private readonly store: OperationStore,
    private readonly arm: ArmClients,
    private readonly scheduler: OperationScheduler | undefined = undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(input: StartOperation): Promise<OperationRecord> {
    const created = this.now().toISOString();
    const accepted: OperationRecord = {
      id: randomUUID(),
      kind: input.kind,
      target: input.target,
      status: 'Accepted',
      createdAt: created,
      updatedAt: created,
      correlationId: input.correlationId,
      ...(input.createdBy ? { createdBy: input.createdBy } : {}),
    };
    const stored = await this.store.create(accepted);
    await input.onRecorded?.(accepted.id);
    let retryAfter: string | undefined;
    const poller = input.submit(this.arm.containerService(input.subscriptionId), (response) => {
      retryAfter ??= response.headers.get('retry-after');
    });
    try {
      await poller.submitted();
    } catch (error) {
      await this.store.replace(this.finish(accepted, 'Failed', armFailure(error)), stored.etag);
      throw translateArmError(error);
    }
    const running: OperationRecord = {
      ...accepted,
      status: 'InProgress',
      armPollerState: await poller.serialize(),
      pollAfterSeconds: pollAfterSecondsOf(retryAfter),
    };
    const next = poller.isDone ? this.finish(running, statusOf(poller), failureOf(poller)) : running;
    const recorded = await this.recordSubmission({ ...next, updatedAt: this.now().toISOString() }, stored.etag);
    if (!isTerminal(recorded.status)) await this.scheduleCheck(recorded).catch(() => undefined); // repair() covers a lost send
    return recorded;
  }

  /** Handles an operation's queue message: checks ARM once, and schedules the next check until it ends. */
  async advance(id: string): Promise<OperationCheck | undefined> {
    const stored = await this.store.get(id);
    if (!stored) return undefined;
    if (!stored.value.armPollerState && !isTerminal(stored.value.status)) {
      await this.expireUnsubmitted(id);
      const after = (await this.store.get(id))?.value ?? stored.value;
      return { record: after, finishedNow: isTerminal(after.status) };
    }
    const check = await this.check(id);
    if (check && !isTerminal(check.record.status)) await this.scheduleCheck(check.record);
    return check;
  }

  /**
   * The safety net behind the queue (a timer, every few minutes): closes submissions cut off before ARM answered,
   * and re-schedules running operations whose message was lost. Returns how many were still running.
   */
  async repair(): Promise<{ active: number; rescheduled: number }> {
    const active = await this.store.active();
    let rescheduled = 0;
    for (const { value } of active) {
      if (!value.armPollerState) await this.expireUnsubmitted(value.id);
      else if (this.now().getTime() - Date.parse(value.updatedAt) > STALE_AFTER_MS) {
        await this.scheduleCheck(value, 0);
        rescheduled += 1;
      }
    }
    return { active: active.length, rescheduled };
  }

  private async scheduleCheck(record: OperationRecord, delaySeconds = record.pollAfterSeconds ?? DEFAULT_POLL_SECONDS): Promise<void> {
    await this.scheduler?.schedule(record.id, delaySeconds);
  }

  /** ARM has accepted: losing this write would orphan the operation, so transient storage faults are retried. */
  private async recordSubmission(record: OperationRecord, etag: string, attempts = 3): Promise<OperationRecord> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.store.replace(record, etag)).value;
      } catch (error) {
        if (error instanceof PreconditionFailedError || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /** Polls ARM once for an unfinished operation and records what it learned. */
  async refresh(id: string): Promise<OperationRecord | undefined> {
    return (await this.check(id))?.record;
  }

  private async check(id: string): Promise<OperationCheck | undefined> {
    const stored = await this.store.get(id);
    if (!stored) return undefined;
    const record = stored.value;
    if (isTerminal(record.status) || !record.armPollerState) return { record, finishedNow: false };
    const client = this.arm.containerService(subscriptionOf(record.target));
    const poller = armContainerServiceSdk().restorePoller(client, record.armPollerState, client.managedClusters.createOrUpdate) as ArmPoller;
    let next: OperationRecord;
    try {
      await poller.poll();
      const state = await poller.serialize();
      next = poller.isDone
        ? this.finish({ ...record, armPollerState: state }, statusOf(poller), failureOf(poller))
        : { ...record, armPollerState: state, updatedAt: this.now().toISOString() };
    } catch (error) {
      // core-lro throws for canceled operations and for failures without an error body; the poller still knows.
      if (poller.isDone) next = this.finish(record, statusOf(poller), failureOf(poller) ?? armFailure(error));
      else if (isRetryable(error, translateArmError(error))) return { record, finishedNow: false };
      else next = this.finish(record, 'Failed', armFailure(error));
    }
    try {
      const written = (await this.store.replace(next, stored.etag)).value;
      return { record: written, finishedNow: isTerminal(written.status) };
    } catch (error) {
      // Another check recorded this poll first: its answer stands, and it is the one that reports the end.
      if (error instanceof PreconditionFailedError) {
        const current = (await this.store.get(id))?.value;
        return current ? { record: current, finishedNow: false } : undefined;
      }
      throw error;
    }
  }

  /**
   * A record without poller state means the host stopped between recording the intent and hearing ARM's
   * answer. We cannot know whether ARM received it, and issuing it again could duplicate it, so after a grace
   * period the record is closed with an explanation instead.
   */
  private async expireUnsubmitted(id: string): Promise<void> {
    const stored = await this.store.get(id);
    if (!stored || stored.value.armPollerState || isTerminal(stored.value.status)) return;
    const age = this.now().getTime() - Date.parse(stored.value.updatedAt);
    if (age < UNSUBMITTED_GRACE_MS) return;
    const failed = this.finish(stored.value, 'Failed', {
      code: 'SubmissionInterrupted',
      message:
        'The service stopped before Azure confirmed the request. Check the resource; repeat the request if the change is not there.',
    });
    await this.store.replace(failed, stored.etag).catch((error: unknown) => {
      if (!(error instanceof PreconditionFailedError)) throw error;
    });
  }

  private finish(
    record: OperationRecord,
    status: OperationStatus,
    error: OperationRecord['error'] | undefined,
  ): OperationRecord {
    const time = this.now().toISOString();
    const { armPollerState: _done, ...rest } = record;
    return { ...rest, status, updatedAt: time, completedAt: time, ...(error && status !== 'Succeeded' ? { error } : {}) };
  }
}

function statusOf(poller: ArmPoller): OperationStatus {
  switch (poller.operationState?.status) {
    case 'succeeded':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'canceled':
      return 'Canceled';
    default:
      return 'InProgress';
  }
}

function failureOf(poller: ArmPoller): OperationRecord['error'] | undefined {
  const error = poller.operationState?.error;
  return error ? armFailure(error) : undefined;
}

const LRO_FAILURE = /long-running operation has failed\.\s*([^.]+)\.\s*([\s\S]*)$/;

/** ARM's code and message from a RestError, or from core-lro's "The long-running operation has failed. <code>. <message>". */
export function armFailure(error: unknown): { code: string; message: string } {
  const restError = error as { code?: unknown; details?: { error?: { code?: unknown; message?: unknown } }; message?: unknown };
  const detail = restError.details?.error;
  if (typeof detail?.code === 'string') {
    return { code: detail.code, message: typeof detail.message === 'string' ? detail.message : '' };
  }
  const message = typeof restError.message === 'string' ? restError.message : String(error);
  const lro = LRO_FAILURE.exec(message);
  if (lro) return { code: lro[1]!.trim(), message: lro[2]!.trim() };
  return { code: typeof restError.code === 'string' ? restError.code : 'ArmOperationFailed', message };
}

/** Throttling, server faults and network failures (no HTTP status at all) leave the operation running. */
function isRetryable(original: unknown, translated: unknown): boolean {
  if ((translated as { kind?: string }).kind === 'dependencyUnavailable') return true;
  const isLroFailure = original instanceof Error && LRO_FAILURE.test(original.message);
  return statusCodeOf(original) === undefined && !isLroFailure;
}

export function subscriptionOf(armId: string): string {
  const match = /^\/subscriptions\/([^/]+)/i.exec(armId);
  if (!match) throw new Error(`Not an ARM id: ${armId}`);
  return match[1]!;
}

/** ARM's Retry-After as the pause between checks, bounded. */
function pollAfterSecondsOf(retryAfter: string | undefined): number {
  const seconds = parseRetryAfter(retryAfter) ?? DEFAULT_POLL_SECONDS;
  return Math.min(MAX_POLL_SECONDS, Math.max(MIN_POLL_SECONDS, seconds));
}

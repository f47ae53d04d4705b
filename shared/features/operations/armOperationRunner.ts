import { randomUUID } from 'node:crypto';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { armContainerServiceSdk } from '../../platform/azure/lazySdk';
import type { OperationState, PollerLike } from '@azure/core-lro';
import { mayHaveReachedArm, translateArmError } from '../../platform/arm/armErrors';
import type { ArmClients } from '../../platform/arm/armClients';
import { readArmTarget } from '../../platform/arm/armTargets';
import { PreconditionFailedError } from '../../domain/errors';
import { parseRetryAfter, statusCodeOf } from '../../platform/azure/restErrors';
import { outcomeInAzure, type ExpectedOutcome } from './expectedOutcome';
import { isTerminal, type OperationRecord, type OperationStatus } from './operationRecord';
import type { OperationStore } from './operationStore';

/** How long a submission whose answer was lost may take to show in Azure before it is closed as not applied. */
const DEFAULT_SUBMISSION_GRACE_MS = 5 * 60_000;
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
  /** The record's id when the caller chose it before (it recorded it first): a second start under it is refused (ConflictError). */
  id?: string;
  kind: string;
  target: string;
  subscriptionId: string;
  createdBy?: string;
  correlationId: string;
  /** Called once the record exists and before ARM is called (an Idempotency-Key remembers the operation). */
  onRecorded?: (operationId: string) => Promise<void>;
  /** Sends the ARM request (passing `onResponse` on to the SDK); resolves once ARM accepted it (200/201/202). */
  submit: (client: ContainerServiceClient, onResponse: ArmResponseObserver) => ArmPoller;
  /** How the target looks once ARM has taken the change; without it a lost answer can only be closed as unknown. */
  expectedOutcome?: ExpectedOutcome;
}

export interface OperationRunnerOptions {
  /** FLEETPLANE_SUBMISSION_GRACE_MS: longer than any ARM deadline, so that no submission still in flight is closed. */
  submissionGraceMs?: number;
  /**
   * Told each operation's end once, by whichever check finds it first (the queue's, a GET's, the repair's); the
   * record then remembers it was told. An error leaves the end to be told by the next check that finds it.
   */
  onFinished?: (record: OperationRecord) => Promise<void>;
}

/** What one check of an operation found; `finishedNow` is true for exactly one check: the one that recorded the end. */
export interface OperationCheck {
  record: OperationRecord;
  finishedNow: boolean;
}

/**
 * Runs ARM long-running operations durably: the record (with the outcome the change should have) exists
 * before ARM is called, the SDK's serialised poller is stored once ARM accepts, and any host can later resume
 * polling from that state — so a restart adopts the operation in flight instead of issuing it again. When
 * ARM's answer is lost (host killed, deadline), the change is never sent again: checks look for it in Azure
 * and adopt it, or close it as not applied after a grace period. Each running operation has a delayed queue
 * message that checks it again after ARM's Retry-After; `repair` re-schedules those whose message was lost.
 */
export class ArmOperationRunner {
  private readonly submissionGraceMs: number;

  private readonly onFinished: ((record: OperationRecord) => Promise<void>) | undefined;

  constructor(
    private readonly store: OperationStore,
    private readonly arm: ArmClients,
    private readonly scheduler: OperationScheduler | undefined = undefined,
    private readonly now: () => Date = () => new Date(),
    options: OperationRunnerOptions = {},
  ) {
    this.submissionGraceMs = options.submissionGraceMs ?? DEFAULT_SUBMISSION_GRACE_MS;
    this.onFinished = options.onFinished;
  }

  async start(input: StartOperation): Promise<OperationRecord> {
    const created = this.now().toISOString();
    const accepted: OperationRecord = {
      id: input.id ?? randomUUID(),
      kind: input.kind,
      target: input.target,
      status: 'Accepted',
      createdAt: created,
      updatedAt: created,
      correlationId: input.correlationId,
      ...(input.createdBy ? { createdBy: input.createdBy } : {}),
      ...(input.expectedOutcome ? { expectedOutcome: input.expectedOutcome } : {}),
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
      if (mayHaveReachedArm(error)) return this.awaitConfirmation(accepted);
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
    let recorded: OperationRecord;
    try {
      recorded = await this.recordSubmission({ ...next, updatedAt: this.now().toISOString() }, stored.etag);
    } catch (error) {
      // A check found the change in Azure before this answer was written: it follows the operation already.
      const current = error instanceof PreconditionFailedError ? (await this.store.get(accepted.id))?.value : undefined;
      if (!current) throw error;
      return current;
    }
    // An operation ARM finished at once still gets one check: the queue trigger tells its end.
    await this.scheduleCheck(recorded, isTerminal(recorded.status) ? 0 : undefined).catch(() => undefined); // repair() covers a lost send
    return recorded;
  }

  /**
   * ARM's answer was lost (deadline, timeout, reset): it may or may not have taken the change. It is not sent
   * again; the record stays Accepted and the checks look for the change in Azure.
   */
  private async awaitConfirmation(record: OperationRecord): Promise<OperationRecord> {
    await this.scheduleCheck(record).catch(() => undefined); // repair() covers a lost send
    return record;
  }

  /** Handles an operation's queue message: checks ARM once, and schedules the next check until it ends (then tells it). */
  async advance(id: string): Promise<OperationCheck | undefined> {
    const check = await this.check(id);
    if (!check) return undefined;
    if (!isTerminal(check.record.status)) await this.scheduleCheck(check.record);
    else await this.announceEnd(check.record);
    return check;
  }

  /**
   * Tells an ended operation's end unless it was told already, then records that it was. A telling that fails
   * is not recorded, so the next check (the message's retry, the repair) tells it again.
   */
  private async announceEnd(record: OperationRecord): Promise<void> {
    if (!this.onFinished || record.endAnnouncedAt) return;
    await this.onFinished(record);
    const stored = await this.store.get(record.id);
    if (!stored || stored.value.endAnnouncedAt) return;
    await this.store.replace({ ...stored.value, endAnnouncedAt: this.now().toISOString() }, stored.etag).catch((error: unknown) => {
      if (!(error instanceof PreconditionFailedError)) throw error; // another check marked it first
    });
  }

  /**
   * The safety net behind the queue (a timer, every few minutes): looks in Azure for submissions whose answer
   * was lost, and re-schedules running operations whose message was lost. Returns how many were still running.
   */
  async repair(): Promise<{ active: number; rescheduled: number }> {
    const active = await this.store.active();
    let rescheduled = 0;
    for (const { value } of active) {
      const check = value.armPollerState ? undefined : await this.check(value.id);
      if (check?.finishedNow) await this.announceEnd(check.record);
      const record = check?.record ?? value;
      if (!isTerminal(record.status) && this.now().getTime() - Date.parse(value.updatedAt) > STALE_AFTER_MS) {
        await this.scheduleCheck(record, 0);
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

  /** Polls ARM once for an unfinished operation and records what it learned (telling the end if this found it). */
  async refresh(id: string): Promise<OperationRecord | undefined> {
    const check = await this.check(id);
    if (check?.finishedNow) await this.announceEnd(check.record);
    return check?.record;
  }

  private async check(id: string): Promise<OperationCheck | undefined> {
    const stored = await this.store.get(id);
    if (!stored) return undefined;
    const record = stored.value;
    if (isTerminal(record.status)) return { record, finishedNow: false };
    const next = record.armPollerState ? await this.pollArm(record, record.armPollerState) : await this.lookForSubmission(record);
    if (!next) return { record, finishedNow: false };
    let written: OperationRecord;
    try {
      written = (await this.store.replace(next, stored.etag)).value;
    } catch (error) {
      // Another check recorded this poll first: its answer stands, and it is the one that reports the end.
      if (error instanceof PreconditionFailedError) {
        const current = (await this.store.get(id))?.value;
        return current ? { record: current, finishedNow: false } : undefined;
      }
      throw error;
    }
    return { record: written, finishedNow: isTerminal(written.status) };
  }

  /** Polls ARM's operation once from the stored poller state; undefined when ARM could not be asked (try later). */
  private async pollArm(record: OperationRecord, pollerState: string): Promise<OperationRecord | undefined> {
    const client = this.arm.containerService(subscriptionOf(record.target));
    const poller = armContainerServiceSdk().restorePoller(client, pollerState, client.managedClusters.createOrUpdate) as ArmPoller;
    try {
      await poller.poll();
      const state = await poller.serialize();
      return poller.isDone
        ? this.finish({ ...record, armPollerState: state }, statusOf(poller), failureOf(poller))
        : { ...record, armPollerState: state, updatedAt: this.now().toISOString() };
    } catch (error) {
      // core-lro throws for canceled operations and for failures without an error body; the poller still knows.
      if (poller.isDone) return this.finish(record, statusOf(poller), failureOf(poller) ?? armFailure(error));
      if (isRetryable(error, translateArmError(error))) return undefined;
      return this.finish(record, 'Failed', armFailure(error));
    }
  }

  /**
   * A record without poller state: ARM's answer to the submission was lost (or the host stopped before it).
   * Reads the target in Azure: a change that shows there is adopted and followed through the resource's
   * provisioning state; one that does not show within the grace period is closed as not applied. Never re-sent.
   */
  private async lookForSubmission(record: OperationRecord): Promise<OperationRecord | undefined> {
    const now = this.now();
    const graceOver = now.getTime() - Date.parse(record.createdAt) >= this.submissionGraceMs;
    if (!record.expectedOutcome) return graceOver ? this.finish(record, 'Failed', SUBMISSION_INTERRUPTED) : undefined;
    let target: Awaited<ReturnType<typeof readArmTarget>>;
    try {
      target = await readArmTarget(this.arm.containerService(subscriptionOf(record.target)), record.target);
    } catch {
      return undefined; // Azure could not be read: nothing is concluded, the next check reads again
    }
    const outcome = outcomeInAzure(record.expectedOutcome, target);
    const adopted = { ...record, adoptedAt: record.adoptedAt ?? now.toISOString() };
    switch (outcome) {
      case 'absent':
        if (record.adoptedAt) return this.finish(record, 'Failed', CHANGED_IN_AZURE);
        return graceOver ? this.finish(record, 'Failed', NOT_APPLIED) : undefined;
      case 'inProgress':
        return { ...adopted, status: 'InProgress', updatedAt: now.toISOString() };
      case 'Failed':
        return this.finish(adopted, 'Failed', target?.provisioningError ?? PROVISIONING_FAILED);
      default:
        return this.finish(adopted, outcome, undefined);
    }
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

const SUBMISSION_INTERRUPTED = {
  code: 'SubmissionInterrupted',
  message: 'The service stopped before Azure confirmed the request. Check the resource; repeat the request if the change is not there.',
};
const NOT_APPLIED = {
  code: 'SubmissionInterrupted',
  message: "Azure's answer to the request was lost and the change did not show on the resource in time: it was not applied. Repeat the request.",
};
const CHANGED_IN_AZURE = {
  code: 'ChangedInAzure',
  message: 'Azure took the change, but the resource was changed again before it finished. Check the resource.',
};
const PROVISIONING_FAILED = { code: 'ProvisioningFailed', message: "Azure reports the resource's provisioning state as Failed." };

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

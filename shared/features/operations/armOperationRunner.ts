import { randomUUID } from 'node:crypto';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { armContainerServiceSdk } from '../../platform/azure/lazySdk';
import type { OperationState, PollerLike } from '@azure/core-lro';
import { translateArmError } from '../../platform/arm/armErrors';
import type { ArmClients } from '../../platform/arm/armClients';
import { PreconditionFailedError } from '../../domain/errors';
import { statusCodeOf } from '../../platform/azure/restErrors';
import { isTerminal, type OperationRecord, type OperationStatus } from './operationRecord';
import type { OperationStore } from './operationStore';

const UNSUBMITTED_GRACE_MS = 5 * 60_000;

export type ArmPoller = PollerLike<OperationState<unknown>, unknown>;

export interface StartOperation {
  kind: string;
  target: string;
  subscriptionId: string;
  createdBy?: string;
  correlationId: string;
  /** Called once the record exists and before ARM is called (an Idempotency-Key remembers the operation). */
  onRecorded?: (operationId: string) => Promise<void>;
  /** Sends the ARM request; resolves once ARM accepted it (the initial 200/201/202). */
  submit: (client: ContainerServiceClient) => ArmPoller;
}

/**
 * Runs ARM long-running operations durably: the record exists before ARM is called, the SDK's serialised
 * poller is stored once ARM accepts, and any host can later resume polling from that state — so a restart
 * adopts the operation in flight instead of issuing it again.
 */
export class ArmOperationRunner {
  constructor(
    private readonly store: OperationStore,
    private readonly arm: ArmClients,
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
    const poller = input.submit(this.arm.containerService(input.subscriptionId));
    try {
      await poller.submitted();
    } catch (error) {
      await this.store.replace(this.finish(accepted, 'Failed', armFailure(error)), stored.etag);
      throw translateArmError(error);
    }
    const running = { ...accepted, status: 'InProgress' as const, armPollerState: await poller.serialize() };
    const next = poller.isDone ? this.finish(running, statusOf(poller), failureOf(poller)) : running;
    return this.recordSubmission({ ...next, updatedAt: this.now().toISOString() }, stored.etag);
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
    const stored = await this.store.get(id);
    if (!stored) return undefined;
    const record = stored.value;
    if (isTerminal(record.status) || !record.armPollerState) return record;
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
      else if (isRetryable(error, translateArmError(error))) return record;
      else next = this.finish(record, 'Failed', armFailure(error));
    }
    try {
      return (await this.store.replace(next, stored.etag)).value;
    } catch (error) {
      if (error instanceof PreconditionFailedError) return (await this.store.get(id))?.value;
      throw error;
    }
  }

  /** Advances every unfinished operation once; the timer calls this, so progress never depends on a caller polling. */
  async sweep(onError: (id: string, error: unknown) => void = () => undefined): Promise<number> {
    const active = await this.store.active();
    for (const { value } of active) {
      try {
        if (!value.armPollerState) await this.expireUnsubmitted(value.id);
        else await this.refresh(value.id);
      } catch (error) {
        onError(value.id, error);
      }
    }
    return active.length;
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

import type { TableClient } from '@azure/data-tables';
import type { ArmClients } from '../../platform/arm/armClients';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { InvocationContext } from '@azure/functions';
import { invocationLogger, type LogLevel } from '../../platform/observability/logger';
import { ArmOperationRunner } from './armOperationRunner';
import { operationsHttpHandlers } from './operations.http';
import { operationCheckMessageSchema, queueScheduler, type OperationCheckMessage } from './operationsQueue';
import { OperationStore } from './operationStore';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { EmitFleetEvent } from '../../domain/events';
import { eventsOfEndedOperation } from './operationEvents';
import type { OperationRecord } from './operationRecord';

export { operationsOperations } from './operations.api';
export { acceptedResponse, POLL_AFTER_SECONDS } from './acceptedResponse';
export { ArmOperationRunner, type ArmPoller, type ArmResponseObserver, type StartOperation } from './armOperationRunner';
export type { ExpectedOutcome } from './expectedOutcome';
export { OperationStore } from './operationStore';
export { isTerminal, operationViewSchema, toOperationView, type OperationRecord, type OperationView } from './operationRecord';

/** Durable ARM operations: the runner the write use cases start them with, and their status endpoint. */
export interface OperationsModule {
  store: OperationStore;
  runner: ArmOperationRunner;
  http: HttpHandlers;
  /** The `operationsAdvance` queue trigger: one check of the operation a message names. */
  advance(message: unknown, context: InvocationContext): Promise<void>;
  /** The `operationsRepair` timer: re-schedules operations whose message was lost. */
  repair(context: InvocationContext): Promise<void>;
}

export function buildOperations(deps: {
  table: TableClient;
  queue: StorageQueue<OperationCheckMessage>;
  arm: ArmClients;
  http: HttpPipeline;
  logLevel: LogLevel;
  submissionGraceMs?: number;
  /** Where an ended operation's events go (the webhook outbox). */
  emitEvent?: EmitFleetEvent;
  /** Told each operation's end once (the update-run engine advances the run that started it at once). */
  onOperationEnded?: (record: OperationRecord) => Promise<void>;
}): OperationsModule {
  const store = new OperationStore(deps.table);
  const scheduler = queueScheduler(deps.queue);
  const tellEnd = async (record: OperationRecord) => {
    for (const event of eventsOfEndedOperation(record)) await deps.emitEvent?.(event);
    await deps.onOperationEnded?.(record);
  };
  const runner = new ArmOperationRunner(store, deps.arm, scheduler, undefined, {
    ...(deps.submissionGraceMs === undefined ? {} : { submissionGraceMs: deps.submissionGraceMs }),
    onFinished: tellEnd,
  });
  const logger = (context: InvocationContext, operationId: string) => invocationLogger(context, { operationId }, deps.logLevel);
  return {
    store,
    runner,
    http: operationsHttpHandlers(deps.http, { operationStore: store, operations: runner }),
    async advance(message, context) {
      const { operationId } = operationCheckMessageSchema.parse(message);
      const check = await runner.advance(operationId);
      const log = logger(context, 'operationsAdvance');
      if (!check) log.warn('A check was scheduled for an operation that does not exist', { operation: operationId });
      else if (check.finishedNow) {
        const { record } = check;
        log.info('Operation finished', { operation: record.id, kind: record.kind, target: record.target, status: record.status });
      }
    },
    async repair(context) {
      const { active, rescheduled } = await runner.repair();
      if (rescheduled > 0) logger(context, 'operationsRepair').warn('Operations had lost their check; rescheduled', { active, rescheduled });
    },
  };
}

import type { TableClient } from '@azure/data-tables';
import type { ArmClients } from '../../platform/arm/armClients';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { InvocationContext } from '@azure/functions';
import { invocationLogger, type LogLevel } from '../../platform/observability/logger';
import { ArmOperationRunner } from './armOperationRunner';
import { operationsHttpHandlers } from './operations.http';
import { OperationStore } from './operationStore';

export { operationsOperations } from './operations.api';
export { acceptedResponse, POLL_AFTER_SECONDS } from './acceptedResponse';
export { ArmOperationRunner, type ArmPoller, type StartOperation } from './armOperationRunner';
export { OperationStore } from './operationStore';
export { isTerminal, operationViewSchema, toOperationView, type OperationRecord, type OperationView } from './operationRecord';

/** Durable ARM operations: the runner the write use cases start them with, and their status endpoint. */
export interface OperationsModule {
  store: OperationStore;
  runner: ArmOperationRunner;
  http: HttpHandlers;
  /** Advances every unfinished operation once (the repair timer). */
  sweep(context: InvocationContext): Promise<void>;
}

export function buildOperations(deps: { table: TableClient; arm: ArmClients; http: HttpPipeline; logLevel: LogLevel }): OperationsModule {
  const store = new OperationStore(deps.table);
  const runner = new ArmOperationRunner(store, deps.arm);
  return {
    store,
    runner,
    http: operationsHttpHandlers(deps.http, { operationStore: store, operations: runner }),
    async sweep(context) {
      const log = invocationLogger(context, { operationId: 'operationsSweep' }, deps.logLevel);
      const advanced = await runner.sweep((operationId, error) =>
        log.warn('Could not advance an operation', { operation: operationId, error: String(error) }),
      );
      if (advanced > 0) log.info('Operations swept', { active: advanced });
    },
  };
}

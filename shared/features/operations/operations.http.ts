import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { POLL_AFTER_SECONDS } from './acceptedResponse';
import type { ArmOperationRunner } from './armOperationRunner';
import { getOperation } from './operations.api';
import { isTerminal } from './operationRecord';
import { getOperationStatus } from './operationStatus';
import type { OperationStore } from './operationStore';

export function operationsHttpHandlers(
  http: HttpPipeline,
  deps: { operationStore: OperationStore; operations: ArmOperationRunner },
): HttpHandlers {
  return {
    [getOperation.operationId]: http.handle(getOperation, async ({ authorize, params }) => {
      const view = await getOperationStatus(deps, { authorize }, params.operationId);
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      if (!isTerminal(view.status)) headers['retry-after'] = String(POLL_AFTER_SECONDS);
      return { status: 200, jsonBody: view, headers };
    }),
  };
}

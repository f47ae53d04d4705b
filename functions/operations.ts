import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getOperation } from '../shared/features/operations/operations.api';
import { services } from '../shared/app';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { isTerminal } from '../shared/features/operations/operationRecord';
import { invocationLogger } from '../shared/platform/observability/logger';
import { POLL_AFTER_SECONDS } from '../shared/features/clusters/acceptedOperation';
import { clusterDependencies } from '../shared/features/clusters/clusterDependencies';
import { getOperationStatus } from '../shared/features/operations/operationStatus';

export const getOperationHandler = handleHttp(getOperation, async ({ authorize, params }) => {
  const view = await getOperationStatus(clusterDependencies(), { authorize }, params.operationId);
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (!isTerminal(view.status)) headers['retry-after'] = String(POLL_AFTER_SECONDS);
  return { status: 200, jsonBody: view, headers };
});

/** Advances every unfinished ARM operation, so progress never depends on someone polling. */
export async function operationsSweepTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const log = invocationLogger(context, { operationId: 'operationsSweep' }, services().settings.FLEETPLANE_LOG_LEVEL);
  const advanced = await services().operations.sweep((operationId, error) =>
    log.warn('Could not advance an operation', { operation: operationId, error: String(error) }),
  );
  if (advanced > 0) log.info('Operations swept', { active: advanced });
}

app.http(getOperation.operationId, { ...httpTriggerOf(getOperation), handler: getOperationHandler });
app.timer('operationsSweep', { schedule: '*/10 * * * * *', handler: operationsSweepTimer });

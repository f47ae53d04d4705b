import { NotFoundError } from '../../domain/errors';
import { isTerminal, toOperationView, type OperationView } from './operationRecord';
import { clusterScopeOfTarget } from '../../domain/fleet/clusterAddress';
import type { ArmOperationRunner } from './armOperationRunner';
import type { OperationStore } from './operationStore';
import type { ReadContext } from '../../platform/http/requestContext';

/** `GET /api/operations/{id}` (Reader on the target cluster); an unfinished operation is polled once first. */
export async function getOperationStatus(deps: { operationStore: OperationStore; operations: ArmOperationRunner }, context: ReadContext, operationId: string): Promise<OperationView> {
  const stored = await deps.operationStore.get(operationId);
  if (!stored) throw new NotFoundError(`Operation "${operationId}"`);
  await context.authorize('clusters', 'get', clusterScopeOfTarget(stored.value.target));
  const record = isTerminal(stored.value.status) ? stored.value : ((await deps.operations.refresh(operationId)) ?? stored.value);
  return toOperationView(record);
}

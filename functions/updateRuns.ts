import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { updateRunOperations } from '../shared/features/updateRuns';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of updateRunOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().updateRuns.http));
}

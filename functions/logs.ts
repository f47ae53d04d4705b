import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { logsOperations } from '../shared/features/logs';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of logsOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().logs.http));
}

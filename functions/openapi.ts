import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { openApiOperations } from '../shared/features/openapi';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of [...openApiOperations]) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().openapi.http));
}

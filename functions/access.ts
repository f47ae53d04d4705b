import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { accessOperations } from '../shared/features/access';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of [...accessOperations]) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().access.http));
}

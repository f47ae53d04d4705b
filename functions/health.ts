import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { healthOperations } from '../shared/features/health';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of [...healthOperations]) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().health.http));
}

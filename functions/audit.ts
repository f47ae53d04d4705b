import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { auditOperations } from '../shared/features/audit';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of [...auditOperations]) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().audit.http));
}

import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { clusterHealthOperations } from '../shared/features/clusterHealth';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of clusterHealthOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().clusterHealth.http));
}

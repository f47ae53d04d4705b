import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { clusterOperations, kubernetesVersionOperations, nodePoolOperations } from '../shared/features/clusters';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of [...clusterOperations, ...nodePoolOperations, ...kubernetesVersionOperations]) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().clusters.http));
}

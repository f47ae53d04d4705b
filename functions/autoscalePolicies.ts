import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { autoscalePolicyOperations } from '../shared/features/autoscalePolicies';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of autoscalePolicyOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().autoscalePolicies.http));
}

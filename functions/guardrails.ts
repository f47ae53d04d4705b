import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { guardrailsOperations, versionSupportCalendarOperations } from '../shared/features/guardrails';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of [...guardrailsOperations, ...versionSupportCalendarOperations]) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().guardrails.http));
}

import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { operationsOperations } from '../shared/features/operations';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of operationsOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().operations.http));
}

app.timer('operationsSweep', { schedule: '*/10 * * * * *', handler: (_timer, context) => fleetplane().operations.sweep(context) });

import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { operationsOperations } from '../shared/features/operations';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of operationsOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().operations.http));
}

// Each running ARM operation has a delayed message on this queue; every check schedules the next until it ends.
app.storageQueue('operationsAdvance', {
  queueName: '%FLEETPLANE_OPERATIONS_QUEUE%',
  connection: 'AzureWebJobsStorage',
  handler: (message, context) => fleetplane().operations.advance(message, context),
});

// Only a safety net for lost messages: an idle app runs nothing more often than this.
app.timer('operationsRepair', { schedule: '0 */5 * * * *', handler: (_timer, context) => fleetplane().operations.repair(context) });

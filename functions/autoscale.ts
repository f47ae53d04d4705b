import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { autoscaleOperations } from '../shared/features/autoscale';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of autoscaleOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().autoscale.http));
}

// The cycle: ticks (each sends the next, delayed by the cycle period), subscription batches, evaluations on request.
app.storageQueue('autoscaleCycle', {
  queueName: '%FLEETPLANE_AUTOSCALE_QUEUE%',
  connection: 'AzureWebJobsStorage',
  handler: (message, context) => fleetplane().autoscale.handleMessage(message, context),
});

// Only restarts a broken chain (or starts it once a policy is on): an idle app runs nothing more often than this.
app.timer('autoscaleRepair', { schedule: '0 */5 * * * *', handler: (_timer, context) => fleetplane().autoscale.repair(context) });

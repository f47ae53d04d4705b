import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { webhookEventsOperations } from '../shared/features/webhookEvents';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of webhookEventsOperations) {
  app.http(
    operation.operationId,
    httpTriggerOf(operation, () => fleetplane().webhookEvents.http),
  );
}

// The endpoints store and enqueue (Event Grid wants a quick 200); this trigger acts on each stored event or alert.
app.storageQueue('webhookEventsProcess', {
  queueName: '%FLEETPLANE_WEBHOOKS_INBOUND_QUEUE%',
  connection: 'AzureWebJobsStorage',
  handler: (message, context) => fleetplane().webhookEvents.process(message, context),
});

// Deletes inbound dedupe rows once no redelivery can come (bounded per run); two instances at once are harmless.
app.timer('webhookEventsRetention', {
  schedule: '0 47 * * * *',
  handler: (_timer, context) => fleetplane().webhookEvents.retain(context),
});

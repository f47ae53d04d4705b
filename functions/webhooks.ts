import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { webhookOperations } from '../shared/features/webhooks';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of webhookOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().webhooks.http));
}

// One message per delivery attempt; a failed attempt schedules the next as a delayed message.
app.storageQueue('webhookDeliver', {
  queueName: '%FLEETPLANE_WEBHOOK_DELIVERY_QUEUE%',
  connection: 'AzureWebJobsStorage',
  handler: (message, context) => fleetplane().webhooks.deliver(message, context),
});

// Only a safety net for lost messages and interrupted fan-outs.
app.timer('webhookRepair', { schedule: '0 */5 * * * *', handler: (_timer, context) => fleetplane().webhooks.repair(context) });

// Deletes finished deliveries and events past retention (bounded per run); two instances at once are harmless.
app.timer('webhookRetention', { schedule: '0 17 * * * *', handler: (_timer, context) => fleetplane().webhooks.retain(context) });

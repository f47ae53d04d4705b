import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';
import { inventoryOperations } from '../shared/features/inventory';
import { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';

for (const operation of inventoryOperations) {
  app.http(operation.operationId, httpTriggerOf(operation, () => fleetplane().inventory.http));
}

app.timer('inventorySync', { schedule: '0 */5 * * * *', handler: (_timer, context) => fleetplane().inventory.runSync(context) });

import { app } from '@azure/functions';
import { fleetplane } from '../shared/app';

// Each started update run advances through delayed messages on this queue (each advance schedules the next);
// the preflights that plan and start runs are messages on it too.
app.storageQueue('updateRunsAdvance', {
  queueName: '%FLEETPLANE_UPDATERUNS_QUEUE%',
  connection: 'AzureWebJobsStorage',
  handler: (message, context) => fleetplane().updateRunsEngine.handleMessage(message, context),
});

// Only a safety net for lost messages (a host stopped between a run's write and its next message).
app.timer('updateRunsRepair', { schedule: '0 */5 * * * *', handler: (_timer, context) => fleetplane().updateRunsEngine.repair(context) });

import type { RunningAksEmulator } from '../../../../local/aks-emulator';
import { buildFleetplane, type Fleetplane } from '../../../../shared/app';
import { DecisionStore } from '../../../../shared/features/autoscale/decisionStore';
import { SUB } from '../../../emulator/harness';
import { testSettings, uniqueTablePrefix } from '../../../support/storage';

export interface InProcessAutoscale {
  app: Fleetplane;
  tablePrefix: string;
  /** The autoscale queue's name (the tests read and send its messages themselves). */
  queueName: string;
  decisions: DecisionStore;
}

/**
 * The app built in process against the emulator (ARM, Monitor, its virtual clock) and Azurite, with its own tables
 * and autoscale queue and no SDK retries, so the autoscale tests drive the cycle message by message.
 */
export function inProcessAutoscale(emulator: RunningAksEmulator, settings: Record<string, string> = {}): InProcessAutoscale {
  const tablePrefix = uniqueTablePrefix();
  const queueName = `${tablePrefix}-autoscale`;
  const app = buildFleetplane(
    testSettings({
      FLEETPLANE_TABLE_PREFIX: tablePrefix,
      FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
      FLEETPLANE_ARM_CREDENTIAL: 'emulator',
      FLEETPLANE_SUBSCRIPTION_IDS: SUB,
      FLEETPLANE_LOGS_ENDPOINT: `${emulator.baseUrl}/v1`,
      FLEETPLANE_METRICS_ENDPOINT: `${emulator.baseUrl}/regions/{region}`,
      FLEETPLANE_VIRTUAL_CLOCK_URL: `${emulator.baseUrl}/_emulator/clock`,
      FLEETPLANE_AUTOSCALE_QUEUE: queueName,
      ...settings,
    }),
    { arm: { maxRetries: 0 }, logs: { maxRetries: 0 }, metrics: { maxRetries: 0 } },
  );
  return { app, tablePrefix, queueName, decisions: new DecisionStore(app.storage.tableClient(`${tablePrefix}autoscaledecisions`)) };
}

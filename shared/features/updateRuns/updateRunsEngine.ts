import type { StorageQueue } from '../../platform/storage/storageQueue';
import { MaintenanceWindowReader } from './maintenanceWindows';
import { buildRunEngine, type RunEngine } from './runEngine';
import type { RunEngineDependencies } from './runEngineDependencies';
import type { KickRun } from './updateRunPorts';
import { queueKickRun, type RunAdvanceMessage } from './updateRunsQueue';

export interface UpdateRunsEngine extends RunEngine {
  /** The API's port: an advance message for the run, now or after a delay. */
  kickRun: KickRun;
}

/** The engine over its queue: `kickRun` for the API, the triggers, and the ports for autoscale and inbound webhooks. */
export function buildUpdateRunsEngine(deps: Omit<RunEngineDependencies, 'kickRun' | 'windows'> & { queue: StorageQueue<RunAdvanceMessage> }): UpdateRunsEngine {
  const { queue, ...rest } = deps;
  const kickRun = queueKickRun(queue);
  return { ...buildRunEngine({ ...rest, kickRun, windows: new MaintenanceWindowReader(deps.containerService) }), kickRun };
}

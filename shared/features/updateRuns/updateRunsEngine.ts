import type { StorageQueue } from '../../platform/storage/storageQueue';
import { MaintenanceWindowReader } from './maintenanceWindows';
import { buildRunEngine, type RunEngine } from './runEngine';
import type { RunEngineDependencies } from './runEngineDependencies';
import type { KickRun, RequestPreflight } from './updateRunPorts';
import { queueKickRun, queueRequestPreflight, type UpdateRunsMessage } from './updateRunsQueue';

export interface UpdateRunsEngine extends RunEngine {
  /** The API's port: an advance message for the run, now or after a delay. */
  kickRun: KickRun;
  /** The API's port: a preflight message for the run. */
  requestPreflight: RequestPreflight;
}

/** The engine over its queue: `kickRun` and `requestPreflight` for the API, the triggers, and the ports for autoscale and inbound webhooks. */
export function buildUpdateRunsEngine(deps: Omit<RunEngineDependencies, 'kickRun' | 'requestPreflight' | 'windows'> & { queue: StorageQueue<UpdateRunsMessage> }): UpdateRunsEngine {
  const { queue, ...rest } = deps;
  const kickRun = queueKickRun(queue);
  const requestPreflight = queueRequestPreflight(queue);
  return { ...buildRunEngine({ ...rest, kickRun, requestPreflight, windows: new MaintenanceWindowReader(deps.containerService) }), kickRun, requestPreflight };
}

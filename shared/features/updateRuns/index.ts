import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { UpdateRunDependencies } from './updateRunDependencies';
import { updateRunHttpHandlers } from './updateRuns.http';

export * from './updateRunGates';
export * from './updateRunRequest';
export * from '../../domain/updateRuns/preflightProblem';
export * from './updateRunDocument';
export { UpdateRunStore } from './updateRunStore';
export type { KickRun, InventoryMember, SelectClustersByTags } from './updateRunPorts';
export type { UpdateRunDependencies } from './updateRunDependencies';
export { updateRunOperations, updateRunViewSchema, type UpdateRunView } from './updateRuns.api';
export { runReportOf, runReportSchema, type RunReport } from './runReport';
export { runViewOf } from './runView';
export { isoSeconds } from './runTime';
export { selectInventoryByTags } from './inventoryMembers';
export { buildUpdateRunsEngine } from './updateRunsEngine';
export type { UpdateRunsEngine } from './updateRunsEngine';
export type { RunAdvanceMessage } from './updateRunsQueue';
export type { ClusterAlert, NodePoolRollingEvent } from './runSignals';
export {
  DOCUMENTED_UPGRADE_DURATIONS,
  estimateMakespan,
  memberUpgradeSeconds,
  poolRollSeconds,
  stepSeconds,
  type EstimatedStage,
  type RunEstimate,
  type StepWork,
  type UpgradeDurations,
} from '../../domain/updateRuns';

/** Update runs: the planned, preflighted run document and its API; the engine (kickRun) advances started runs. */
export interface UpdateRunsModule {
  dependencies: UpdateRunDependencies;
  http: HttpHandlers;
}

export function buildUpdateRuns(deps: UpdateRunDependencies & { http: HttpPipeline }): UpdateRunsModule {
  const { http, ...dependencies } = deps;
  return { dependencies, http: updateRunHttpHandlers(http, dependencies) };
}

import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { Logger } from '../../platform/observability/logger';
import type { PreflightOutcome } from './preflightOutcome';
import { runPreflight } from './runPreflight';
import type { UpdateRunDependencies } from './updateRunDependencies';
import { updateRunHttpHandlers } from './updateRuns.http';
import type { RunPreflightMessage } from './updateRunsQueue';

export * from './updateRunGates';
export * from './updateRunRequest';
export * from '../../domain/updateRuns/preflightProblem';
export * from './updateRunDocument';
export { UpdateRunStore } from './updateRunStore';
export type { KickRun, InventoryMember, RequestPreflight, SelectClustersByTags } from './updateRunPorts';
export type { UpdateRunDependencies } from './updateRunDependencies';
export { updateRunOperations, updateRunViewSchema, type UpdateRunView } from './updateRuns.api';
export { runReportOf, runReportSchema, type RunReport } from './runReport';
export { runViewOf } from './runView';
export { isoSeconds } from './runTime';
export { selectInventoryByTags } from './inventoryMembers';
export { buildUpdateRunsEngine } from './updateRunsEngine';
export type { UpdateRunsEngine } from './updateRunsEngine';
export type { RunAdvanceMessage, RunPreflightMessage, UpdateRunsMessage } from './updateRunsQueue';
export type { PreflightOutcome } from './preflightOutcome';
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

/**
 * Update runs: the run document and its API, and the preflight (queued by the API, run by the engine's queue
 * trigger); the engine (kickRun) advances started runs.
 */
export interface UpdateRunsModule {
  dependencies: UpdateRunDependencies;
  http: HttpHandlers;
  /** A preflight message: read and plan the members as system work; 'stale' when the run no longer waits for it. */
  preflight(message: RunPreflightMessage, log: Logger): Promise<PreflightOutcome | 'stale'>;
}

export function buildUpdateRuns(deps: UpdateRunDependencies & { http: HttpPipeline }): UpdateRunsModule {
  const { http, ...dependencies } = deps;
  return { dependencies, http: updateRunHttpHandlers(http, dependencies), preflight: (message, log) => runPreflight(dependencies, message, log) };
}

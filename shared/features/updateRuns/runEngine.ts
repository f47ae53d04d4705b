import type { InvocationContext } from '@azure/functions';
import type { OperationObservation } from '../../domain/upgrades/run';
import { invocationLogger, type Logger } from '../../platform/observability/logger';
import { advanceRun } from './advanceRun';
import { repairRuns } from './repairRuns';
import type { RunEngineDependencies } from './runEngineDependencies';
import { clustersInUpdateRun, onAlert, onNodePoolRollingEvent, onOperationEnded, type ClusterAlert, type NodePoolRollingEvent } from './runSignals';
import { updateRunsMessageSchema } from './updateRunsQueue';

/** The update-run execution engine: the queue trigger, the repair timer, and the ports other features call. */
export interface RunEngine {
  /** `updateRunsAdvance`: one advance of the run the message names, or the preflight it names. */
  handleMessage(message: unknown, context: InvocationContext): Promise<void>;
  /** `updateRunsRepair`: advances runs, and re-sends preflights, whose message was lost. */
  repair(context: InvocationContext): Promise<void>;
  onNodePoolRollingEvent(input: NodePoolRollingEvent, context?: InvocationContext): Promise<void>;
  onAlert(input: ClusterAlert, context?: InvocationContext): Promise<void>;
  /** The operations module's port: an operation ended (told once); a run's own operation kicks the run. */
  onOperationEnded(operation: { id: string; createdBy?: string | undefined }): Promise<void>;
  clustersInUpdateRun(): Promise<Set<string>>;
}

export function buildRunEngine(deps: RunEngineDependencies): RunEngine {
  // Failures found before ARM could be asked, reported to this process's next advance of the run.
  const preSubmissionFailures = new Map<string, OperationObservation>();
  const logger = (context: InvocationContext | undefined, fields: Record<string, string>): Logger => (context ? invocationLogger(context, fields, deps.logLevel) : SILENT);
  return {
    async handleMessage(message, context) {
      const parsed = updateRunsMessageSchema.parse(message);
      const log = logger(context, { run: parsed.runId });
      if (parsed.kind === 'preflight') await deps.preflight(parsed, log);
      else await advanceRun(deps, parsed.runId, preSubmissionFailures, log);
    },
    async repair(context) {
      const { active, kicked, preflightsResent } = await repairRuns(deps);
      if (kicked > 0) logger(context, {}).warn('Update runs had no advance pending; kicked', { active, kicked });
      if (preflightsResent > 0) logger(context, {}).warn('Update-run preflights had no message; sent again', { preflightsResent });
    },
    onNodePoolRollingEvent: (input, context) => onNodePoolRollingEvent(deps, input, logger(context, {})),
    onAlert: (input, context) => onAlert(deps, input, logger(context, {})),
    onOperationEnded: (operation) => onOperationEnded(deps, operation, SILENT),
    clustersInUpdateRun: () => clustersInUpdateRun(deps),
  };
}

/** For port calls made without an invocation (the caller logs its own outcome). */
const SILENT: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  with: () => SILENT,
};

import { ConflictError } from '../../domain/errors';
import type { OperationObservation, SubmitStep } from '../../domain/upgrades/run';
import { statusCodeOf } from '../../platform/azure/restErrors';
import type { Logger } from '../../platform/observability/logger';
import { clusterTargetOf } from './clusterTarget';
import { StepNotPossibleError, stepOperation } from './memberStepSubmission';
import type { RunEngineDependencies } from './runEngineDependencies';
import type { MemberStep, UpdateRun } from './updateRunDocument';

/**
 * Starts a claimed member step through the durable operation runner under the id the claim recorded. The runner
 * writes its record before ARM is called and refuses a second record with the same id, so a step submitted
 * twice (a repeated advance, two hosts) reaches ARM once. What fails before ARM could be asked for good (the
 * cluster or pool is gone, no rollback target) is reported through `preSubmissionFailures` to the next advance.
 */
export async function submitMemberStep(
  deps: RunEngineDependencies,
  run: UpdateRun,
  action: SubmitStep,
  preSubmissionFailures: Map<string, OperationObservation>,
  log: Logger,
): Promise<void> {
  const member = run.members.find((m) => m.clusterId.toLowerCase() === action.clusterId.toLowerCase());
  const step = member?.steps[action.stepIndex];
  if (!member || !step) return;
  let operation: Awaited<ReturnType<typeof stepOperation>>;
  try {
    operation = await stepOperation(deps.containerService(clusterTargetOf(member.clusterId).subscriptionId), member.clusterId, step, operationKind(step));
  } catch (error) {
    if (!isPermanent(error)) {
      log.warn('Could not prepare a member step; the next advance tries again', { cluster: member.clusterId, error: messageOf(error) });
      return;
    }
    preSubmissionFailures.set(action.operationId, { status: 'Failed', error: { code: codeOf(error), message: messageOf(error) } });
    return;
  }
  try {
    await deps.runner.start({ ...operation, id: action.operationId, correlationId: `updateRun-${run.id}`, createdBy: `updateRun/${run.id}` });
    log.info('Member step submitted', { cluster: member.clusterId, step: action.stepIndex, operation: action.operationId });
  } catch (error) {
    // Conflict: another advance started this very operation. Anything else was recorded on the operation by the runner.
    if (!(error instanceof ConflictError)) log.warn('A member step was refused', { cluster: member.clusterId, operation: action.operationId, error: messageOf(error) });
  }
}

function operationKind(step: MemberStep): string {
  if (step.rollback) return 'updateRunRollback';
  if (step.nodeImage) return 'updateRunNodeImage';
  return 'updateRunUpgrade';
}

/** A 4xx from ARM (other than throttling and timeouts) or a step not possible as planned will not change by asking again. */
function isPermanent(error: unknown): boolean {
  if (error instanceof StepNotPossibleError) return true;
  const status = statusCodeOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function codeOf(error: unknown): string {
  if (error instanceof StepNotPossibleError) return error.code;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'StepPreparationFailed';
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

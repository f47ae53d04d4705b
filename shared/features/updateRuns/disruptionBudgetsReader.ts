import type { ContainerServiceClient, ManagedCluster } from '@azure/arm-containerservice';
import { DISRUPTION_BUDGETS_COMMAND, disruptionBudgetsFromKubectl, type PodDisruptionBudgetFact } from '../../domain/updateRuns';
import { callArm } from '../../platform/arm/armCalls';
import { armCallDeadline } from '../../platform/arm/armDeadline';

/** How often the run command's result is polled when AKS sends no Retry-After (a kubectl get takes seconds). */
const RESULT_POLL_MS = 1_000;
/** The longest one run command may take; inside an invocation with an ARM deadline, it also stops this long before it. */
const RUN_COMMAND_BUDGET_MS = 60_000;
const BEFORE_DEADLINE_MS = 500;
/** Less time than this left and the command is not started: it could not return before a poll. */
const LEAST_USEFUL_BUDGET_MS = RESULT_POLL_MS + 500;

/**
 * A cluster's PodDisruptionBudgets and the pools their pods run on, read with AKS run command (what
 * `az aks command invoke` uses): no Azure API exposes Kubernetes objects otherwise. Throws with the reason when the
 * command cannot run (disabled, stopped cluster), fails, or does not finish in time (a slow command makes its member
 * "not checked" instead of failing the whole preflight at the invocation's deadline), so the caller never reports "no PDB".
 */
export async function readDisruptionBudgets(client: ContainerServiceClient, resourceGroup: string, cluster: ManagedCluster): Promise<PodDisruptionBudgetFact[]> {
  const name = cluster.name ?? '';
  if (cluster.apiServerAccessProfile?.disableRunCommand === true) {
    throw new Error(`run command is disabled on ${name} (apiServerAccessProfile.disableRunCommand), so its PodDisruptionBudgets cannot be listed`);
  }
  const budgetMs = Math.max(0, armCallDeadline(RUN_COMMAND_BUDGET_MS) - BEFORE_DEADLINE_MS - Date.now());
  if (budgetMs < LEAST_USEFUL_BUDGET_MS) throw new Error(`no time was left for run command before the invocation's ARM deadline`);
  const abortSignal = AbortSignal.timeout(budgetMs);
  let result;
  try {
    result = await callArm(
      () => client.managedClusters.runCommand(resourceGroup, name, { command: DISRUPTION_BUDGETS_COMMAND }, { updateIntervalInMs: RESULT_POLL_MS, abortSignal }),
      `Run command on cluster "${name}"`,
    );
  } catch (error) {
    if (abortSignal.aborted) throw new Error(`run command did not finish within ${(budgetMs / 1000).toFixed(1)} s`, { cause: error });
    throw error;
  }
  if (result.provisioningState?.toLowerCase() !== 'succeeded') {
    throw new Error(`run command ended ${result.provisioningState ?? 'without a state'}${result.reason ? `: ${result.reason}` : ''}`);
  }
  if (result.exitCode !== 0) throw new Error(`"${DISRUPTION_BUDGETS_COMMAND}" exited with ${String(result.exitCode)}: ${(result.logs ?? '').slice(0, 200)}`);
  const parsed = disruptionBudgetsFromKubectl(result.logs ?? '');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.budgets;
}

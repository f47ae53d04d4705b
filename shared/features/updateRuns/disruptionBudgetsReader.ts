import type { ContainerServiceClient, ManagedCluster } from '@azure/arm-containerservice';
import { DISRUPTION_BUDGETS_COMMAND, disruptionBudgetsFromKubectl, type PodDisruptionBudgetFact } from '../../domain/updateRuns';
import { callArm } from '../../platform/arm/armCalls';

/** How often the run command's result is polled when AKS sends no Retry-After (a kubectl get takes seconds). */
const RESULT_POLL_MS = 1_000;

/**
 * A cluster's PodDisruptionBudgets and the pools their pods run on, read with AKS run command (what
 * `az aks command invoke` uses): no Azure API exposes Kubernetes objects otherwise. Throws with the reason when the
 * command cannot run (disabled, stopped cluster) or fails, so the caller reports "not checked", never "no PDB".
 */
export async function readDisruptionBudgets(client: ContainerServiceClient, resourceGroup: string, cluster: ManagedCluster): Promise<PodDisruptionBudgetFact[]> {
  const name = cluster.name ?? '';
  if (cluster.apiServerAccessProfile?.disableRunCommand === true) {
    throw new Error(`run command is disabled on ${name} (apiServerAccessProfile.disableRunCommand), so its PodDisruptionBudgets cannot be listed`);
  }
  const result = await callArm(
    () => client.managedClusters.runCommand(resourceGroup, name, { command: DISRUPTION_BUDGETS_COMMAND }, { updateIntervalInMs: RESULT_POLL_MS }),
    `Run command on cluster "${name}"`,
  );
  if (result.provisioningState?.toLowerCase() !== 'succeeded') {
    throw new Error(`run command ended ${result.provisioningState ?? 'without a state'}${result.reason ? `: ${result.reason}` : ''}`);
  }
  if (result.exitCode !== 0) throw new Error(`"${DISRUPTION_BUDGETS_COMMAND}" exited with ${String(result.exitCode)}: ${(result.logs ?? '').slice(0, 200)}`);
  const parsed = disruptionBudgetsFromKubectl(result.logs ?? '');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.budgets;
}

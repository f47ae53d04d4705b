import type { ManagedCluster } from '@azure/arm-containerservice';
import { monitoringWorkspaceOf } from '../../domain/fleet/monitoringAddon';
import { DEPRECATED_API_LOOKBACK_HOURS, deprecatedApiQuery, readDeprecatedApiRows, type Checked, type DeprecatedApiUse } from '../../domain/updateRuns';
import type { UpdateRunDependencies } from './updateRunDependencies';

type UseOf = (clusterId: string) => Checked<DeprecatedApiUse[]>;

/**
 * Deprecated Kubernetes API calls of the last hours, from the AKSAudit rows in each cluster's workspace: ONE query per
 * workspace covering all its members. A cluster without a workspace, or whose workspace query fails, is "not checked".
 */
export async function readDeprecatedApiUse(deps: Pick<UpdateRunDependencies, 'workspaceCustomerId' | 'queryWorkspace'>, clusters: readonly ManagedCluster[], now: Date): Promise<UseOf> {
  const byWorkspace = new Map<string, string[]>();
  const workspaceOf = new Map<string, string>();
  for (const cluster of clusters) {
    const workspace = monitoringWorkspaceOf(cluster.addonProfiles);
    if (!cluster.id || !workspace) continue;
    workspaceOf.set(cluster.id.toLowerCase(), workspace.toLowerCase());
    byWorkspace.set(workspace.toLowerCase(), [...(byWorkspace.get(workspace.toLowerCase()) ?? []), cluster.id]);
  }
  const range = { start: new Date(now.getTime() - DEPRECATED_API_LOOKBACK_HOURS * 3_600_000), end: now };
  const results = new Map<string, Checked<Map<string, DeprecatedApiUse[]>>>();
  await Promise.all(
    [...byWorkspace].map(async ([workspace, clusterIds]) => {
      try {
        const customerId = await deps.workspaceCustomerId(workspace);
        const rows = await deps.queryWorkspace(customerId, deprecatedApiQuery(clusterIds), range);
        results.set(workspace, { checked: true, value: readDeprecatedApiRows(rows) });
      } catch (error) {
        results.set(workspace, { checked: false, reason: `the audit query of workspace ${workspace} failed: ${(error as Error).message}`.slice(0, 300) });
      }
    }),
  );
  return (clusterId) => {
    const workspace = workspaceOf.get(clusterId.toLowerCase());
    const result = workspace === undefined ? undefined : results.get(workspace);
    if (!result) return { checked: false, reason: 'the cluster sends no logs to a Log Analytics workspace (no AKSAudit rows to read)' };
    if (!result.checked) return result;
    return { checked: true, value: result.value.get(clusterId.toLowerCase()) ?? [] };
  };
}

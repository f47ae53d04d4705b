import type { ManagedCluster } from '@azure/arm-containerservice';
import { ConflictError } from '../../domain/errors';
import type { ClusterAddress } from '../../domain/fleet/clusterAddress';
import { requireManagedCluster } from '../../platform/arm/armCalls';
import type { LogsDependencies } from './logsDependencies';

const MONITORING_ADDON = 'omsagent';
const WORKSPACE_CONFIG = 'logAnalyticsWorkspaceResourceID';

/** The query API id (customerId) of the workspace the cluster's Container Insights add-on sends to. */
export async function workspaceOfCluster(deps: Pick<LogsDependencies, 'containerService' | 'workspaceCustomerId'>, address: ClusterAddress): Promise<string> {
  return deps.workspaceCustomerId(await requireMonitoredCluster(deps, address));
}

/** The resource id of the cluster's Container Insights workspace; 404 for an unknown cluster, 409 when it has none. */
export async function requireMonitoredCluster(deps: Pick<LogsDependencies, 'containerService'>, address: ClusterAddress): Promise<string> {
  const cluster = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
  const workspaceResourceId = monitoringWorkspaceOf(cluster);
  if (workspaceResourceId === undefined) {
    throw new ConflictError(
      `Monitoring is not enabled on cluster "${address.clusterName}": enable Container Insights (the omsagent add-on with a Log Analytics workspace) to query its logs.`,
      'MonitoringNotEnabled',
    );
  }
  return workspaceResourceId;
}

/** ARM spells the add-on and its config key in more than one case (omsagent, omsAgent). */
function monitoringWorkspaceOf(cluster: ManagedCluster): string | undefined {
  const addon = valueIgnoringCase(cluster.addonProfiles ?? {}, MONITORING_ADDON);
  if (!addon?.enabled) return undefined;
  const workspace = valueIgnoringCase(addon.config ?? {}, WORKSPACE_CONFIG);
  return workspace ? workspace : undefined;
}

function valueIgnoringCase<T>(record: Record<string, T>, key: string): T | undefined {
  const lower = key.toLowerCase();
  return Object.entries(record).find(([candidate]) => candidate.toLowerCase() === lower)?.[1];
}

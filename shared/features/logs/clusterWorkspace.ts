import { ConflictError } from '../../domain/errors';
import type { ClusterAddress } from '../../domain/fleet/clusterAddress';
import { monitoringWorkspaceOf } from '../../domain/fleet/monitoringAddon';
import { requireManagedCluster } from '../../platform/arm/armCalls';
import type { LogsDependencies } from './logsDependencies';

/** The query API id (customerId) of the workspace the cluster's Container Insights add-on sends to. */
export async function workspaceOfCluster(deps: Pick<LogsDependencies, 'containerService' | 'workspaceCustomerId'>, address: ClusterAddress): Promise<string> {
  return deps.workspaceCustomerId(await requireMonitoredCluster(deps, address));
}

/** The resource id of the cluster's Container Insights workspace; 404 for an unknown cluster, 409 when it has none. */
export async function requireMonitoredCluster(deps: Pick<LogsDependencies, 'containerService'>, address: ClusterAddress): Promise<string> {
  const cluster = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
  const workspaceResourceId = monitoringWorkspaceOf(cluster.addonProfiles);
  if (workspaceResourceId === undefined) {
    throw new ConflictError(
      `Monitoring is not enabled on cluster "${address.clusterName}": enable Container Insights (the omsagent add-on with a Log Analytics workspace) to query its logs.`,
      'MonitoringNotEnabled',
    );
  }
  return workspaceResourceId;
}

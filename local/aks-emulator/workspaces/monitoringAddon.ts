import { ArmError } from '../errors';
import type { ClusterState, JsonObject } from '../model';
import { asObject, asString } from '../services/requestShapes';

/**
 * The workspace the cluster's monitoring add-on (Container Insights) sends logs to:
 * `addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID`, when the add-on is enabled. AKS matches add-on
 * and config key names case-insensitively (clients send `omsagent` and `omsAgent`), so the emulator does too.
 */
export function monitoringWorkspaceResourceId(cluster: Pick<ClusterState, 'properties'>): string | undefined {
  const addon = valueIgnoringCase(asObject(cluster.properties['addonProfiles']), 'omsagent');
  if (asObject(addon)['enabled'] !== true) return undefined;
  const workspaceId = asString(valueIgnoringCase(asObject(asObject(addon)['config']), 'logAnalyticsWorkspaceResourceID'));
  return workspaceId === undefined || workspaceId.trim() === '' ? undefined : workspaceId;
}

/** The same, or a clear error for a cluster that sends no logs anywhere. */
export function requireMonitoringWorkspaceResourceId(cluster: Pick<ClusterState, 'properties' | 'name'>): string {
  const workspaceId = monitoringWorkspaceResourceId(cluster);
  if (workspaceId === undefined) {
    throw new ArmError(
      409,
      'MonitoringNotEnabled',
      `Monitoring is not enabled on managed cluster '${cluster.name}': the omsagent add-on is off or names no Log Analytics workspace (addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID), so the cluster sends no logs.`,
    );
  }
  return workspaceId;
}

function valueIgnoringCase(object: JsonObject, key: string): unknown {
  const wanted = key.toLowerCase();
  return Object.entries(object).find(([name]) => name.toLowerCase() === wanted)?.[1];
}

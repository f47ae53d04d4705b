const MONITORING_ADDON = 'omsagent';
const WORKSPACE_CONFIG = 'logAnalyticsWorkspaceResourceID';

export interface AddonProfile {
  enabled: boolean;
  config?: Record<string, string> | null;
}

/**
 * The Log Analytics workspace a cluster's Container Insights add-on sends to, or undefined when the add-on is off
 * or names none. ARM spells the add-on and its config key in more than one case (omsagent, omsAgent).
 */
export function monitoringWorkspaceOf(addonProfiles: Record<string, AddonProfile> | undefined): string | undefined {
  const addon = valueIgnoringCase(addonProfiles ?? {}, MONITORING_ADDON);
  if (!addon?.enabled) return undefined;
  const workspace = valueIgnoringCase(addon.config ?? {}, WORKSPACE_CONFIG);
  return workspace ? workspace : undefined;
}

function valueIgnoringCase<T>(record: Record<string, T>, key: string): T | undefined {
  const lower = key.toLowerCase();
  return Object.entries(record).find(([candidate]) => candidate.toLowerCase() === lower)?.[1];
}

import type { CommonAlert, InboundAlert } from './commonAlertSchema';
import { parseManagedClusterId } from './managedClusterId';

/** The alert's facts, with its targets narrowed to managed clusters (each once). */
export function readCommonAlert(alert: CommonAlert): InboundAlert {
  const { essentials } = alert.data;
  const clusters = new Map<string, string>();
  for (const target of essentials.alertTargetIDs) {
    const cluster = parseManagedClusterId(target);
    if (cluster) clusters.set(cluster.resourceId.toLowerCase(), cluster.resourceId);
  }
  return {
    alertId: essentials.alertId,
    alertRule: essentials.alertRule,
    severity: essentials.severity,
    signalType: essentials.signalType,
    monitorCondition: essentials.monitorCondition,
    firedAt: essentials.firedDateTime,
    ...(essentials.resolvedDateTime === undefined ? {} : { resolvedAt: essentials.resolvedDateTime }),
    clusterResourceIds: [...clusters.values()],
  };
}

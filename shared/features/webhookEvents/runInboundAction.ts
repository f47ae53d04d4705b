import type { InboundAction } from '../../domain/webhookEvents';
import type { InboundPorts } from './inboundPorts';

/** Runs one action through the port of the feature that owns it. */
export async function runInboundAction(ports: InboundPorts, action: InboundAction): Promise<void> {
  switch (action.kind) {
    case 'refreshVersionCatalogues':
      return ports.refreshVersionCatalogues();
    case 'refreshCluster':
      return ports.refreshCluster(action.clusterResourceId);
    case 'emitSupportEnding':
      return ports.emitEvent({
        type: 'fleetplane.cluster.supportEnding',
        subject: action.clusterResourceId,
        data: {
          kubernetesVersion: action.kubernetesVersion,
          supportEnded: action.supportEnded,
          source: 'aks',
        },
        dedupeKey: `aks-support|${action.eventId}`,
      });
    case 'nodePoolRolling':
      return ports.onNodePoolRollingEvent({
        clusterResourceId: action.clusterResourceId,
        nodePool: action.nodePool,
        status: action.status,
        eventId: action.eventId,
        time: action.time,
      });
    case 'requestEvaluation':
      return ports.requestEvaluation({ clusterResourceId: action.clusterResourceId, reason: action.reason });
    case 'alertHealthGate':
      return ports.onAlert({
        clusterResourceId: action.clusterResourceId,
        alertId: action.alertId,
        alertRule: action.alertRule,
        monitorCondition: action.monitorCondition,
        severity: action.severity,
        firedAt: action.firedAt,
      });
  }
}

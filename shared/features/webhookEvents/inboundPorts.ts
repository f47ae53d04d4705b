import type { EmitFleetEvent } from '../../domain/events';

/**
 * What inbound events and alerts make other features do. The composition root wires each to the feature that
 * owns it (or to a no-op until that feature exists); this feature never imports them.
 */
export interface InboundPorts {
  /** The inventory: one ARM GET of the cluster, one row upsert (its radar included). */
  refreshCluster(clusterResourceId: string): Promise<void>;
  /** The clusters feature: forget the cached Kubernetes version catalogues. */
  refreshVersionCatalogues(): Promise<void>;
  /** Whether the inventory holds the cluster (alerts act only on registered clusters). */
  isRegisteredCluster(clusterResourceId: string): Promise<boolean>;
  emitEvent: EmitFleetEvent;
  /** Update runs: a pool's rolling upgrade started or ended. */
  onNodePoolRollingEvent(input: {
    clusterResourceId: string;
    nodePool: string;
    status: 'Started' | 'Succeeded' | 'Failed';
    eventId: string;
    time: string;
  }): Promise<void>;
  /** Update runs: a fired alert on a member fails its health gate. */
  onAlert(input: {
    clusterResourceId: string;
    alertId: string;
    alertRule: string;
    monitorCondition: 'Fired' | 'Resolved';
    severity: string;
    firedAt: string;
  }): Promise<void>;
  /** Autoscale: evaluate that cluster's pools now. */
  requestEvaluation(input: { clusterResourceId: string; reason: string }): Promise<void>;
}

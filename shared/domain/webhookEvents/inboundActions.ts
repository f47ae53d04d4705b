import { z } from 'zod';
import { AKS_EVENT_PREFIX, AKS_EVENT_TYPES, rollingStatusOf } from './aksEventTypes';
import type { InboundAlert } from './commonAlertSchema';
import type { InboundEvent } from './inboundEvent';
import { parseManagedClusterId } from './managedClusterId';

const id = z.string().max(1024);
const shortText = z.string().max(256);

/** One thing an inbound event or alert makes Fleetplane do; the queue trigger runs them in order. */
export const inboundActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refreshVersionCatalogues') }),
  z.object({ kind: z.literal('refreshCluster'), clusterResourceId: id }),
  z.object({
    kind: z.literal('emitSupportEnding'),
    clusterResourceId: id,
    kubernetesVersion: shortText,
    supportEnded: z.boolean(),
    eventId: shortText,
  }),
  z.object({
    kind: z.literal('nodePoolRolling'),
    clusterResourceId: id,
    nodePool: shortText,
    status: z.enum(['Started', 'Succeeded', 'Failed']),
    eventId: shortText,
    time: shortText,
  }),
  z.object({ kind: z.literal('requestEvaluation'), clusterResourceId: id, reason: shortText }),
  z.object({
    kind: z.literal('alertHealthGate'),
    clusterResourceId: id,
    alertId: id,
    alertRule: id,
    monitorCondition: z.enum(['Fired', 'Resolved']),
    severity: shortText,
    firedAt: shortText,
  }),
]);

export type InboundAction = z.infer<typeof inboundActionSchema>;

/**
 * What an AKS event asks for. Events are hints to look again, never the truth (they come unordered and
 * twice): every event about a cluster refreshes its inventory row from ARM. A new version also drops the cached
 * version catalogues first, so that the refreshed radar sees it. Events that do not name a managed cluster, and
 * other providers' events, ask for nothing.
 */
export function actionsForEvent(event: InboundEvent): InboundAction[] {
  const cluster = parseManagedClusterId(event.source);
  if (!cluster || !event.type.startsWith(AKS_EVENT_PREFIX)) return [];
  const clusterResourceId = cluster.resourceId;
  const refresh: InboundAction = { kind: 'refreshCluster', clusterResourceId };
  const text = (key: string) => (typeof event.data[key] === 'string' ? event.data[key] : '');
  switch (event.type) {
    case AKS_EVENT_TYPES.newKubernetesVersionAvailable:
      return [{ kind: 'refreshVersionCatalogues' }, refresh];
    case AKS_EVENT_TYPES.clusterSupportEnding:
    case AKS_EVENT_TYPES.clusterSupportEnded:
      return [
        refresh,
        {
          kind: 'emitSupportEnding',
          clusterResourceId,
          kubernetesVersion: text('kubernetesVersion').slice(0, 256),
          supportEnded: event.type === AKS_EVENT_TYPES.clusterSupportEnded,
          eventId: event.id,
        },
      ];
  }
  const status = rollingStatusOf(event.type);
  const nodePool = text('nodePoolName');
  if (status && nodePool) {
    const time = event.time ?? '';
    return [
      refresh,
      {
        kind: 'nodePoolRolling',
        clusterResourceId,
        nodePool: nodePool.slice(0, 256),
        status,
        eventId: event.id,
        time,
      },
    ];
  }
  return [refresh];
}

/**
 * What an alert asks for, for the clusters among its targets that the fleet has registered (the caller looks
 * them up): an immediate autoscale evaluation and the update runs' health gate, each per cluster.
 */
export function actionsForAlert(alert: InboundAlert, registeredClusters: readonly string[]): InboundAction[] {
  const registered = new Set(registeredClusters.map((clusterId) => clusterId.toLowerCase()));
  const reason = `alert ${alert.alertRule} ${alert.monitorCondition} (${alert.severity})`.slice(0, 256);
  return alert.clusterResourceIds
    .filter((clusterResourceId) => registered.has(clusterResourceId.toLowerCase()))
    .flatMap((clusterResourceId): InboundAction[] => [
      { kind: 'requestEvaluation', clusterResourceId, reason },
      {
        kind: 'alertHealthGate',
        clusterResourceId,
        alertId: alert.alertId,
        alertRule: alert.alertRule,
        monitorCondition: alert.monitorCondition,
        severity: alert.severity,
        firedAt: alert.firedAt,
      },
    ]);
}

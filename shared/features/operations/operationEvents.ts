import type { FleetEventDraft, FleetEventType } from '../../domain/events';
import type { OperationRecord } from './operationRecord';

const CLUSTER_EVENT_OF_KIND: Readonly<Record<string, FleetEventType>> = {
  createCluster: 'fleetplane.cluster.created',
  updateCluster: 'fleetplane.cluster.updated',
  patchCluster: 'fleetplane.cluster.updated',
  startCluster: 'fleetplane.cluster.updated',
  stopCluster: 'fleetplane.cluster.updated',
  deleteCluster: 'fleetplane.cluster.deleted',
};

/**
 * The Fleetplane events an ended operation emits: `operation.succeeded|failed` (Canceled counts as failed), and for
 * a cluster operation that succeeded the cluster's own event. One ordering stream per target, and dedupe keys per
 * operation, so telling the end twice (a retried queue message) emits each event once.
 */
export function eventsOfEndedOperation(record: OperationRecord): FleetEventDraft[] {
  const succeeded = record.status === 'Succeeded';
  const data = {
    operationId: record.id,
    kind: record.kind,
    target: record.target,
    status: record.status,
    ...(record.completedAt ? { completedAt: record.completedAt } : {}),
    ...(record.createdBy ? { createdBy: record.createdBy } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
  const events: FleetEventDraft[] = [
    {
      type: succeeded ? 'fleetplane.operation.succeeded' : 'fleetplane.operation.failed',
      subject: record.target,
      orderingKey: record.target,
      dedupeKey: `operation:${record.id}:ended`,
      data,
    },
  ];
  const clusterEvent = CLUSTER_EVENT_OF_KIND[record.kind];
  if (succeeded && clusterEvent) {
    events.push({
      type: clusterEvent,
      subject: record.target,
      orderingKey: record.target,
      dedupeKey: `operation:${record.id}:cluster`,
      data: { clusterId: record.target, operationId: record.id, change: record.kind },
    });
  }
  return events;
}

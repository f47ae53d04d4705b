import { describe, expect, it } from 'vitest';
import { fleetEventDraftSchema } from '../../../shared/domain/events';
import { eventsOfEndedOperation } from '../../../shared/features/operations/operationEvents';
import type { OperationRecord } from '../../../shared/features/operations';

const TARGET = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1';
const record = (kind: string, status: OperationRecord['status'], extra: Partial<OperationRecord> = {}): OperationRecord => ({
  id: 'op-1',
  kind,
  target: TARGET,
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:01:00.000Z',
  completedAt: '2026-01-01T00:01:00.000Z',
  correlationId: 'c',
  ...extra,
});

describe('the events an ended operation emits', () => {
  it.each([
    ['createCluster', 'fleetplane.cluster.created'],
    ['updateCluster', 'fleetplane.cluster.updated'],
    ['patchCluster', 'fleetplane.cluster.updated'],
    ['stopCluster', 'fleetplane.cluster.updated'],
    ['deleteCluster', 'fleetplane.cluster.deleted'],
  ])('%s that succeeded: operation.succeeded and %s, one stream, a dedupe key each', (kind, clusterType) => {
    const events = eventsOfEndedOperation(record(kind, 'Succeeded'));
    expect(events.map((e) => [e.type, e.subject, e.orderingKey, e.dedupeKey])).toEqual([
      ['fleetplane.operation.succeeded', TARGET, TARGET, 'operation:op-1:ended'],
      [clusterType, TARGET, TARGET, 'operation:op-1:cluster'],
    ]);
    for (const event of events) expect(fleetEventDraftSchema.safeParse(event).success).toBe(true);
  });

  it('a failed or canceled operation emits operation.failed with its error and no cluster event', () => {
    const events = eventsOfEndedOperation(record('createCluster', 'Failed', { error: { code: 'QuotaExceeded', message: 'no quota' } }));
    expect(events).toEqual([
      expect.objectContaining({ type: 'fleetplane.operation.failed', data: expect.objectContaining({ status: 'Failed', error: { code: 'QuotaExceeded', message: 'no quota' } }) }),
    ]);
    expect(eventsOfEndedOperation(record('deleteCluster', 'Canceled')).map((e) => e.type)).toEqual(['fleetplane.operation.failed']);
  });

  it('a node pool operation emits only the operation event', () => {
    expect(eventsOfEndedOperation(record('createNodePool', 'Succeeded', { target: `${TARGET}/agentPools/p1` })).map((e) => e.type)).toEqual(['fleetplane.operation.succeeded']);
  });
});

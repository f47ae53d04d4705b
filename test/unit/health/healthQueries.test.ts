import { describe, expect, it } from 'vitest';
import { HEALTH_QUERY_KINDS, healthQuery, readEventRows, readWorkloadRows } from '../../../shared/domain/health';
import { parseKql } from '../logs/support/parsedKql';

const CLUSTERS = [
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/a',
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/b") | union AKSAudit | where ("',
];

describe('health queries', () => {
  it.each(HEALTH_QUERY_KINDS)('%s: one query over many clusters, each id one string literal (official Kusto parser)', (kind) => {
    const parsed = parseKql(healthQuery(kind, CLUSTERS));
    expect(parsed.strings.slice(0, 2)).toEqual(CLUSTERS);
    expect(parsed.operators).not.toContain('UnionOperator');
    expect(parsed.operators).toContain('SummarizeOperator');
  });

  it('reads workload counts and events per lower-case cluster id', () => {
    const workload = readWorkloadRows({
      columns: [{ name: '_ResourceId' }, { name: 'PendingPods' }, { name: 'FailedPods' }, { name: 'RestartingContainers' }],
      rows: [['/SUBSCRIPTIONS/S/x', 2, 0, 1]],
    });
    expect(workload.get('/subscriptions/s/x')).toEqual({ pendingPods: 2, failedPods: 0, restartingContainers: 1 });
    const events = readEventRows({
      columns: [{ name: '_ResourceId' }, { name: 'Reason' }, { name: 'Events' }, { name: 'TimeGenerated' }, { name: 'Message' }],
      rows: [
        ['/x', 'FailedScheduling', 3, new Date(), '0/2 nodes are available'],
        ['/x', 'BackOff', 1, new Date(), 'Back-off'],
      ],
    });
    expect(events.get('/x')).toEqual([
      { reason: 'FailedScheduling', count: 3, lastMessage: '0/2 nodes are available' },
      { reason: 'BackOff', count: 1, lastMessage: 'Back-off' },
    ]);
  });
});

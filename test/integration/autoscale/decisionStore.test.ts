import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../../shared/features/autoscale';
import { DecisionStore } from '../../../shared/features/autoscale/decisionStore';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1';

function record(id: string, poolName: string, evaluatedAt: string): DecisionRecord {
  return {
    id,
    clusterResourceId: CLUSTER,
    poolName,
    evaluatedAt,
    trigger: 'cycle',
    cycle: 1,
    dryRun: false,
    policy: {},
    inputs: {},
    steps: {},
    skipped: null,
    action: { type: 'None' },
    clusterAction: null,
    rule: 'metric:cpu',
    outcome: { kind: 'NoChange', reason: 'Nothing to change.' },
    sentence: 'Keep 2 nodes. Nothing was sent to ARM.',
  };
}

describe('autoscale decision records (Azurite)', () => {
  it('pages a cluster newest first, filters by pool, and drops records older than 30 days when new ones are written', async () => {
    const table = testStorage().tableClient(`${uniqueTablePrefix()}decisions`);
    await new DecisionStore(table).record(CLUSTER, [record('old', 'user', '2026-10-01T10:00:00.000Z')]);
    const store = new DecisionStore(table);
    await store.record(CLUSTER, [record('b', 'user', '2026-12-07T10:01:00.000Z'), record('c', 'batch', '2026-12-07T10:02:00.000Z'), record('a', 'user', '2026-12-07T10:00:00.000Z')]);

    const all = await store.page(CLUSTER, { pageSize: 2 });
    expect(all.records.map((r) => r.id)).toEqual(['c', 'b']);
    expect(all.continuationToken).toBeDefined();
    const rest = await store.page(CLUSTER, { pageSize: 2, continuationToken: all.continuationToken! });
    expect(rest.records.map((r) => r.id)).toEqual(['a']);
    expect((await store.page(CLUSTER.toUpperCase(), { pool: 'USER', pageSize: 10 })).records.map((r) => r.id)).toEqual(['b', 'a']);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { autoscalePolicySchema, fleetAutoscalePolicySchema, poolKeyOf, type PoolIdentity } from '../../../shared/domain/autoscale/policy';
import { PreconditionFailedError } from '../../../shared/domain/errors';
import { opaqueTagOf } from '../../../shared/domain/preconditions';
import { AutoscalePolicyStore, policiesFor } from '../../../shared/features/autoscalePolicies';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/dev1';
const policy = (enabled = true) => autoscalePolicySchema.parse({ enabled, minNodes: 1, maxNodes: 5, targets: { cpuUtilizationPercent: 60 } });
/** The If-Match a client sends back: the published strong tag. */
const ifMatch = (etag: string) => `"${opaqueTagOf(etag)}"`;
const stamp = { updatedAt: '2026-03-02T10:00:00.000Z', updatedBy: 't/o' };
const poolRecord = (poolName: string, enabled = true) => ({ clusterResourceId: CLUSTER, poolName, poolMode: 'User' as const, policy: policy(enabled), ...stamp });
const fleetRecord = (name: string, selector: Record<string, unknown>, enabled = true) => ({
  name,
  policy: fleetAutoscalePolicySchema.parse({ enabled, selector, minNodes: 2, maxNodes: 9, targets: { pendingPods: true } }),
  ...stamp,
});

describe('AutoscalePolicyStore against Azurite', () => {
  let store: AutoscalePolicyStore;

  beforeEach(() => {
    store = new AutoscalePolicyStore(testStorage().tableClient(`${uniqueTablePrefix()}autoscalepolicies`));
  });

  it('creates, replaces with If-Match, refuses a stale ETag (412) and deletes', async () => {
    const created = await store.putPoolPolicy(poolRecord('user1'), undefined);
    expect(created.created).toBe(true);
    const replaced = await store.putPoolPolicy(poolRecord('user1'), ifMatch(created.stored.etag));
    expect(replaced.created).toBe(false);
    await expect(store.putPoolPolicy(poolRecord('user1'), ifMatch(created.stored.etag))).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(store.deletePoolPolicy({ clusterResourceId: CLUSTER, poolName: 'user1' }, ifMatch(created.stored.etag))).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await store.deletePoolPolicy({ clusterResourceId: CLUSTER, poolName: 'user1' }, ifMatch(replaced.stored.etag))).toBe(true);
    expect(await store.getPoolPolicy({ clusterResourceId: CLUSTER, poolName: 'user1' })).toBeUndefined();
  });

  it('If-Match on a policy that does not exist is a 412', async () => {
    await expect(store.putFleetPolicy(fleetRecord('all', {}), '"x"')).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('finds a pool policy whatever the case of the cluster id', async () => {
    await store.putPoolPolicy(poolRecord('user1'), undefined);
    expect(await store.getPoolPolicy({ clusterResourceId: CLUSTER.toUpperCase(), poolName: 'USER1' })).toBeDefined();
  });

  it('says whether any policy is enabled, pool or fleet-wide', async () => {
    expect(await store.anyEnabled()).toBe(false);
    await store.putPoolPolicy(poolRecord('user1', false), undefined);
    await store.putFleetPolicy(fleetRecord('off', {}, false), undefined);
    expect(await store.anyEnabled()).toBe(false);
    await store.putFleetPolicy(fleetRecord('on', { poolMode: 'User' }), undefined);
    expect(await store.anyEnabled()).toBe(true);
  });

  it('policiesFor: the pool\'s own policy, else the most specific fleet-wide one, with schedules folded in', async () => {
    await store.putPoolPolicy(poolRecord('own'), undefined);
    await store.putFleetPolicy(fleetRecord('all', {}), undefined);
    await store.putFleetPolicy(fleetRecord('dev', { clusterTags: { env: 'dev' } }), undefined);
    const identity = (poolName: string, clusterTags: Record<string, string>): PoolIdentity => ({
      clusterResourceId: CLUSTER,
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      resourceGroup: 'rg',
      clusterName: 'dev1',
      poolName,
      poolMode: 'User',
      clusterTags,
      poolTags: {},
    });
    const pools = [identity('own', { env: 'dev' }), identity('tagged', { env: 'dev' }), identity('other', {})];
    const found = await policiesFor(store, pools, new Date('2026-03-02T10:00:00Z'));
    expect(pools.map((pool) => found.get(poolKeyOf(pool))?.selected.source)).toEqual([
      { kind: 'pool' },
      { kind: 'fleet', name: 'dev', specificity: 1 },
      { kind: 'fleet', name: 'all', specificity: 0 },
    ]);
    expect(found.get(poolKeyOf(pools[1]!))?.effective).toMatchObject({ minNodes: 2, maxNodes: 9, openSchedules: [] });
    expect((await store.listFleetPolicies()).map((row) => row.value.name)).toEqual(['all', 'dev']);
  });
});

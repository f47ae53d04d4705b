import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoscalePolicySchema,
  fleetAutoscalePolicySchema,
  policyForPool,
  type NamedFleetPolicy,
  type PoolIdentity,
} from '../../../shared/domain/autoscale/policy';

const pool: PoolIdentity = {
  clusterResourceId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/dev1',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  resourceGroup: 'rg-dev',
  clusterName: 'dev1',
  poolName: 'user1',
  poolMode: 'User',
  clusterTags: { Env: 'dev', team: 'payments' },
  poolTags: { workload: 'batch' },
};

const fleet = (name: string, selector: Record<string, unknown>, maxNodes = 5): NamedFleetPolicy => ({
  name,
  policy: fleetAutoscalePolicySchema.parse({ selector, minNodes: 1, maxNodes, targets: { cpuUtilizationPercent: 60 } }),
});

describe('which policy governs a pool', () => {
  it('a pool\'s own policy beats every fleet-wide one', () => {
    const own = autoscalePolicySchema.parse({ minNodes: 2, maxNodes: 3, targets: { pendingPods: true } });
    expect(policyForPool(pool, own, [fleet('all', {})])?.source).toEqual({ kind: 'pool' });
  });

  it.each([
    ['the most specific selector wins', [fleet('all', {}), fleet('dev', { clusterTags: { env: 'dev' } }), fleet('dev-batch', { clusterTags: { env: 'dev' }, poolTags: { workload: 'batch' } })], 'dev-batch'],
    ['tag names match case-insensitively, values exactly', [fleet('upper', { clusterTags: { ENV: 'dev' } }), fleet('value', { clusterTags: { env: 'DEV' } })], 'upper'],
    ['a selector with an unmatched condition never applies', [fleet('prod', { clusterTags: { env: 'prod' }, poolMode: 'User' }), fleet('all', {})], 'all'],
    ['ties go to the name that sorts first', [fleet('zeta', { poolMode: 'User' }), fleet('alpha', { subscriptionId: pool.subscriptionId })], 'alpha'],
    ['subscription and resource group count one each', [fleet('rg', { subscriptionId: pool.subscriptionId, resourceGroup: 'RG-DEV' }), fleet('tag', { clusterTags: { team: 'payments' } })], 'rg'],
  ])('%s', (_case, policies, winner) => {
    const selected = policyForPool(pool, undefined, policies);
    expect(selected?.source).toMatchObject({ kind: 'fleet', name: winner });
  });

  it('no matching policy: none', () => {
    expect(policyForPool(pool, undefined, [fleet('system', { poolMode: 'System' })])).toBeUndefined();
  });

  it('the winner does not depend on the order policies are listed in (property)', () => {
    const selectorArbitrary = fc.record(
      {
        clusterTags: fc.subarray([['env', 'dev'], ['team', 'payments'], ['env', 'prod']] as const).map((pairs) => Object.fromEntries(pairs)),
        poolTags: fc.subarray([['workload', 'batch']] as const).map((pairs) => Object.fromEntries(pairs)),
        poolMode: fc.constantFrom('User' as const, 'System' as const),
        subscriptionId: fc.constant(pool.subscriptionId),
      },
      { requiredKeys: [] },
    );
    const policiesArbitrary = fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z]{1,4}$/), selector: selectorArbitrary }), { selector: (p) => p.name, maxLength: 8 });
    fc.assert(
      fc.property(policiesArbitrary, fc.nat(), (specs, seed) => {
        const policies = specs.map((spec) => fleet(spec.name, spec.selector));
        const shuffled = [...policies].sort((a, b) => ((a.name.charCodeAt(0) * 31 + seed) % 7) - ((b.name.charCodeAt(0) * 31 + seed) % 7));
        expect(policyForPool(pool, undefined, shuffled)?.source).toEqual(policyForPool(pool, undefined, [...policies].reverse())?.source);
      }),
    );
  });
});

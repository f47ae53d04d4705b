import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurgeInput } from '../../../shared/domain/upgrades';
import { surgePlan } from '../../../shared/domain/upgrades';

describe('surgePlan (upgrade-aks-node-pools-rolling.md, upgrade-options.md, AgentPoolUpgradeSettings field docs)', () => {
  it.each<[string, SurgeInput, number]>([
    ['unset maxSurge is 10%: 5 nodes → 1', { poolNodeCount: 5 }, 1],
    ['unset maxSurge is 10%: 10 nodes → 1', { poolNodeCount: 10 }, 1],
    ['unset maxSurge is 10%: 11 nodes → 2 (1.1 rounds up)', { poolNodeCount: 11 }, 2],
    ['33% of 10 nodes → 4 (3.3 rounds up)', { poolNodeCount: 10, maxSurge: '33%' }, 4],
    [
      '7% of 100 nodes → 7 in integer arithmetic (Math.ceil(0.07 * 100) is 8)',
      { poolNodeCount: 100, maxSurge: '7%' },
      7,
    ],
    [
      '50% of 4 nodes → 2 (the quota example: 5 pools × 4 nodes at 50% = 10 VMs)',
      { poolNodeCount: 4, maxSurge: '50%' },
      2,
    ],
    ['a count above the pool size is capped at the nodes to upgrade', { poolNodeCount: 3, maxSurge: '5' }, 3],
    [
      'a resumed upgrade is capped at the nodes still to upgrade',
      { poolNodeCount: 10, maxSurge: '50%', nodesRemainingToUpgrade: 2 },
      2,
    ],
    ['null maxSurge is the default too', { poolNodeCount: 30, maxSurge: null }, 3],
  ])('%s', (_case, input, surgeNodes) => {
    expect(surgePlan(input)).toMatchObject({ ok: true, surgeNodes });
  });

  it('says which maxSurge it used', () => {
    expect(surgePlan({ poolNodeCount: 20 })).toEqual({
      ok: true,
      surgeNodes: 2,
      unavailableNodes: 0,
      effectiveMaxSurge: '10%',
    });
  });

  it.each<[string, SurgeInput, number]>([
    ['5% of 30 nodes → 2 (rounded up)', { poolNodeCount: 30, maxSurge: '0', maxUnavailable: '5%' }, 2],
    ['a count', { poolNodeCount: 30, maxSurge: '0', maxUnavailable: '3' }, 3],
    ['with surge too (the preview fallback)', { poolNodeCount: 30, maxSurge: '1', maxUnavailable: '1' }, 1],
  ])('maxUnavailable: %s', (_case, input, unavailableNodes) => {
    expect(surgePlan(input)).toMatchObject({ ok: true, unavailableNodes });
  });

  it.each<[string, SurgeInput]>([
    ['maxSurge and maxUnavailable both 0', { poolNodeCount: 5, maxSurge: '0', maxUnavailable: '0' }],
    ['both 0 as percentages', { poolNodeCount: 5, maxSurge: '0%', maxUnavailable: '0%' }],
    ['maxUnavailable on a System pool', { poolNodeCount: 5, mode: 'System', maxUnavailable: '1' }],
    ['maxSurge that is not a count or a percentage', { poolNodeCount: 5, maxSurge: 'many' }],
    ['maxSurge above 100%', { poolNodeCount: 5, maxSurge: '150%' }],
    ['a fractional maxSurge', { poolNodeCount: 5, maxSurge: '1.5' }],
    ['a negative pool size', { poolNodeCount: -1 }],
  ])('refuses %s', (_case, input) => {
    expect(surgePlan(input)).toMatchObject({ ok: false, errorKind: 'INVALID_UPGRADE_SETTINGS' });
  });

  it('refuses a surge that takes the scale set past 1,000 instances, and says how big it would be', () => {
    expect(surgePlan({ poolNodeCount: 995, maxSurge: '10%' })).toMatchObject({
      ok: false,
      errorKind: 'VMSS_INSTANCE_LIMIT',
      surgeNodes: 100,
    });
    expect(surgePlan({ poolNodeCount: 990, maxSurge: '10' })).toMatchObject({ ok: true, surgeNodes: 10 });
  });

  it('counts the subnet IPs Azure CNI needs: (nodes + surge) × (maxPods + 1)', () => {
    expect(surgePlan({ poolNodeCount: 50, maxSurge: '1', maxPods: 30 })).toMatchObject({
      ipsRequired: 51 * 31,
    });
  });

  it('tolerates as many undrainable nodes as the surge unless maxBlockedNodes says otherwise', () => {
    expect(surgePlan({ poolNodeCount: 10, maxSurge: '3', undrainableNodeBehavior: 'Cordon' })).toMatchObject({
      effectiveMaxBlockedNodes: 3,
    });
    expect(
      surgePlan({
        poolNodeCount: 10,
        maxSurge: '3',
        undrainableNodeBehavior: 'Cordon',
        maxBlockedNodes: '1',
      }),
    ).toMatchObject({ effectiveMaxBlockedNodes: 1 });
    expect(
      surgePlan({ poolNodeCount: 10, undrainableNodeBehavior: 'Cordon', maxBlockedNodes: '50%' }),
    ).toMatchObject({
      effectiveMaxBlockedNodes: 5,
    });
  });
});

describe('surgePlan properties', () => {
  const settings = fc.record({
    poolNodeCount: fc.integer({ min: 0, max: 1000 }),
    percent: fc.integer({ min: 1, max: 100 }),
    remainingShare: fc.double({ min: 0, max: 1, noNaN: true }),
    maxPods: fc.integer({ min: 10, max: 250 }),
  });

  it('rounds a percentage up exactly, caps it at the nodes left, and keeps the scale set within 1,000', () => {
    fc.assert(
      fc.property(settings, ({ poolNodeCount, percent, remainingShare, maxPods }) => {
        const remaining = Math.floor(poolNodeCount * remainingShare);
        const result = surgePlan({
          poolNodeCount,
          maxSurge: `${percent}%`,
          nodesRemainingToUpgrade: remaining,
          maxPods,
        });
        const share = poolNodeCount * percent; // surge × 100 must cover it, and one node less must not
        const expected = Math.min(remaining, Math.floor((share + 99) / 100));
        if (!result.ok) {
          expect(result.errorKind).toBe('VMSS_INSTANCE_LIMIT');
          expect(poolNodeCount + (result.surgeNodes ?? 0)).toBeGreaterThan(1000);
          return;
        }
        expect(result.surgeNodes).toBe(expected);
        if (result.surgeNodes < remaining) {
          expect(result.surgeNodes * 100).toBeGreaterThanOrEqual(share);
          expect((result.surgeNodes - 1) * 100).toBeLessThan(share);
        }
        expect(poolNodeCount + result.surgeNodes).toBeLessThanOrEqual(1000);
        expect(result.ipsRequired).toBe((poolNodeCount + result.surgeNodes) * (maxPods + 1));
      }),
    );
  });

  it('never plans more unavailable nodes than are left to upgrade', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 2000 }),
        (poolNodeCount, count) => {
          const result = surgePlan({ poolNodeCount, maxSurge: '0', maxUnavailable: String(count + 1) });
          expect(result).toMatchObject({ ok: true, surgeNodes: 0 });
          if (result.ok) expect(result.unavailableNodes).toBe(Math.min(count + 1, poolNodeCount));
        },
      ),
    );
  });
});

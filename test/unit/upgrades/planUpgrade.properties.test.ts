import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UpgradePlan } from '../../../shared/domain/upgrades';
import { planUpgrade, validateClusterVersions, validateUpgrade } from '../../../shared/domain/upgrades';
import type { UpgradeCase } from './support/upgradeArbitraries';
import { minorOf, patchOf, skewLimit, upgradeCaseArbitrary } from './support/upgradeArbitraries';

const compare = (a: string, b: string) => minorOf(a) - minorOf(b) || patchOf(a) - patchOf(b);

/** The oracle's reading of the documented skips, from the generated region itself. */
function isDocumentedSkip(testCase: UpgradeCase, from: string, hop: string): boolean {
  if (testCase.request.upgradeType !== 'Full' || !testCase.profileUpgrades.includes(hop)) return false;
  const community = testCase.region.minors.filter((entry) =>
    entry.spec.plans?.includes('KubernetesOfficial'),
  );
  if (testCase.cluster.supportPlan === 'AKSLongTermSupport')
    return testCase.region.minors.some(
      (entry) => entry.minor === minorOf(hop) && entry.spec.plans?.includes('AKSLongTermSupport'),
    );
  const supported = community.some((entry) => entry.minor === minorOf(from));
  const lowest = community.find((entry) => !entry.spec.preview)?.minor;
  return !supported && minorOf(hop) === lowest;
}

/** Replays a plan operation by operation and checks AKS's rules after each one. */
function replay(
  testCase: UpgradeCase,
  plan: UpgradePlan,
): { controlPlane: string; pools: Record<string, string> } {
  let controlPlane = testCase.cluster.controlPlane;
  const pools = { ...testCase.cluster.nodePools };
  let controlPlaneMoves = 0;
  for (const step of plan.steps) {
    let controlPlaneJump = 0;
    if (step.controlPlane) {
      expect(testCase.request.upgradeType).not.toBe('NodePoolOnly');
      expect(compare(step.controlPlane, controlPlane)).toBeGreaterThan(0);
      controlPlaneJump = minorOf(step.controlPlane) - minorOf(controlPlane);
      if (controlPlaneJump > 1) {
        expect(controlPlaneMoves).toBe(0);
        expect(isDocumentedSkip(testCase, controlPlane, step.controlPlane)).toBe(true);
      }
      controlPlane = step.controlPlane;
      controlPlaneMoves += 1;
    }
    for (const [pool, next] of Object.entries(step.nodePools ?? {})) {
      expect(testCase.request.upgradeType).not.toBe('ControlPlaneOnly');
      expect(compare(next, pools[pool]!)).toBeGreaterThan(0);
      expect(minorOf(next) - minorOf(pools[pool]!)).toBeLessThanOrEqual(Math.max(1, controlPlaneJump));
      pools[pool] = next;
    }
    for (const version of Object.values(pools)) {
      expect(compare(version, controlPlane)).toBeLessThanOrEqual(0);
      expect(minorOf(controlPlane) - minorOf(version)).toBeLessThanOrEqual(skewLimit(minorOf(controlPlane)));
    }
  }
  return { controlPlane, pools };
}

const runs = { numRuns: 500 };

describe('planUpgrade properties', () => {
  it('generates only clusters AKS would accept as they are', () => {
    fc.assert(
      fc.property(upgradeCaseArbitrary, ({ cluster }) => {
        expect(validateClusterVersions(cluster)).toEqual({ ok: true });
      }),
      runs,
    );
  });

  it('never skips a minor (but the documented first hop), never puts a pool above the control plane, never breaks skew', () => {
    fc.assert(
      fc.property(upgradeCaseArbitrary, (testCase) => {
        const plan = planUpgrade(testCase.sources, testCase.cluster, testCase.request);
        if (!plan.ok) return;
        replay(testCase, plan);
      }),
      runs,
    );
  });

  it('ends where the request asked', () => {
    fc.assert(
      fc.property(upgradeCaseArbitrary, (testCase) => {
        const plan = planUpgrade(testCase.sources, testCase.cluster, testCase.request);
        if (!plan.ok) return;
        const end = replay(testCase, plan);
        const { upgradeType, targetPool } = testCase.request;
        if (upgradeType !== 'NodePoolOnly') expect(end.controlPlane).toBe(plan.resolvedTarget);
        else expect(end.controlPlane).toBe(testCase.cluster.controlPlane);
        for (const [pool, version] of Object.entries(end.pools)) {
          const moves =
            upgradeType === 'Full' || (upgradeType === 'NodePoolOnly' && (targetPool ?? pool) === pool);
          expect(version).toBe(moves ? plan.resolvedTarget : testCase.cluster.nodePools[pool]);
        }
      }),
      runs,
    );
  });

  it('accepts as a plan every request validateUpgrade accepts, with the same target', () => {
    fc.assert(
      fc.property(upgradeCaseArbitrary, (testCase) => {
        const verdict = validateUpgrade(testCase.sources, testCase.cluster, testCase.request);
        if (!verdict.ok) return;
        expect(planUpgrade(testCase.sources, testCase.cluster, testCase.request)).toMatchObject({
          ok: true,
          resolvedTarget: verdict.resolvedTarget,
        });
      }),
      runs,
    );
  });

  it('plans one operation per validated request that moves one thing at most one minor', () => {
    fc.assert(
      fc.property(upgradeCaseArbitrary, (testCase) => {
        const verdict = validateUpgrade(testCase.sources, testCase.cluster, testCase.request);
        const plan = planUpgrade(testCase.sources, testCase.cluster, testCase.request);
        if (!verdict.ok || !plan.ok || testCase.request.upgradeType !== 'ControlPlaneOnly') return;
        expect(plan.steps.length).toBeLessThanOrEqual(1);
      }),
      runs,
    );
  });
});

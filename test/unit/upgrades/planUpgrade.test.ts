import { describe, expect, it } from 'vitest';
import type { UpgradeRequest } from '../../../shared/domain/upgrades';
import { planUpgrade } from '../../../shared/domain/upgrades';
import { catalogOf, clusterOf, exampleBody, profileOf, region2026 } from './support/versions';

const region = { catalog: region2026 };
const lts = { supportPlan: 'AKSLongTermSupport' } as const;
const request = (
  target: string,
  upgradeType: UpgradeRequest['upgradeType'],
  extra: Partial<UpgradeRequest> = {},
) => ({
  target,
  upgradeType,
  ...extra,
});

describe('planUpgrade: minor by minor (upgrade-aks-control-plane.md, upgrade-aks-cluster.md)', () => {
  it('walks the control plane and the pools through the newest GA patch of each intermediate minor', () => {
    expect(
      planUpgrade(region, clusterOf('1.33.2', { sys: '1.33.2', user: '1.33.2' }), request('1.35.2', 'Full')),
    ).toEqual({
      ok: true,
      resolvedTarget: '1.35.2',
      steps: [
        { controlPlane: '1.34.3', nodePools: { sys: '1.34.3', user: '1.34.3' } },
        { controlPlane: '1.35.2', nodePools: { sys: '1.35.2', user: '1.35.2' } },
      ],
    });
  });

  it('plans the example catalogue (KubernetesVersions_List.json): 1.23.12 → 1.25.5 through 1.24.9', () => {
    const plan = planUpgrade(
      { catalog: exampleBody('KubernetesVersions_List.json') },
      clusterOf('1.23.12', { agent: '1.23.12' }),
      request('1.25.5', 'Full'),
    );
    expect(plan).toEqual({
      ok: true,
      resolvedTarget: '1.25.5',
      steps: [
        { controlPlane: '1.24.9', nodePools: { agent: '1.24.9' } },
        { controlPlane: '1.25.5', nodePools: { agent: '1.25.5' } },
      ],
    });
  });

  it('brings a lagging pool up one minor per operation before the control plane leaves it too far behind', () => {
    const plan = planUpgrade(
      region,
      clusterOf('1.34.3', { sys: '1.34.3', old: '1.32.6' }),
      request('1.35', 'Full'),
    );
    expect(plan).toEqual({
      ok: true,
      resolvedTarget: '1.35.2',
      steps: [
        { nodePools: { old: '1.33.5' } },
        { nodePools: { old: '1.34.3' } },
        { controlPlane: '1.35.2', nodePools: { sys: '1.35.2', old: '1.35.2' } },
      ],
    });
  });

  it('moves only the control plane for ControlPlaneOnly, one minor per operation', () => {
    expect(
      planUpgrade(region, clusterOf('1.33.2', { np1: '1.33.2' }), request('1.35.2', 'ControlPlaneOnly')),
    ).toEqual({
      ok: true,
      resolvedTarget: '1.35.2',
      steps: [{ controlPlane: '1.34.3' }, { controlPlane: '1.35.2' }],
    });
  });

  it('stops ControlPlaneOnly where a pool would fall out of skew', () => {
    expect(
      planUpgrade(
        region,
        clusterOf('1.33.2', { np1: '1.33.2', old: '1.32.6' }),
        request('1.36.0', 'ControlPlaneOnly', { allowPreview: true }),
      ),
    ).toMatchObject({ ok: false, errorKind: 'VERSION_SKEW_EXCEEDED', offendingPools: ['old'] });
  });

  it('upgrades one pool for NodePoolOnly with a targetPool, each minor a separate operation', () => {
    const plan = planUpgrade(
      region,
      clusterOf('1.34.3', { sys: '1.34.3', old: '1.32.6', other: '1.33.2' }),
      request('1.34.3', 'NodePoolOnly', { targetPool: 'old' }),
    );
    expect(plan).toEqual({
      ok: true,
      resolvedTarget: '1.34.3',
      steps: [{ nodePools: { old: '1.33.5' } }, { nodePools: { old: '1.34.3' } }],
    });
  });

  it('resolves a pool alias of the control plane minor to the control plane version, never above it', () => {
    const plan = planUpgrade(
      region,
      clusterOf('1.34.1', { sys: '1.34.1', old: '1.33.2' }),
      request('1.34', 'NodePoolOnly'),
    );
    expect(plan).toEqual({ ok: true, resolvedTarget: '1.34.1', steps: [{ nodePools: { old: '1.34.1' } }] });
  });

  it('has nothing to do when the cluster is already there', () => {
    expect(planUpgrade(region, clusterOf('1.33.2', { np1: '1.33.2' }), request('1.33', 'Full'))).toEqual({
      ok: true,
      resolvedTarget: '1.33.2',
      steps: [],
    });
  });

  it('finds no path across a minor the region does not offer', () => {
    const gap = catalogOf({ '1.33': { patches: ['1.33.2'] }, '1.35': { patches: ['1.35.2'] } });
    expect(planUpgrade({ catalog: gap }, clusterOf('1.33.2', {}), request('1.35.2', 'Full'))).toMatchObject({
      ok: false,
      errorKind: 'NO_UPGRADE_PATH',
    });
  });

  it('rejects what validateUpgrade rejects before any path is drawn', () => {
    expect(planUpgrade(region, clusterOf('1.34.3', {}), request('1.33.5', 'Full'))).toMatchObject({
      errorKind: 'DOWNGRADE_NOT_ALLOWED',
    });
    expect(planUpgrade(region, clusterOf('1.35.2', {}), request('1.36.0', 'Full'))).toMatchObject({
      errorKind: 'PREVIEW_NOT_ALLOWED',
    });
    expect(
      planUpgrade(
        region,
        clusterOf('1.33.2', { a: '1.33.2' }),
        request('1.33.2', 'NodePoolOnly', { targetPool: 'b' }),
      ),
    ).toMatchObject({
      errorKind: 'NO_UPGRADE_PATH',
      offendingPools: ['b'],
    });
  });
});

describe('planUpgrade: the documented first-hop skips (long-term-support.md; supported-kubernetes-versions FAQ)', () => {
  it('takes an LTS cluster straight to the furthest LTS minor its profile offers, then minor by minor', () => {
    const sources = { ...region, upgradeProfile: profileOf('1.27.102', ['1.28.101', '1.30.102']) };
    expect(
      planUpgrade(sources, clusterOf('1.27.102', { np1: '1.27.102' }, lts), request('1.32.9', 'Full')),
    ).toEqual({
      ok: true,
      resolvedTarget: '1.32.9',
      steps: [
        { controlPlane: '1.30.102', nodePools: { np1: '1.30.102' } },
        { controlPlane: '1.31.101', nodePools: { np1: '1.31.101' } },
        { controlPlane: '1.32.9', nodePools: { np1: '1.32.9' } },
      ],
    });
  });

  it('does not skip for an LTS cluster without an upgrade profile', () => {
    const plan = planUpgrade(
      region,
      clusterOf('1.27.102', { np1: '1.27.102' }, lts),
      request('1.29.101', 'Full'),
    );
    expect(plan).toEqual({
      ok: true,
      resolvedTarget: '1.29.101',
      steps: [
        { controlPlane: '1.28.101', nodePools: { np1: '1.28.101' } },
        { controlPlane: '1.29.101', nodePools: { np1: '1.29.101' } },
      ],
    });
  });

  it('brings an unsupported community cluster back through the lowest supported minor', () => {
    const sources = { ...region, upgradeProfile: profileOf('1.29.100', ['1.32.9']) };
    expect(
      planUpgrade(sources, clusterOf('1.29.100', { np1: '1.29.100' }), request('1.34.3', 'Full')),
    ).toEqual({
      ok: true,
      resolvedTarget: '1.34.3',
      steps: [
        { controlPlane: '1.32.9', nodePools: { np1: '1.32.9' } },
        { controlPlane: '1.33.5', nodePools: { np1: '1.33.5' } },
        { controlPlane: '1.34.3', nodePools: { np1: '1.34.3' } },
      ],
    });
    expect(
      planUpgrade(region, clusterOf('1.29.100', { np1: '1.29.100' }), request('1.34.3', 'Full')),
    ).toMatchObject({
      ok: false,
      errorKind: 'NO_UPGRADE_PATH',
    });
  });

  it('lets pools that trail the control plane catch up to it before the skip', () => {
    const sources = { ...region, upgradeProfile: profileOf('1.29.100', ['1.32.9']) };
    const plan = planUpgrade(
      sources,
      clusterOf('1.29.100', { old: '1.28.100' }, lts),
      request('1.32.9', 'Full'),
    );
    expect(plan).toEqual({
      ok: true,
      resolvedTarget: '1.32.9',
      steps: [{ nodePools: { old: '1.29.100' } }, { controlPlane: '1.32.9', nodePools: { old: '1.32.9' } }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { UpgradeRequest } from '../../../shared/domain/upgrades';
import { validateClusterVersions, validateUpgrade } from '../../../shared/domain/upgrades';
import { clusterOf, exampleBody, profileOf, region2026 } from './support/versions';

const region = { catalog: region2026 };
const full = (target: string, extra: Partial<UpgradeRequest> = {}): UpgradeRequest => ({
  target,
  upgradeType: 'Full',
  ...extra,
});
const controlPlaneOnly = (target: string): UpgradeRequest => ({ target, upgradeType: 'ControlPlaneOnly' });
const poolOnly = (target: string, targetPool?: string): UpgradeRequest => ({
  target,
  upgradeType: 'NodePoolOnly',
  ...(targetPool ? { targetPool } : {}),
});

describe('validateUpgrade: one request as AKS judges it', () => {
  // learn.microsoft.com/azure/aks/upgrade-aks-control-plane ("Kubernetes version upgrade rules") and
  // troubleshoot/azure/azure-kubernetes/error-codes/aks-upgrade-blocked (error message 2).
  it.each([
    ['next minor, any patch', '1.33.2', full('1.34.1'), '1.34.1'],
    ['newer patch of the same minor', '1.33.2', full('1.33.5'), '1.33.5'],
    ['alias of the next minor: its newest GA patch', '1.33.2', full('1.34'), '1.34.3'],
    ['alias of the current minor is a no-op', '1.33.2', full('1.33'), '1.33.2'],
    ['control plane only, next minor', '1.33.2', controlPlaneOnly('1.34.3'), '1.34.3'],
  ])('accepts %s', (_case, controlPlane, request, resolvedTarget) => {
    expect(validateUpgrade(region, clusterOf(controlPlane, { np1: controlPlane }), request)).toEqual({
      ok: true,
      resolvedTarget,
    });
  });

  it('refuses a control-plane minor skip with AKS words and its one-step upgrades', () => {
    expect(validateUpgrade(region, clusterOf('1.33.2', { np1: '1.33.2' }), full('1.35.2'))).toEqual({
      ok: false,
      errorKind: 'MINOR_VERSION_SKIP',
      azureErrorCode: 'OperationNotAllowed',
      message:
        'Upgrading Kubernetes version 1.33.2 to 1.35.2 is not allowed. Available upgrades: [1.34.3 1.34.1 1.33.5]. ' +
        'Please see https://aka.ms/aks-supported-k8s-ver for version details.',
    });
  });

  it('lists the upgrade profile when given, as AKS does', () => {
    const sources = { ...region, upgradeProfile: profileOf('1.33.2', ['1.33.5', '1.34.3', '1.35.0?']) };
    const rejection = validateUpgrade(sources, clusterOf('1.33.2', {}), full('1.35.2'));
    expect(rejection).toMatchObject({ errorKind: 'MINOR_VERSION_SKIP' });
    expect(rejection.ok === false && rejection.message).toContain('Available upgrades: [1.34.3 1.33.5].');
  });

  // learn.microsoft.com/azure/aks/upgrade-node-pools; azure-apis.md §2 (AgentPoolUpgradeVersionNotAllowed,
  // NodePoolMcVersionIncompatible wording from Azure/AKS issues).
  it.each([
    [
      'a pool skipping a minor',
      clusterOf('1.34.3', { old: '1.32.6' }),
      poolOnly('1.34.1', 'old'),
      'MINOR_VERSION_SKIP',
      'AgentPoolUpgradeVersionNotAllowed',
      ['old'],
    ],
    [
      'a pool going down',
      clusterOf('1.34.3', { np1: '1.34.3' }),
      poolOnly('1.34.1'),
      'DOWNGRADE_NOT_ALLOWED',
      'AgentPoolUpgradeVersionNotAllowed',
      ['np1'],
    ],
    [
      'a pool above the control plane (patch counts)',
      clusterOf('1.34.1', { np1: '1.34.1' }),
      poolOnly('1.34.3'),
      'NODE_POOL_NEWER_THAN_CONTROL_PLANE',
      'NodePoolMcVersionIncompatible',
      ['np1'],
    ],
    [
      'a full upgrade a lagging pool cannot follow in one operation',
      clusterOf('1.34.3', { sys: '1.34.3', old: '1.32.9' }),
      full('1.35.2'),
      'MINOR_VERSION_SKIP',
      'AgentPoolUpgradeVersionNotAllowed',
      ['old'],
    ],
  ])('refuses %s', (_case, cluster, request, errorKind, azureErrorCode, offendingPools) => {
    expect(validateUpgrade(region, cluster, request)).toMatchObject({
      ok: false,
      errorKind,
      azureErrorCode,
      offendingPools,
    });
  });

  it('words a pool skip as AKS does', () => {
    const rejection = validateUpgrade(
      region,
      clusterOf('1.34.3', { old: '1.32.6' }),
      poolOnly('1.34.1', 'old'),
    );
    expect(rejection.ok === false && rejection.message).toBe(
      'Upgrade agent pool version from 1.32.6 to 1.34.1 is not allowed, you can only upgrade one minor version at a time. ' +
        'Please use [az aks get-upgrades] command to get the supported upgrade paths. ' +
        'For more information, please check https://aka.ms/version-skew-policy',
    );
  });

  // learn.microsoft.com/azure/aks/supported-kubernetes-versions (FAQ: skew of 3 minors since 1.28, 2 before).
  it.each([
    ['pool 3 minors behind a 1.35 control plane', '1.34.3', { old: '1.32.9' }, '1.35.2', true],
    ['pool 4 minors behind a 1.35 control plane', '1.34.3', { old: '1.31.101' }, '1.35.2', false],
  ])('control plane only: %s', (_case, controlPlane, pools, target, accepted) => {
    const result = validateUpgrade(region, clusterOf(controlPlane, pools), controlPlaneOnly(target));
    if (accepted) expect(result).toEqual({ ok: true, resolvedTarget: target });
    else
      expect(result).toMatchObject({
        errorKind: 'VERSION_SKEW_EXCEEDED',
        azureErrorCode: 'NodePoolMcVersionIncompatible',
        offendingPools: ['old'],
      });
  });

  it('keeps the 2-minor skew before 1.28 (KubernetesVersions_List.json: 1.23–1.25 GA, 1.26 preview)', () => {
    const fixture = { catalog: exampleBody('KubernetesVersions_List.json') };
    const twoBehind = validateUpgrade(
      fixture,
      clusterOf('1.24.9', { np: '1.23.12' }),
      controlPlaneOnly('1.25.5'),
    );
    expect(twoBehind).toEqual({ ok: true, resolvedTarget: '1.25.5' });
    const threeBehind = validateUpgrade(fixture, clusterOf('1.25.5', { np: '1.23.12' }), {
      ...controlPlaneOnly('1.26.0'),
      allowPreview: true,
    });
    expect(threeBehind).toMatchObject({ errorKind: 'VERSION_SKEW_EXCEEDED', offendingPools: ['np'] });
    expect(threeBehind.ok === false && threeBehind.message).toContain(
      "Minor version of node pool cannot be more than 2 versions less than control plane's version.",
    );
  });

  // learn.microsoft.com/azure/aks/auto-upgrade-cluster and the control-plane-only row of upgrades.md §1.1.
  it('refuses control plane only while an auto-upgrade channel is set', () => {
    for (const channel of ['patch', 'stable', 'rapid', 'node-image'] as const)
      expect(
        validateUpgrade(
          region,
          clusterOf('1.33.2', {}, { autoUpgradeChannel: channel }),
          controlPlaneOnly('1.34.3'),
        ),
      ).toMatchObject({
        errorKind: 'CONTROL_PLANE_ONLY_WITH_AUTOUPGRADE',
        azureErrorCode: 'NotAllAgentPoolOrchestratorVersionSpecifiedAndUnchanged',
      });
  });

  it('refuses an unknown, a preview and a malformed target', () => {
    const cluster = clusterOf('1.35.0', { np1: '1.35.0' });
    expect(validateUpgrade(region, cluster, full('1.35.9'))).toMatchObject({
      errorKind: 'VERSION_NOT_AVAILABLE',
      azureErrorCode: 'K8sVersionNotSupported',
    });
    expect(validateUpgrade(region, cluster, poolOnly('1.35.1'))).toMatchObject({
      errorKind: 'VERSION_NOT_AVAILABLE',
      azureErrorCode: 'AgentPoolK8sVersionNotSupported',
    });
    expect(validateUpgrade(region, cluster, full('1.36.0'))).toMatchObject({
      errorKind: 'PREVIEW_NOT_ALLOWED',
    });
    expect(validateUpgrade(region, cluster, full('1.36'))).toMatchObject({
      errorKind: 'PREVIEW_NOT_ALLOWED',
    });
    expect(validateUpgrade(region, cluster, full('1.36.0', { allowPreview: true }))).toEqual({
      ok: true,
      resolvedTarget: '1.36.0',
    });
    expect(validateUpgrade(region, cluster, full('latest'))).toMatchObject({
      errorKind: 'VERSION_NOT_AVAILABLE',
    });
  });

  it('treats a preview upgrade the profile marks isPreview as preview (ManagedClustersGetUpgradeProfile.json)', () => {
    const sources = {
      catalog: { values: [] },
      upgradeProfile: exampleBody('ManagedClustersGetUpgradeProfile.json'),
    };
    const cluster = clusterOf('1.7.7', { agent: '1.7.7' });
    expect(validateUpgrade(sources, cluster, full('1.7.9'))).toMatchObject({
      errorKind: 'PREVIEW_NOT_ALLOWED',
    });
    expect(validateUpgrade(sources, cluster, full('1.7.11'))).toEqual({ ok: true, resolvedTarget: '1.7.11' });
  });
});

describe('validateUpgrade: the documented skips (long-term-support.md; supported-kubernetes-versions FAQ)', () => {
  const lts = { supportPlan: 'AKSLongTermSupport' } as const;

  it('lets an LTS cluster jump to a higher LTS minor its upgrade profile offers, full upgrades only', () => {
    const sources = { ...region, upgradeProfile: profileOf('1.27.102', ['1.28.101', '1.30.102']) };
    const cluster = clusterOf('1.27.102', { np1: '1.27.102' }, lts);
    expect(validateUpgrade(sources, cluster, full('1.30.102'))).toEqual({
      ok: true,
      resolvedTarget: '1.30.102',
    });
    expect(validateUpgrade(sources, cluster, controlPlaneOnly('1.30.102'))).toMatchObject({
      errorKind: 'MINOR_VERSION_SKIP',
    });
    expect(validateUpgrade(region, cluster, full('1.30.102'))).toMatchObject({
      errorKind: 'MINOR_VERSION_SKIP',
    });
  });

  it('lets an unsupported community cluster return to the lowest supported minor, and no further', () => {
    const sources = { ...region, upgradeProfile: profileOf('1.29.100', ['1.32.9', '1.33.5']) };
    const cluster = clusterOf('1.29.100', { np1: '1.29.100' });
    expect(validateUpgrade(sources, cluster, full('1.32.9'))).toEqual({ ok: true, resolvedTarget: '1.32.9' });
    expect(validateUpgrade(sources, cluster, full('1.33.5'))).toMatchObject({
      errorKind: 'MINOR_VERSION_SKIP',
    });
    expect(validateUpgrade(sources, cluster, controlPlaneOnly('1.32.9'))).toMatchObject({
      errorKind: 'CONTROL_PLANE_ONLY_NOT_SUPPORTED_FOR_UNSUPPORTED_VERSION',
    });
  });

  it('does not let a supported community cluster skip even when the profile lists a further version', () => {
    const sources = { ...region, upgradeProfile: profileOf('1.33.2', ['1.35.2']) };
    expect(validateUpgrade(sources, clusterOf('1.33.2', {}), full('1.35.2'))).toMatchObject({
      errorKind: 'MINOR_VERSION_SKIP',
    });
  });
});

describe('validateUpgrade: which error wins (the contract order)', () => {
  it.each([
    [
      'control plane only with auto-upgrade, over a downgrade',
      clusterOf('1.34.3', {}, { autoUpgradeChannel: 'stable' }),
      controlPlaneOnly('1.33.2'),
      'CONTROL_PLANE_ONLY_WITH_AUTOUPGRADE',
    ],
    [
      'control plane only on an unsupported version, over a skip',
      clusterOf('1.29.100', {}),
      controlPlaneOnly('1.33.5'),
      'CONTROL_PLANE_ONLY_NOT_SUPPORTED_FOR_UNSUPPORTED_VERSION',
    ],
    [
      'a downgrade, over a version not offered',
      clusterOf('1.33.2', {}),
      full('1.32.8'),
      'DOWNGRADE_NOT_ALLOWED',
    ],
    ['a version not offered, over a skip', clusterOf('1.33.2', {}), full('1.35.9'), 'VERSION_NOT_AVAILABLE'],
    [
      'a preview target, over a pool above the control plane',
      clusterOf('1.35.2', { np1: '1.35.2' }),
      poolOnly('1.36.0'),
      'PREVIEW_NOT_ALLOWED',
    ],
    [
      'a pool above the control plane, over a pool skip',
      clusterOf('1.34.1', { old: '1.32.6' }),
      poolOnly('1.34.3'),
      'NODE_POOL_NEWER_THAN_CONTROL_PLANE',
    ],
    [
      'a control-plane skip, over skew',
      clusterOf('1.33.2', { old: '1.31.100' }),
      controlPlaneOnly('1.35.2'),
      'MINOR_VERSION_SKIP',
    ],
  ])('%s', (_case, cluster, request, errorKind) => {
    expect(validateUpgrade(region, cluster, request)).toMatchObject({ ok: false, errorKind });
  });
});

describe('validateClusterVersions (upgrade-node-pools.md; supported-kubernetes-versions.md FAQ)', () => {
  it.each([
    ['pools on the control plane version', '1.33.2', { a: '1.33.2' }, undefined],
    ['a pool 3 minors behind a 1.30 control plane', '1.30.4', { a: '1.27.9' }, undefined],
    ['a pool 4 minors behind a 1.30 control plane', '1.30.4', { a: '1.26.9' }, 'VERSION_SKEW_EXCEEDED'],
    ['a pool 2 minors behind a 1.27 control plane', '1.27.3', { a: '1.25.9' }, undefined],
    ['a pool 3 minors behind a 1.27 control plane', '1.27.3', { a: '1.24.9' }, 'VERSION_SKEW_EXCEEDED'],
    ['a pool one patch ahead', '1.33.2', { a: '1.33.3' }, 'NODE_POOL_NEWER_THAN_CONTROL_PLANE'],
    ['a pool one minor ahead', '1.19.9', { a: '1.20.5' }, 'NODE_POOL_NEWER_THAN_CONTROL_PLANE'],
    ['a pool on another major', '2.0.0', { a: '1.33.0' }, 'VERSION_SKEW_EXCEEDED'],
  ])('%s', (_case, controlPlane, pools, errorKind) => {
    const result = validateClusterVersions(clusterOf(controlPlane, pools));
    if (errorKind === undefined) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, errorKind, offendingPools: ['a'] });
  });

  it('says what AKS says about a pool newer than the control plane', () => {
    const result = validateClusterVersions(clusterOf('1.19.9', { a: '1.20.5' }));
    expect(result.ok === false && result.message).toBe(
      'Node pool version 1.20.5 and control plane version 1.19.9 are incompatible. Minor version of node pool ' +
        'version 20 is bigger than control plane version 19. For more information, please check https://aka.ms/version-skew-policy',
    );
  });

  it('names every offending pool', () => {
    expect(
      validateClusterVersions(clusterOf('1.33.2', { a: '1.33.2', b: '1.33.4', c: '1.34.0' })),
    ).toMatchObject({
      offendingPools: ['b', 'c'],
    });
  });
});

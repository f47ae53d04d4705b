import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VersionCatalogue, compareVersions, defaultCatalogue } from '../../local/aks-emulator/catalogue/versions';
import { resolveCountOrPercent, resolveUpgradeSettings, batchSize } from '../../local/aks-emulator/engine/upgradeSettings';
import { ArmError } from '../../local/aks-emulator/errors';
import { validateClusterName, validatePoolName } from '../../local/aks-emulator/rules/naming';
import type { ClusterRuleContext, PoolRuleInput } from '../../local/aks-emulator/rules/poolRules';
import { validatePool, validatePoolRemoval, validatePoolSet } from '../../local/aks-emulator/rules/poolRules';
import { checkVcpuQuota } from '../../local/aks-emulator/rules/quota';
import { validateControlPlaneUpgrade, validatePoolVersion, validateSkewForControlPlane } from '../../local/aks-emulator/rules/versionRules';

function errorOf(fn: () => void): { status: number; code: string; message: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof ArmError)) throw error;
    return { status: error.status, code: error.code, message: error.message };
  }
}

const pool = (overrides: Partial<PoolRuleInput> = {}): PoolRuleInput => ({
  name: 'pool1',
  mode: 'User',
  osType: 'Linux',
  vmSize: 'Standard_D2s_v5',
  count: 1,
  enableAutoScaling: false,
  scaleSetPriority: 'Regular',
  ...overrides,
});
const ctx = (overrides: Partial<ClusterRuleContext> = {}): ClusterRuleContext => ({
  location: 'eastus',
  networkPlugin: 'azure',
  hasWindowsProfile: true,
  enabledAddons: [],
  requireSgxAddon: true,
  ...overrides,
});

describe('pool rules (table)', () => {
  const cases: [string, PoolRuleInput, ClusterRuleContext, string | undefined][] = [
    ['valid user pool', pool(), ctx(), undefined],
    ['upper-case name', pool({ name: 'Pool1' }), ctx(), 'InvalidParameter'],
    ['name starting with a digit', pool({ name: '1pool' }), ctx(), 'InvalidParameter'],
    ['13-character name', pool({ name: 'a234567890123' }), ctx(), 'InvalidParameter'],
    ['Windows name of 6', pool({ name: 'win123', osType: 'Windows' }), ctx(), undefined],
    ['Windows name of 7', pool({ name: 'win1234', osType: 'Windows' }), ctx(), 'InvalidParameter'],
    ['Windows on kubenet', pool({ name: 'win', osType: 'Windows' }), ctx({ networkPlugin: 'kubenet' }), 'AzureCNIOnlyForWindows'],
    ['Windows without windowsProfile', pool({ name: 'win', osType: 'Windows' }), ctx({ hasWindowsProfile: false }), 'WindowsProfileMissing'],
    ['Windows System pool', pool({ name: 'win', osType: 'Windows', mode: 'System' }), ctx(), 'InvalidParameter'],
    ['System pool with count 0', pool({ mode: 'System', count: 0 }), ctx(), 'InvalidParameter'],
    ['User pool with count 0', pool({ count: 0 }), ctx(), undefined],
    ['count 1001', pool({ count: 1001 }), ctx(), 'InvalidParameter'],
    ['autoscaler count below min', pool({ enableAutoScaling: true, count: 1, minCount: 2, maxCount: 4 }), ctx(), 'InvalidParameter'],
    ['autoscaler min > max', pool({ enableAutoScaling: true, count: 3, minCount: 5, maxCount: 4 }), ctx(), 'InvalidParameter'],
    ['autoscaler in range', pool({ enableAutoScaling: true, count: 3, minCount: 1, maxCount: 4 }), ctx(), undefined],
    ['unknown VM size', pool({ vmSize: 'Standard_Foo' }), ctx(), 'VMSizeNotSupported'],
    ['GPU size', pool({ vmSize: 'Standard_NC6s_v3' }), ctx(), undefined],
    ['SGX size without add-on', pool({ vmSize: 'Standard_DC2s_v2' }), ctx(), 'AddonRequiredForConfidentialComputing'],
    ['SGX size with add-on', pool({ vmSize: 'Standard_DC2s_v2' }), ctx({ enabledAddons: ['ACCSGXDevicePlugin'] }), undefined],
    ['SEV-SNP size needs no SGX add-on', pool({ vmSize: 'Standard_DC4as_v5' }), ctx(), undefined],
    ['Spot System pool', pool({ mode: 'System', scaleSetPriority: 'Spot' }), ctx(), 'InvalidParameter'],
    ['Spot User pool', pool({ scaleSetPriority: 'Spot' }), ctx(), undefined],
  ];
  it.each(cases)('%s', (_label, input, context, code) => {
    expect(errorOf(() => validatePool(input, context))?.code).toBe(code);
  });

  it('lets the autoscaler converge on update (count outside the range is accepted)', () => {
    expect(errorOf(() => validatePool(pool({ enableAutoScaling: true, count: 1, minCount: 2, maxCount: 4 }), ctx(), false))).toBeUndefined();
  });

  it('keeps at least one pool and one System pool', () => {
    expect(errorOf(() => validatePoolSet([]))?.message).toBe('There has to be at least one agent pool.');
    expect(errorOf(() => validatePoolSet([{ name: 'a', mode: 'User' }]))?.message).toBe('Must define at least one system pool.');
    expect(errorOf(() => validatePoolRemoval([{ name: 'a', mode: 'System' }], 'a'))?.message).toBe('There has to be at least one agent pool.');
    expect(errorOf(() => validatePoolRemoval([{ name: 'a', mode: 'System' }, { name: 'b', mode: 'User' }], 'A'))?.code).toBe('OperationNotAllowed');
    expect(errorOf(() => validatePoolRemoval([{ name: 'a', mode: 'System' }, { name: 'b', mode: 'System' }], 'a'))).toBeUndefined();
  });

  it('validates cluster names', () => {
    for (const ok of ['a', 'c1', 'my_cluster-01', 'A'.repeat(63)]) expect(errorOf(() => validateClusterName(ok))).toBeUndefined();
    for (const bad of ['-a', 'a-', 'a.b', 'A'.repeat(64), '']) expect(errorOf(() => validateClusterName(bad))?.code).toBe('InvalidParameter');
    expect(errorOf(() => validatePoolName('abc', 'Linux'))).toBeUndefined();
  });
});

describe('version rules (table)', () => {
  const catalogue = new VersionCatalogue(defaultCatalogue());
  const cp: [string, string, string | undefined][] = [
    ['1.35.3', '1.35.5', undefined],
    ['1.35.3', '1.36.2', undefined],
    ['1.35.3', '1.37.1', 'OperationNotAllowed'],
    ['1.36.2', '1.35.5', 'OperationNotAllowed'],
    ['1.36.2', '1.36.2', undefined],
    ['1.37.1', '1.38.0', undefined],
  ];
  it.each(cp)('control plane %s → %s', (from, to, code) => {
    expect(errorOf(() => validateControlPlaneUpgrade(catalogue, from, to))?.code).toBe(code);
  });

  const pools: [string | undefined, string, string, string | undefined][] = [
    [undefined, '1.36.2', '1.36.2', undefined],
    [undefined, '1.36.2', '1.35.5', 'NodePoolMcVersionIncompatible'],
    [undefined, '1.33.6', '1.37.1', 'NodePoolMcVersionIncompatible'],
    [undefined, '1.34.6', '1.37.1', undefined],
    ['1.34.8', '1.35.5', '1.36.2', undefined],
    ['1.34.8', '1.36.2', '1.36.2', 'AgentPoolUpgradeVersionNotAllowed'],
    ['1.35.5', '1.35.3', '1.36.2', 'AgentPoolUpgradeVersionNotAllowed'],
    ['1.35.3', '1.35.5', '1.35.3', 'NodePoolMcVersionIncompatible'],
  ];
  it.each(pools)('pool %s → %s under control plane %s', (from, to, controlPlane, code) => {
    expect(errorOf(() => validatePoolVersion(from, to, controlPlane))?.code).toBe(code);
  });

  it('checks the skew of pools left behind by a control-plane upgrade', () => {
    expect(errorOf(() => validateSkewForControlPlane('1.37.1', [{ name: 'a', version: '1.34.6' }]))).toBeUndefined();
    expect(errorOf(() => validateSkewForControlPlane('1.37.1', [{ name: 'a', version: '1.33.6' }]))?.code).toBe('NodePoolMcVersionIncompatible');
  });

  it('resolves aliases to the latest patch and never picks a preview by default', () => {
    expect(catalogue.resolve('')).toBe('1.36.2');
    expect(catalogue.resolve('1.35')).toBe('1.35.5');
    expect(catalogue.resolve('1.35.4')).toBeUndefined();
    expect(catalogue.isPreview(catalogue.defaultVersion())).toBe(false);
  });

  it('offers higher patches of the same minor and every patch of the next minor', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalogue.all().flatMap((m) => m.patches)), (version) => {
        for (const target of catalogue.upgradesFrom(version)) {
          expect(compareVersions(target, version)).toBeGreaterThan(0);
          expect(errorOf(() => validateControlPlaneUpgrade(catalogue, version, target))).toBeUndefined();
        }
      }),
    );
  });
});

describe('upgrade settings and quota math', () => {
  const surge: [string | undefined, number, number][] = [
    ['33%', 10, 4],
    ['10%', 3, 1],
    ['50%', 4, 2],
    ['5', 3, 3],
    ['0', 3, 0],
    [undefined, 20, 2],
  ];
  it.each(surge)('maxSurge %s of %i nodes = %i', (value, size, expected) => {
    expect(resolveCountOrPercent(value, size, '10%')).toBe(expected);
  });

  it('rounds percentages up and caps them at the pool size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 1000 }), (percent, size) => {
        const value = resolveCountOrPercent(`${percent}%`, size, '10%');
        expect(value).toBe(Math.min(size, Math.ceil((percent * size) / 100)));
      }),
    );
  });

  it('uses maxUnavailable as the batch size for in-place upgrades', () => {
    const settings = resolveUpgradeSettings({ maxSurge: '0', maxUnavailable: '2' }, 6);
    expect(settings.surge).toBe(0);
    expect(batchSize(settings)).toBe(2);
    expect(resolveUpgradeSettings(undefined, 6)).toMatchObject({ surge: 1, drainTimeoutMinutes: 30, soakMinutes: 0, undrainableNodeBehavior: undefined });
  });

  it('fails quota when usage plus the request exceeds the limit', () => {
    const base = { location: 'eastus', family: 'standardDSv5Family', limit: 10 };
    expect(errorOf(() => checkVcpuQuota({ ...base, currentUsage: 6, additionalRequired: 4 }))).toBeUndefined();
    const error = errorOf(() => checkVcpuQuota({ ...base, currentUsage: 6, additionalRequired: 8 }));
    expect(error).toMatchObject({ status: 400, code: 'QuotaExceeded' });
    expect(error?.message).toContain('Current Limit: 10, Current Usage: 6, Additional Required: 8, (Minimum) New Limit Required: 14.');
  });
});

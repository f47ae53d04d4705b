import { describe, expect, it } from 'vitest';
import {
  poolDemandOf,
  preflightViolations,
  surgeNodes,
  type PoolDemand,
  type VersionDemand,
} from '../../../shared/domain/fleet/preflight';
import { regionVmSkus, vcpuQuotas, type RegionCapacity } from '../../../shared/domain/fleet/regionCapacity';
import type { VersionCatalogue } from '../../../shared/domain/fleet/versionCatalogue';

const capacity: RegionCapacity = {
  location: 'eastus',
  skus: [
    { name: 'Standard_D4s_v5', family: 'standardDSv5Family', vCpus: 4, zones: ['1', '2', '3'], restrictedZones: [] },
    { name: 'Standard_NC24ads_A100_v4', family: 'standardNCADSA100v4Family', vCpus: 24, zones: ['1', '2', '3'], restrictedZones: ['3'] },
    { name: 'Standard_ND96asr_v4', family: 'standardNDASv4_A100Family', vCpus: 96, zones: ['1', '2'], restrictedZones: [], locationRestriction: 'NotAvailableForSubscription' },
  ],
  quotas: [
    { name: 'cores', currentValue: 90, limit: 100 },
    { name: 'standardDSv5Family', currentValue: 0, limit: 8 },
    { name: 'standardNCADSA100v4Family', currentValue: 0, limit: 100 },
  ],
};

const catalogue: VersionCatalogue = {
  values: [
    { version: '1.33', capabilities: { supportPlan: ['AKSLongTermSupport'] }, patchVersions: { '1.33.5': {}, '1.33.6': {} } },
    { version: '1.36', isDefault: true, capabilities: { supportPlan: ['KubernetesOfficial', 'AKSLongTermSupport'] }, patchVersions: { '1.36.1': {}, '1.36.2': {} } },
  ],
};

const pool = (overrides: Partial<PoolDemand> = {}): PoolDemand => ({ path: 'nodePools[0]', vmSize: 'Standard_D4s_v5', addedNodes: 1, isNew: true, ...overrides });
const codes = (violations: { path: string; code: string }[]) => violations.map((violation) => `${violation.code} ${violation.path}`);

describe('preflight rules (region VM sizes, zones, vCPU quota, version catalogue)', () => {
  it.each<[string, PoolDemand, string[]]>([
    ['an offered size with quota left', pool(), []],
    ['a size the region does not offer', pool({ vmSize: 'Standard_Nope_v9' }), ['VmSizeNotAvailable nodePools[0].vmSize']],
    ['a size matched case-insensitively', pool({ vmSize: 'standard_d4s_V5' }), []],
    ['a size restricted in the region', pool({ vmSize: 'Standard_ND96asr_v4', addedNodes: 0 }), ['VmSizeRestricted nodePools[0].vmSize']],
    ['a restricted zone', pool({ vmSize: 'Standard_NC24ads_A100_v4', zones: ['1', '3'], addedNodes: 0 }), ['AvailabilityZoneNotAvailable nodePools[0].availabilityZones']],
    ['a zone the size is not in', pool({ zones: ['4'], addedNodes: 0 }), ['AvailabilityZoneNotAvailable nodePools[0].availabilityZones']],
    ['an existing pool that does not grow is not checked', pool({ vmSize: 'Standard_Nope_v9', isNew: false, addedNodes: 0 }), []],
    ['a family quota exceeded (3 × 4 > 8)', pool({ addedNodes: 3 }), ['QuotaExceeded nodePools[0].count', 'QuotaExceeded nodePools[0].count']],
    ['the regional total exceeded (24 > 10 left)', pool({ vmSize: 'Standard_NC24ads_A100_v4' }), ['QuotaExceeded nodePools[0].count']],
    ['a pool body reports relative paths', pool({ path: '', vmSize: 'Standard_Nope_v9' }), ['VmSizeNotAvailable vmSize']],
  ])('%s', (_name, demand, expected) => {
    expect(codes(preflightViolations({ pools: [demand], versions: [], capacity }))).toEqual(expected);
  });

  it('adds the vCPUs of every pool of one family before comparing them with the quota', () => {
    const violations = preflightViolations({
      pools: [pool({ addedNodes: 1 }), pool({ path: 'nodePools[1]', addedNodes: 1 })],
      versions: [],
      capacity: { ...capacity, quotas: [{ name: 'standardDSv5Family', currentValue: 1, limit: 8 }] },
    });
    expect(violations).toEqual([expect.objectContaining({ path: 'nodePools[0].count', code: 'QuotaExceeded', message: expect.stringContaining('need 8 standardDSv5Family vCPUs') })]);
  });

  it.each<[string, VersionDemand, string | undefined, string[]]>([
    ['a listed minor', { path: 'kubernetesVersion', version: '1.36', forControlPlane: true }, undefined, []],
    ['a listed patch', { path: 'kubernetesVersion', version: '1.36.2', forControlPlane: true }, undefined, []],
    ['an unlisted patch', { path: 'kubernetesVersion', version: '1.36.9', forControlPlane: true }, undefined, ['KubernetesVersionNotAvailable kubernetesVersion']],
    ['an unlisted minor', { path: 'kubernetesVersion', version: '1.29', forControlPlane: true }, undefined, ['KubernetesVersionNotAvailable kubernetesVersion']],
    ['an LTS-only minor without LTS', { path: 'kubernetesVersion', version: '1.33', forControlPlane: true }, undefined, ['KubernetesVersionNeedsLongTermSupport kubernetesVersion']],
    ['an LTS-only minor with LTS', { path: 'kubernetesVersion', version: '1.33.6', forControlPlane: true }, 'AKSLongTermSupport', []],
    ['a pool follows its control plane plan', { path: 'orchestratorVersion', version: '1.33.5', forControlPlane: false }, undefined, []],
  ])('version: %s', (_name, demand, supportPlan, expected) => {
    expect(codes(preflightViolations({ pools: [], versions: [demand], catalogue, ...(supportPlan ? { supportPlan } : {}) }))).toEqual(expected);
  });

  it('the issue example: an unknown size and an LTS-only version are both reported', () => {
    const violations = preflightViolations({
      pools: [pool({ vmSize: 'Standard_Nope_v9', addedNodes: 3 })],
      versions: [{ path: 'kubernetesVersion', version: '1.33', forControlPlane: true }],
      capacity,
      catalogue,
    });
    expect(codes(violations)).toEqual(['VmSizeNotAvailable nodePools[0].vmSize', 'KubernetesVersionNeedsLongTermSupport kubernetesVersion']);
  });

  it('a new pool adds all its nodes; an existing one its growth, plus surge when its version changes', () => {
    expect(poolDemandOf({ name: 'a', vmSize: 'Standard_D4s_v5', count: 3, availabilityZones: ['1'] }, undefined, 'nodePools[0]')).toEqual({
      path: 'nodePools[0]', vmSize: 'Standard_D4s_v5', zones: ['1'], addedNodes: 3, isNew: true,
    });
    expect(poolDemandOf({ name: 'a', vmSize: 'Standard_D4s_v5', count: 5 }, { name: 'a', count: 3 }, '').addedNodes).toBe(2);
    expect(poolDemandOf({ name: 'a', vmSize: 'Standard_D4s_v5', count: 2 }, { name: 'a', count: 3 }, '').addedNodes).toBe(0);
    const upgrade = { name: 'a', vmSize: 'Standard_D4s_v5', count: 10, orchestratorVersion: '1.36.2', upgradeSettings: { maxSurge: '33%' } };
    expect(poolDemandOf(upgrade, { name: 'a', count: 10, orchestratorVersion: '1.35.5', currentOrchestratorVersion: '1.35.5' }, '').addedNodes).toBe(4);
    expect(poolDemandOf(upgrade, { name: 'a', count: 10, orchestratorVersion: '1.36.2', currentOrchestratorVersion: '1.36.2' }, '').addedNodes).toBe(0);
    expect(poolDemandOf({ ...upgrade, orchestratorVersion: '1.36' }, { name: 'a', count: 10, currentOrchestratorVersion: '1.36.2' }, '').addedNodes).toBe(0);
  });

  it.each([
    [undefined, 10, 1],
    [undefined, 25, 3],
    ['33%', 10, 4],
    ['3', 10, 3],
    ['100%', 0, 1],
  ])('surge %s of %i nodes is %i', (maxSurge, count, expected) => {
    expect(surgeNodes(maxSurge, count)).toBe(expected);
  });

  it('reads Compute SKUs and usages: only VM sizes of the region, zone and location restrictions, the vCPU capability', () => {
    const skus = regionVmSkus(
      [
        { resourceType: 'disks', name: 'Premium_LRS', locations: ['eastus'] },
        { resourceType: 'virtualMachines', name: 'Standard_D4s_v5', locations: ['westus'] },
        {
          resourceType: 'virtualMachines',
          name: 'Standard_NC24ads_A100_v4',
          family: 'standardNCADSA100v4Family',
          locations: ['EastUS'],
          locationInfo: [{ location: 'EastUS', zones: ['2', '1', '3'] }],
          capabilities: [{ name: 'vCPUs', value: '24' }],
          restrictions: [
            { type: 'Zone', values: ['EastUS'], restrictionInfo: { locations: ['EastUS'], zones: ['3'] }, reasonCode: 'NotAvailableForSubscription' },
            { type: 'Location', values: ['westus'], restrictionInfo: { locations: ['westus'] }, reasonCode: 'NotAvailableForSubscription' },
          ],
        },
      ],
      'eastus',
    );
    expect(skus).toEqual([
      { name: 'Standard_NC24ads_A100_v4', family: 'standardNCADSA100v4Family', vCpus: 24, zones: ['2', '1', '3'], restrictedZones: ['3'] },
    ]);
    expect(vcpuQuotas([{ name: { value: 'cores' }, currentValue: 4, limit: 10 }, { name: {}, currentValue: 1, limit: 2 }])).toEqual([
      { name: 'cores', currentValue: 4, limit: 10 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ExistingCluster } from '../../../shared/domain/fleet/aksRules';
import { checkAksRules, checkNodePoolWrite } from '../../../shared/domain/fleet/aksRules';
import type { ClusterSpec } from '../../../shared/domain/fleet/clusterSpec';
import type { NodePoolSpec } from '../../../shared/domain/fleet/nodePoolSpec';

const system: NodePoolSpec = { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3 };
const user: NodePoolSpec = { name: 'work', mode: 'User', vmSize: 'Standard_D8s_v5', count: 2 };
const baseSpec: ClusterSpec = {
  location: 'eastus',
  kubernetesVersion: '1.33.2',
  network: { plugin: 'azure' },
  nodePools: [system, user],
};

function withPools(...pools: NodePoolSpec[]): ClusterSpec {
  return { ...baseSpec, nodePools: pools };
}

interface Case {
  rule: string;
  spec: ClusterSpec;
  existing?: ExistingCluster;
  path: string;
  code: string;
  message: string;
}

const existingCluster: ExistingCluster = {
  location: 'eastus',
  kubernetesVersion: '1.33',
  currentKubernetesVersion: '1.33.2',
  kubernetesRbac: true,
  network: { plugin: 'azure' },
  nodePools: [
    {
      ...system,
      osType: 'Linux',
      orchestratorVersion: '1.33.2',
      currentOrchestratorVersion: '1.33.2',
      availabilityZones: ['1', '2'],
    },
    { ...user, osType: 'Linux', orchestratorVersion: '1.32.5', currentOrchestratorVersion: '1.32.5' },
  ],
};

const createCases: Case[] = [
  {
    rule: 'pool name pattern',
    spec: withPools(system, { ...user, name: 'Work-1' }),
    path: 'nodePools[1].name',
    code: 'InvalidPoolName',
    message: 'lowercase letters or digits',
  },
  {
    rule: 'pool name length',
    spec: withPools(system, { ...user, name: 'abcdefghijklm' }),
    path: 'nodePools[1].name',
    code: 'InvalidPoolName',
    message: '1-12',
  },
  {
    rule: 'Windows pool name ≤ 6',
    spec: withPools(system, { ...user, name: 'windows1', osType: 'Windows' }),
    path: 'nodePools[1].name',
    code: 'WindowsPoolNameTooLong',
    message: 'longer than 6 characters',
  },
  {
    rule: 'duplicate pool names',
    spec: withPools(system, { ...user, name: 'system' }),
    path: 'nodePools[1].name',
    code: 'DuplicatePoolName',
    message: 'more than once',
  },
  {
    rule: 'at least one System pool',
    spec: withPools(user),
    path: 'nodePools',
    code: 'SystemPoolRequired',
    message: 'at least one system pool',
  },
  {
    rule: 'System pools are Linux',
    spec: withPools(system, { ...system, name: 'winsys', osType: 'Windows' }),
    path: 'nodePools[1].osType',
    code: 'SystemPoolMustBeLinux',
    message: 'must run Linux',
  },
  {
    rule: 'System pool count ≥ 1',
    spec: withPools({ ...system, count: 0 }),
    path: 'nodePools[0].count',
    code: 'SystemPoolCountTooLow',
    message: 'at least 1 node',
  },
  {
    rule: 'System pool autoscaler min ≥ 1',
    spec: withPools({ ...system, count: 1, autoscaler: { minCount: 0, maxCount: 3 } }),
    path: 'nodePools[0].autoscaler.minCount',
    code: 'SystemPoolCountTooLow',
    message: 'minCount must be at least 1',
  },
  {
    rule: 'System pool VM needs 2 vCPUs',
    spec: withPools({ ...system, vmSize: 'Standard_DS1_v2' }),
    path: 'nodePools[0].vmSize',
    code: 'SystemPoolVmTooSmall',
    message: 'at least 2 vCPUs',
  },
  {
    rule: 'osSku matches osType',
    spec: withPools(system, { ...user, osType: 'Linux', osSku: 'Windows2022' }),
    path: 'nodePools[1].osSku',
    code: 'OsSkuDoesNotMatchOsType',
    message: 'cannot be used with osType Linux',
  },
  {
    rule: 'autoscaler min ≤ max',
    spec: withPools(system, { ...user, autoscaler: { minCount: 6, maxCount: 3 } }),
    path: 'nodePools[1].autoscaler.minCount',
    code: 'AutoscalerRangeInvalid',
    message: 'minCount 6 is greater than maxCount 3',
  },
  {
    rule: 'autoscaler min ≤ count ≤ max',
    spec: withPools(system, { ...user, count: 9, autoscaler: { minCount: 1, maxCount: 5 } }),
    path: 'nodePools[1].count',
    code: 'CountOutsideAutoscalerRange',
    message: 'count 9 must be between',
  },
  {
    rule: 'Windows needs Azure CNI (explicit kubenet)',
    spec: {
      ...withPools(system, { ...user, name: 'win', osType: 'Windows' }),
      network: { plugin: 'kubenet' },
    },
    path: 'nodePools[1].osType',
    code: 'AzureCNIOnlyForWindows',
    message: 'Azure-CNI',
  },
  {
    rule: 'Windows needs Azure CNI (default kubenet)',
    spec: { ...withPools(system, { ...user, name: 'win', osType: 'Windows' }), network: undefined },
    path: 'nodePools[1].osType',
    code: 'AzureCNIOnlyForWindows',
    message: 'Azure-CNI',
  },
  {
    rule: 'spot only on User pools',
    spec: withPools({ ...system, spot: {} }),
    path: 'nodePools[0].spot',
    code: 'SpotPoolMustBeUser',
    message: 'must be User pools',
  },
  {
    rule: 'pool not ahead of the control plane (patch)',
    spec: withPools(system, { ...user, orchestratorVersion: '1.33.3' }),
    path: 'nodePools[1].orchestratorVersion',
    code: 'NodePoolMcVersionIncompatible',
    message: 'newer than the control plane version 1.33.2',
  },
  {
    rule: 'pool not ahead of the control plane (minor alias)',
    spec: { ...withPools(system, { ...user, orchestratorVersion: '1.34' }), kubernetesVersion: '1.33' },
    path: 'nodePools[1].orchestratorVersion',
    code: 'NodePoolMcVersionIncompatible',
    message: 'newer than the control plane',
  },
  {
    rule: 'pool at most 3 minors behind',
    spec: withPools(system, { ...user, orchestratorVersion: '1.29.9' }),
    path: 'nodePools[1].orchestratorVersion',
    code: 'PoolVersionTooFarBehind',
    message: 'more than 3 minors behind',
  },
  {
    rule: 'DNS service IP inside the service CIDR',
    spec: {
      ...baseSpec,
      network: { plugin: 'azure', serviceCidr: '10.1.0.0/16', dnsServiceIp: '10.0.0.10' },
    },
    path: 'network.dnsServiceIp',
    code: 'DnsServiceIpOutsideServiceCidr',
    message: 'must be inside serviceCidr 10.1.0.0/16',
  },
  {
    rule: 'a custom service CIDR needs its own DNS service IP',
    spec: { ...baseSpec, network: { plugin: 'azure', serviceCidr: '10.1.0.0/16' } },
    path: 'network.serviceCidr',
    code: 'DnsServiceIpOutsideServiceCidr',
    message: 'dnsServiceIp 10.0.0.10',
  },
  {
    rule: 'pod CIDR apart from the service CIDR',
    spec: { ...baseSpec, network: { plugin: 'kubenet', podCidr: '10.0.128.0/17' } },
    path: 'network.podCidr',
    code: 'PodCidrOverlapsServiceCidr',
    message: 'overlaps serviceCidr 10.0.0.0/16',
  },
];

const updateCases: Case[] = [
  {
    rule: 'control plane cannot skip a minor',
    spec: { ...baseSpec, kubernetesVersion: '1.35.0' },
    existing: existingCluster,
    path: 'kubernetesVersion',
    code: 'VersionSkipsMinor',
    message: 'cannot skip minor versions: from 1.33.2 the next step is 1.34',
  },
  {
    rule: 'control plane cannot go back',
    spec: { ...baseSpec, kubernetesVersion: '1.33.1' },
    existing: existingCluster,
    path: 'kubernetesVersion',
    code: 'VersionDowngrade',
    message: 'cannot be downgraded from 1.33.2 to 1.33.1',
  },
  {
    rule: 'pool cannot skip a minor',
    spec: { ...withPools(system, { ...user, orchestratorVersion: '1.34.1' }), kubernetesVersion: '1.34.1' },
    existing: {
      ...existingCluster,
      nodePools: [
        existingCluster.nodePools[0]!,
        { ...existingCluster.nodePools[1]!, currentOrchestratorVersion: '1.32.5' },
      ],
    },
    path: 'nodePools[1].orchestratorVersion',
    code: 'VersionSkipsMinor',
    message: 'pool work cannot skip minor versions',
  },
  {
    rule: 'location is immutable',
    spec: { ...baseSpec, location: 'westus' },
    existing: existingCluster,
    path: 'location',
    code: 'PropertyChangeNotAllowed',
    message: "Changing property 'location'",
  },
  {
    rule: 'Kubernetes RBAC is immutable',
    spec: { ...baseSpec, kubernetesRbac: false },
    existing: existingCluster,
    path: 'kubernetesRbac',
    code: 'PropertyChangeNotAllowed',
    message: "'kubernetesRbac'",
  },
  {
    rule: 'Entra ID cannot be removed',
    spec: baseSpec,
    existing: { ...existingCluster, entraId: {} },
    path: 'entraId',
    code: 'PropertyChangeNotAllowed',
    message: 'cannot be turned off',
  },
  {
    rule: 'network plugin is immutable (azure → kubenet)',
    spec: { ...baseSpec, network: { plugin: 'kubenet' } },
    existing: existingCluster,
    path: 'network.plugin',
    code: 'PropertyChangeNotAllowed',
    message: "'network.plugin'",
  },
  {
    rule: 'vmSize is immutable',
    spec: withPools(system, { ...user, vmSize: 'Standard_D16s_v5' }),
    existing: existingCluster,
    path: 'nodePools[1].vmSize',
    code: 'PropertyChangeNotAllowed',
    message: "'vmSize'",
  },
  {
    rule: 'osType is immutable',
    spec: withPools(system, { ...user, name: 'work', osType: 'Windows' }),
    existing: existingCluster,
    path: 'nodePools[1].osType',
    code: 'PropertyChangeNotAllowed',
    message: "'osType'",
  },
  {
    rule: 'osSku is immutable',
    spec: withPools(system, { ...user, osSku: 'AzureLinux' }),
    existing: {
      ...existingCluster,
      nodePools: [existingCluster.nodePools[0]!, { ...existingCluster.nodePools[1]!, osSku: 'Ubuntu' }],
    },
    path: 'nodePools[1].osSku',
    code: 'PropertyChangeNotAllowed',
    message: "'osSku'",
  },
  {
    rule: 'availability zones are immutable',
    spec: withPools({ ...system, availabilityZones: ['1', '2', '3'] }, user),
    existing: existingCluster,
    path: 'nodePools[0].availabilityZones',
    code: 'PropertyChangeNotAllowed',
    message: "'availabilityZones'",
  },
  {
    rule: 'Spot priority is immutable',
    spec: withPools(system, { ...user, spot: {} }),
    existing: existingCluster,
    path: 'nodePools[1].spot',
    code: 'PropertyChangeNotAllowed',
    message: "'spot'",
  },
];

describe('checkAksRules', () => {
  it('accepts a valid create (System + Windows + GPU + confidential pools on Azure CNI)', () => {
    const spec = withPools(
      system,
      {
        name: 'win',
        mode: 'User',
        vmSize: 'Standard_D4s_v5',
        osType: 'Windows',
        osSku: 'Windows2022',
        count: 1,
      },
      {
        name: 'gpu',
        vmSize: 'Standard_NC6s_v3',
        count: 1,
        autoscaler: { minCount: 0, maxCount: 4 },
        spot: {},
      },
      { name: 'conf', vmSize: 'Standard_DC4s_v3', count: 2 },
    );
    expect(checkAksRules(spec)).toEqual([]);
  });

  it.each(createCases)('create: $rule → $code at $path', ({ spec, path, code, message }) => {
    const violations = checkAksRules(spec);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ path, code });
    expect(violations[0]?.message).toContain(message);
  });

  it.each(updateCases)('update: $rule → $code at $path', ({ spec, existing, path, code, message }) => {
    const violations = checkAksRules(spec, existing);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ path, code });
    expect(violations[0]?.message).toContain(message);
  });

  it('allows a one-minor step, any higher patch, a same-minor alias and kubenet → overlay', () => {
    const existing: ExistingCluster = { ...existingCluster, network: { plugin: 'kubenet' } };
    for (const kubernetesVersion of ['1.34.0', '1.34', '1.33.9', '1.33']) {
      expect(
        checkAksRules({ ...baseSpec, kubernetesVersion, network: { plugin: 'azureOverlay' } }, existing),
      ).toEqual([]);
    }
  });

  it('lets a System pool become User only while another System pool remains', () => {
    const existing: ExistingCluster = { ...existingCluster, nodePools: [existingCluster.nodePools[0]!] };
    expect(
      checkAksRules(withPools({ ...system, mode: 'User' }), existing).map((violation) => violation.code),
    ).toEqual(['SystemPoolRequired']);
    expect(
      checkAksRules(withPools({ ...system, mode: 'User' }, { ...user, mode: 'System' }), existing),
    ).toEqual([]);
  });

  it('reports every broken rule of a request at once', () => {
    const spec: ClusterSpec = {
      ...withPools({ ...user, name: 'Bad', spot: {} }, { ...user, name: 'winpool1', osType: 'Windows' }),
      network: { plugin: 'kubenet' },
    };
    expect(checkAksRules(spec).map((violation) => `${violation.path}:${violation.code}`)).toEqual([
      'nodePools[0].name:InvalidPoolName',
      'nodePools[1].name:WindowsPoolNameTooLong',
      'nodePools[1].osType:AzureCNIOnlyForWindows',
      'nodePools:SystemPoolRequired',
    ]);
  });
});

describe('checkNodePoolWrite', () => {
  it('reports the pool violations relative to the pool body and keeps cluster-wide ones', () => {
    const desired = withPools(
      { ...system, mode: 'User' },
      { ...user, vmSize: 'Standard_D16s_v5', autoscaler: { minCount: 3, maxCount: 1 } },
    );
    const violations = checkNodePoolWrite(desired, 'work', existingCluster);
    expect(violations.map((violation) => `${violation.path}:${violation.code}`).sort()).toEqual([
      'autoscaler.minCount:AutoscalerRangeInvalid',
      'nodePools:SystemPoolRequired',
      'vmSize:PropertyChangeNotAllowed',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateGuardrails, evaluateNodePoolGuardrails } from '../../../shared/domain/fleet/guardrails';
import type { VersionCatalogue } from '../../../shared/domain/fleet/versionCatalogue';
import type { ClusterSpec } from '../../../shared/domain/fleet/clusterSpec';
import type { Guardrails } from '../../../shared/domain/fleet/guardrailsSchema';
import { guardrailsSchema } from '../../../shared/domain/fleet/guardrailsSchema';

const baseSpec: ClusterSpec = {
  location: 'eastus',
  kubernetesVersion: '1.33',
  tags: { costCenter: 'cc-1', env: 'prod' },
  kubernetesRbac: true,
  entraId: { azureRbac: true },
  network: { plugin: 'azureOverlay' },
  nodePools: [
    { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3 },
    {
      name: 'work',
      mode: 'User',
      vmSize: 'Standard_D8s_v5',
      count: 2,
      autoscaler: { minCount: 1, maxCount: 5 },
    },
  ],
};

const catalogue: VersionCatalogue = {
  values: [
    { version: '1.33', isDefault: true, patchVersions: { '1.33.2': { upgrades: [] } } },
    { version: '1.34', isPreview: true, patchVersions: { '1.34.0': { upgrades: [] } } },
  ],
};

function withPool(index: number, changes: Partial<ClusterSpec['nodePools'][number]>): ClusterSpec {
  return {
    ...baseSpec,
    nodePools: baseSpec.nodePools.map((pool, i) => (i === index ? { ...pool, ...changes } : pool)),
  };
}

interface Case {
  rule: string;
  guardrails: Guardrails;
  spec: ClusterSpec;
  path: string;
  code: string;
  message: string;
}

const cases: Case[] = [
  {
    rule: 'allowed locations',
    guardrails: { allowedLocations: ['westeurope'] },
    spec: baseSpec,
    path: 'location',
    code: 'LocationNotAllowed',
    message: '"eastus" is not allowed',
  },
  {
    rule: 'allowed VM sizes',
    guardrails: { allowedVmSizes: ['Standard_D4s_v5'] },
    spec: baseSpec,
    path: 'nodePools[1].vmSize',
    code: 'VmSizeNotAllowed',
    message: '"Standard_D8s_v5" is not allowed',
  },
  {
    rule: 'allowed VM families (GPU)',
    guardrails: { allowedVmFamilies: ['general'] },
    spec: withPool(1, { vmSize: 'Standard_NC6s_v3' }),
    path: 'nodePools[1].vmSize',
    code: 'VmFamilyNotAllowed',
    message: 'gpu family',
  },
  {
    rule: 'allowed VM families (confidential)',
    guardrails: { allowedVmFamilies: ['general', 'gpu'] },
    spec: withPool(1, { vmSize: 'Standard_DC4s_v3' }),
    path: 'nodePools[1].vmSize',
    code: 'VmFamilyNotAllowed',
    message: 'confidential family',
  },
  {
    rule: 'allowed Kubernetes versions (cluster)',
    guardrails: { allowedKubernetesVersions: ['1.32'] },
    spec: { ...baseSpec, kubernetesVersion: '1.33' },
    path: 'kubernetesVersion',
    code: 'KubernetesVersionNotAllowed',
    message: '1.33 is not allowed',
  },
  {
    rule: 'allowed Kubernetes versions (pool patch)',
    guardrails: { allowedKubernetesVersions: ['1.33', '1.32.4'] },
    spec: withPool(0, { orchestratorVersion: '1.32.5' }),
    path: 'nodePools[0].orchestratorVersion',
    code: 'KubernetesVersionNotAllowed',
    message: '1.32.5 is not allowed',
  },
  {
    rule: 'no preview versions',
    guardrails: {},
    spec: { ...baseSpec, kubernetesVersion: '1.34.0' },
    path: 'kubernetesVersion',
    code: 'PreviewVersionNotAllowed',
    message: 'preview version',
  },
  {
    rule: 'required tags',
    guardrails: { requiredTags: ['owner'] },
    spec: baseSpec,
    path: 'tags.owner',
    code: 'RequiredTagMissing',
    message: '"owner" is required',
  },
  {
    rule: 'required tags (blank value)',
    guardrails: { requiredTags: ['env'] },
    spec: { ...baseSpec, tags: { env: '  ' } },
    path: 'tags.env',
    code: 'RequiredTagMissing',
    message: 'must not be empty',
  },
  {
    rule: 'max nodes per pool (count)',
    guardrails: { maxNodesPerPool: 2 },
    spec: withPool(1, { count: 2, autoscaler: undefined }),
    path: 'nodePools[0].count',
    code: 'PoolNodeLimitExceeded',
    message: 'may reach 3 nodes',
  },
  {
    rule: 'max nodes per pool (autoscaler)',
    guardrails: { maxNodesPerPool: 4 },
    spec: withPool(0, { count: 1 }),
    path: 'nodePools[1].autoscaler.maxCount',
    code: 'PoolNodeLimitExceeded',
    message: 'may reach 5 nodes',
  },
  {
    rule: 'max nodes per cluster',
    guardrails: { maxNodesPerCluster: 7 },
    spec: baseSpec,
    path: 'nodePools',
    code: 'ClusterNodeLimitExceeded',
    message: 'may reach 8 nodes',
  },
  {
    rule: 'Kubernetes RBAC required',
    guardrails: { requireKubernetesRbac: true },
    spec: { ...baseSpec, kubernetesRbac: false },
    path: 'kubernetesRbac',
    code: 'KubernetesRbacRequired',
    message: 'RBAC is required',
  },
  {
    rule: 'Entra ID required',
    guardrails: { requireEntraId: true },
    spec: { ...baseSpec, entraId: undefined },
    path: 'entraId',
    code: 'EntraIdRequired',
    message: 'Entra ID integration is required',
  },
  {
    rule: 'Windows not allowed',
    guardrails: { allowWindows: false },
    spec: withPool(1, { name: 'win', osType: 'Windows' }),
    path: 'nodePools[1].osType',
    code: 'WindowsNotAllowed',
    message: 'Windows node pools are not allowed',
  },
];

describe('evaluateGuardrails', () => {
  it('accepts a compliant spec under every rule', () => {
    const strict = guardrailsSchema.parse({
      allowedLocations: ['eastus'],
      allowedVmSizes: ['Standard_D*s_v5'],
      allowedVmFamilies: ['general'],
      allowedKubernetesVersions: ['1.33'],
      requiredTags: ['costCenter', 'env'],
      maxNodesPerPool: 5,
      maxNodesPerCluster: 8,
      requireKubernetesRbac: true,
      requireEntraId: true,
      allowWindows: false,
    });
    expect(evaluateGuardrails(baseSpec, strict, { catalogue })).toEqual([]);
  });

  it.each(cases)('$rule → $code at $path', ({ guardrails, spec, path, code, message }) => {
    const violations = evaluateGuardrails(spec, guardrails, { catalogue });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ path, code });
    expect(violations[0]?.message).toContain(message);
  });

  it('allows preview versions when the guardrails say so', () => {
    expect(
      evaluateGuardrails(
        { ...baseSpec, kubernetesVersion: '1.34' },
        { allowPreviewVersions: true },
        { catalogue },
      ),
    ).toEqual([]);
  });

  it('cannot tell preview versions without a catalogue, so it does not guess', () => {
    expect(evaluateGuardrails({ ...baseSpec, kubernetesVersion: '1.34' }, {})).toEqual([]);
  });

  it('reports every violation at once, each with its own path', () => {
    const spec = withPool(1, { vmSize: 'Standard_NC6s_v3' });
    const violations = evaluateGuardrails(
      { ...spec, location: 'brazilsouth', tags: { env: 'prod' } },
      {
        allowedLocations: ['eastus'],
        allowedVmFamilies: ['general'],
        requiredTags: ['costCenter'],
      },
    );
    expect(violations.map((violation) => violation.path).sort()).toEqual([
      'location',
      'nodePools[1].vmSize',
      'tags.costCenter',
    ]);
    expect(violations.map((violation) => violation.code).sort()).toEqual([
      'LocationNotAllowed',
      'RequiredTagMissing',
      'VmFamilyNotAllowed',
    ]);
  });
});

describe('evaluateNodePoolGuardrails', () => {
  it('reports paths relative to a standalone pool body', () => {
    const violations = evaluateNodePoolGuardrails(
      { vmSize: 'Standard_NC6s_v3', count: 10 },
      { allowedVmFamilies: ['general'], maxNodesPerPool: 5 },
    );
    expect(violations.map((violation) => [violation.path, violation.code])).toEqual([
      ['vmSize', 'VmFamilyNotAllowed'],
      ['count', 'PoolNodeLimitExceeded'],
    ]);
  });

  it('counts the other pools against the per-cluster maximum', () => {
    const violations = evaluateNodePoolGuardrails(
      { vmSize: 'Standard_D4s_v5', autoscaler: { minCount: 1, maxCount: 6 } },
      { maxNodesPerCluster: 10 },
      { otherPoolsNodeCeiling: 5 },
    );
    expect(violations).toEqual([
      expect.objectContaining({
        path: 'autoscaler.maxCount',
        code: 'ClusterNodeLimitExceeded',
        message: expect.stringContaining('11 nodes') as string,
      }),
    ]);
  });
});

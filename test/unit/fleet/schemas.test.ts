import { describe, expect, it } from 'vitest';
import { violationsFromSchemaIssues } from '../../../shared/domain/fleet/violation';
import {
  clusterPatchSchema,
  clusterSpecExample,
  clusterSpecSchema,
} from '../../../shared/domain/fleet/clusterSpec';
import { guardrailsSchema } from '../../../shared/domain/fleet/guardrailsSchema';
import { nodePoolPatchSchema, nodePoolPutSchema } from '../../../shared/domain/fleet/nodePoolSpec';

function pathsOf(result: {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }> };
}): string[] {
  return result.error ? violationsFromSchemaIssues(result.error).map((violation) => violation.path) : [];
}

describe('clusterSpecSchema', () => {
  it('accepts the documented example', () => {
    expect(clusterSpecSchema.parse(clusterSpecExample)).toEqual(clusterSpecExample);
  });

  it('names the field path of every invalid field', () => {
    const result = clusterSpecSchema.safeParse({
      location: 'East US',
      kubernetesVersion: 'latest',
      nodePools: [
        { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3 },
        {
          name: 'gpu',
          vmSize: 'Standard NC6',
          count: -1,
          taints: ['no-effect'],
          upgradeSettings: { maxSurge: '150%' },
        },
      ],
      network: { plugin: 'calico' },
    });
    expect(result.success).toBe(false);
    expect(pathsOf(result).sort()).toEqual([
      'kubernetesVersion',
      'location',
      'network.plugin',
      'nodePools[1].count',
      'nodePools[1].taints[0]',
      'nodePools[1].upgradeSettings.maxSurge',
      'nodePools[1].vmSize',
    ]);
  });

  it.each(['Standard_D4s_v5', 'Standard_M416-208ms_v2', 'Standard_NC24ads_A100_v4'])(
    'accepts VM size %s',
    (vmSize) => {
      expect(nodePoolPutSchema.safeParse({ vmSize }).success).toBe(true);
    },
  );

  it('requires at least one pool', () => {
    expect(pathsOf(clusterSpecSchema.safeParse({ location: 'eastus', nodePools: [] }))).toEqual([
      'nodePools',
    ]);
  });

  it.each([
    [{ type: 'UserAssigned' }, ['identity.userAssignedIdentityId']],
    [
      {
        type: 'UserAssigned',
        userAssignedIdentityId:
          '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
      },
      [],
    ],
  ])('validates identity %j', (identity, paths) => {
    expect(pathsOf(clusterSpecSchema.safeParse({ ...clusterSpecExample, identity }))).toEqual(paths);
  });

  it('prefixes a base path when asked (e.g. for a nested body)', () => {
    const result = nodePoolPutSchema.safeParse({ vmSize: 'Standard_D4s_v5', count: 1001 });
    expect(result.error && violationsFromSchemaIssues(result.error, 'body')[0]).toMatchObject({
      path: 'body.count',
      code: 'InvalidField',
    });
  });
});

describe('patch schemas', () => {
  it('accept an empty patch and a partial network', () => {
    expect(clusterPatchSchema.parse({})).toEqual({});
    expect(clusterPatchSchema.parse({ network: { policy: 'cilium' }, monitoring: null })).toEqual({
      network: { policy: 'cilium' },
      monitoring: null,
    });
  });

  it('accept autoscaler null to turn it off, and still validate present fields', () => {
    expect(nodePoolPatchSchema.parse({ autoscaler: null, count: 4 })).toEqual({ autoscaler: null, count: 4 });
    expect(pathsOf(nodePoolPatchSchema.safeParse({ labels: { a: 1 } }))).toEqual(['labels.a']);
  });
});

describe('guardrailsSchema', () => {
  it('rejects unknown VM families and non-positive limits with paths', () => {
    expect(
      pathsOf(guardrailsSchema.safeParse({ allowedVmFamilies: ['quantum'], maxNodesPerPool: 0 })).sort(),
    ).toEqual(['allowedVmFamilies[0]', 'maxNodesPerPool']);
  });
});

import { describe, expect, it } from 'vitest';
import { checkNodePoolWrite, NodePoolNotInSpecError } from '../../../shared/domain/fleet/aksRules';
import { mergeClusterPatch, mergeNodePoolPatch, withNodePool } from '../../../shared/domain/fleet/patches';
import type { ClusterSpec } from '../../../shared/domain/fleet/clusterSpec';
import type { NodePoolSpec } from '../../../shared/domain/fleet/nodePoolSpec';

const pool: NodePoolSpec = {
  name: 'work',
  mode: 'User',
  vmSize: 'Standard_D4s_v5',
  count: 3,
  autoscaler: { minCount: 1, maxCount: 5 },
  labels: { a: '1' },
  upgradeSettings: { maxSurge: '33%', drainTimeoutMinutes: 30 },
};

describe('mergeNodePoolPatch', () => {
  it('replaces present fields and keeps the rest', () => {
    expect(mergeNodePoolPatch(pool, { count: 4, labels: { b: '2' } })).toEqual({
      ...pool,
      count: 4,
      labels: { b: '2' },
    });
  });

  it('turns the autoscaler off with null and merges upgrade settings field by field', () => {
    const merged = mergeNodePoolPatch(pool, { autoscaler: null, upgradeSettings: { soakMinutes: 5 } });
    expect(merged.autoscaler).toBeUndefined();
    expect(merged.upgradeSettings).toEqual({ maxSurge: '33%', drainTimeoutMinutes: 30, soakMinutes: 5 });
  });

  it('keeps an immutable change so the rules can report it at the pool path', () => {
    const cluster: ClusterSpec = {
      location: 'eastus',
      nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 1 }, pool],
    };
    const patched = mergeNodePoolPatch(pool, { vmSize: 'Standard_D8s_v5' });
    const desired = { ...cluster, nodePools: [cluster.nodePools[0]!, patched] };
    expect(
      checkNodePoolWrite(desired, 'work', cluster).map((violation) => `${violation.path}:${violation.code}`),
    ).toEqual(['vmSize:PropertyChangeNotAllowed']);
  });
});

describe('mergeClusterPatch', () => {
  const cluster: ClusterSpec = {
    location: 'eastus',
    kubernetesVersion: '1.33',
    tags: { env: 'prod', team: 'x' },
    network: { plugin: 'azureOverlay', policy: 'cilium' },
    monitoring: {
      logAnalyticsWorkspaceId:
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws',
    },
    nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3 }],
  };

  it('replaces tags as a whole, merges network, keeps pools', () => {
    const merged = mergeClusterPatch(cluster, {
      kubernetesVersion: '1.34',
      tags: { env: 'dev' },
      network: { policy: 'calico' },
    });
    expect(merged).toEqual({
      ...cluster,
      kubernetesVersion: '1.34',
      tags: { env: 'dev' },
      network: { plugin: 'azureOverlay', policy: 'calico' },
    });
  });

  it('switches monitoring off with null', () => {
    expect(mergeClusterPatch(cluster, { monitoring: null }).monitoring).toBeUndefined();
    expect(mergeClusterPatch(cluster, {}).monitoring).toEqual(cluster.monitoring);
  });
});

describe('withNodePool', () => {
  const cluster: ClusterSpec = {
    location: 'eastus',
    nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 1 }],
  };

  it('adds a new pool at the end and replaces one of the same name', () => {
    const added = withNodePool(cluster, pool);
    expect(added.nodePools.map((candidate) => candidate.name)).toEqual(['system', 'work']);
    const replaced = withNodePool(added, { ...pool, count: 7 });
    expect(replaced.nodePools).toEqual([cluster.nodePools[0], { ...pool, count: 7 }]);
  });

  it('is what checkNodePoolWrite expects; a pool missing from the spec is a programming error', () => {
    expect(checkNodePoolWrite(withNodePool(cluster, { ...pool, name: 'Bad' }), 'Bad')).toEqual([
      expect.objectContaining({ path: 'name', code: 'InvalidPoolName' }),
    ]);
    expect(() => checkNodePoolWrite(cluster, 'nothere')).toThrow(NodePoolNotInSpecError);
  });
});

import type { ManagedCluster } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { clusterSpecFromView, toClusterView, toManagedCluster } from '../../../shared/features/clusters/clusterMapping';
import { dnsPrefixFor } from '../../../shared/features/clusters/putCluster';

const subnet = (name: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/${name}`;

const existing: ManagedCluster = {
  location: 'eastus',
  dnsPrefix: 'made-by-the-portal-1a2b',
  kubernetesVersion: '1.35.3',
  networkProfile: { networkPlugin: 'azure' },
  agentPoolProfiles: [
    { name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D4s_v5', count: 3, vnetSubnetID: subnet('a') },
    { name: 'user', mode: 'User', osType: 'Linux', vmSize: 'Standard_D4s_v5', count: 2, vnetSubnetID: subnet('b') },
  ],
};

describe('updating an existing cluster', () => {
  const spec = { ...clusterSpecFromView(toClusterView(existing)), tags: { team: 'fleet' } };

  it('keeps every existing pool in its own subnet (AKS cannot move a pool)', () => {
    const body = toManagedCluster(spec, { existing });
    expect(body.agentPoolProfiles?.map((pool) => pool.vnetSubnetID)).toEqual([subnet('a'), subnet('b')]);
  });

  it('puts a new pool into the cluster subnet', () => {
    const withNewPool = {
      ...spec,
      nodePools: [...spec.nodePools, { ...spec.nodePools[1]!, name: 'extra' }],
    };
    const body = toManagedCluster(withNewPool, { existing });
    expect(body.agentPoolProfiles?.find((pool) => pool.name === 'extra')?.vnetSubnetID).toBe(spec.network?.subnetId);
  });

  it('keeps the DNS prefix the cluster was created with', () => {
    expect(toManagedCluster(spec, { existing }).dnsPrefix).toBe('made-by-the-portal-1a2b');
  });
});

describe('DNS prefixes derived from cluster names', () => {
  it.each([
    ['aks1', 'aks1'],
    ['my_cluster', 'my-cluster'],
    ['-edge_', 'edge'],
    ['x'.repeat(63), 'x'.repeat(54)],
    ['___', 'aks'],
  ])('%s → %s', (name, prefix) => {
    expect(dnsPrefixFor(name)).toBe(prefix);
    expect(prefix).toMatch(/^[A-Za-z0-9]([A-Za-z0-9-]{0,52}[A-Za-z0-9])?$/);
  });
});

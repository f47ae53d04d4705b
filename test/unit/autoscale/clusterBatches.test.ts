import { describe, expect, it } from 'vitest';
import { carriedClusterOf } from '../../../shared/features/autoscale/carriedClusters';
import { carriedBytesOf, planBatches, type BatchLimits } from '../../../shared/features/autoscale/clusterBatches';
import type { ListedCluster } from '../../../shared/features/autoscale/listedClusters';

const clusterIn = (location: string, index: number, tagBytes = 0): ListedCluster => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${location}-${index}`,
  name: `${location}-${index}`,
  subscriptionId: 's',
  resourceGroup: 'rg',
  location,
  tags: tagBytes > 0 ? { big: 'x'.repeat(tagBytes) } : {},
  provisioningState: 'Succeeded',
  powerState: 'Running',
  workspaceResourceId: undefined,
  pools: [{ name: 'user', mode: 'User', count: 2, vmSize: 'Standard_D4s_v5' }],
  profiles: 'asListed',
});
const many = (location: string, count: number) => Array.from({ length: count }, (_, i) => clusterIn(location, i));
const shape = (plan: ReturnType<typeof planBatches>) => ({
  inProcess: plan.inProcess.map((c) => c.name),
  carried: plan.carried.map((batch) => `${batch[0]!.location}×${batch.length}`),
});
const LOOSE: BatchLimits = { clusters: 50, carriedBytes: 1_000_000 };

describe('planBatches: a subscription\'s clusters in batches of ≤ 50 clusters of one region and ≤ the bytes a message carries', () => {
  it.each([
    { name: 'no cluster: nothing to evaluate or send', clusters: [], limits: LOOSE, carried: [], inProcess: 0 },
    { name: 'one region under the limit: evaluated in process, nothing sent', clusters: many('eastus', 12), limits: LOOSE, carried: [], inProcess: 12 },
    { name: 'exactly 50 in one region: one batch', clusters: many('eastus', 50), limits: LOOSE, carried: [], inProcess: 50 },
    { name: '51 in one region: 50 in process, 1 sent', clusters: many('eastus', 51), limits: LOOSE, carried: ['eastus×1'], inProcess: 50 },
    { name: 'two regions: never mixed, regions in name order', clusters: [...many('westeurope', 120), ...many('eastus', 30)], limits: LOOSE, carried: ['westeurope×50', 'westeurope×50', 'westeurope×20'], inProcess: 30 },
    { name: 'interleaved listing: grouped per region', clusters: [clusterIn('b', 0), clusterIn('a', 0), clusterIn('b', 1), clusterIn('a', 1)], limits: LOOSE, carried: ['b×2'], inProcess: 2 },
  ])('$name', ({ clusters, limits, carried, inProcess }) => {
    const plan = planBatches(clusters, limits);
    expect(shape(plan).carried).toEqual(carried);
    expect(plan.inProcess).toHaveLength(inProcess);
    expect([...plan.inProcess, ...plan.carried.flat()].map((c) => c.id).sort()).toEqual(clusters.map((c) => c.id).sort());
  });

  it('splits a region before its carried bytes pass the limit', () => {
    const clusters = many('eastus', 10);
    const perCluster = carriedBytesOf(clusters[0]!);
    const plan = planBatches(clusters, { clusters: 50, carriedBytes: perCluster * 4 });
    expect(shape(plan)).toEqual({ inProcess: ['eastus-0', 'eastus-1', 'eastus-2', 'eastus-3'], carried: ['eastus×4', 'eastus×2'] });
    for (const batch of plan.carried) expect(batch.reduce((bytes, c) => bytes + carriedBytesOf(c), 0)).toBeLessThanOrEqual(perCluster * 4);
  });

  it('a cluster too large to carry alone is evaluated in process with the first batch', () => {
    const huge = clusterIn('westeurope', 99, 5_000);
    const plan = planBatches([...many('westeurope', 3), huge, ...many('eastus', 2)], { clusters: 50, carriedBytes: 2_000 });
    expect(plan.inProcess.map((c) => c.name)).toEqual(['eastus-0', 'eastus-1', 'westeurope-99']);
    expect(plan.carried.flat().map((c) => c.name)).toEqual(['westeurope-0', 'westeurope-1', 'westeurope-2']);
  });

  it('the default limit keeps a full batch of two-pool clusters with long tags inside one queue message (64 KiB of base64)', () => {
    const clusters = Array.from({ length: 200 }, (_, i) => ({ ...clusterIn('eastus', i, 300), pools: [clusterIn('eastus', i).pools[0]!, { name: 'batch', mode: 'User' as const, count: 1, vmSize: 'Standard_E8s_v5', tags: { team: 'data' } }] }));
    for (const batch of planBatches(clusters).carried) {
      const message = JSON.stringify({ kind: 'batch', cycle: 123456, subscriptionId: '00000000-0000-0000-0000-000000000000', at: new Date().toISOString(), source: 'snapshot', clusters: batch.map(carriedClusterOf) });
      expect(Buffer.from(message).toString('base64').length).toBeLessThanOrEqual(64 * 1024);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { clusterAddressOfId, clusterArmId } from '../../../shared/domain/fleet/clusterAddress';

const SUB = '00000000-0000-0000-0000-0000000000aa';

describe('clusterAddressOfId', () => {
  it.each([
    [`/subscriptions/${SUB}/resourceGroups/rg-1/providers/Microsoft.ContainerService/managedClusters/demo`, { subscriptionId: SUB, resourceGroup: 'rg-1', clusterName: 'demo' }],
    // Alert targets and Event Grid subjects arrive lower-cased.
    [`/subscriptions/${SUB}/resourcegroups/RG-1/providers/microsoft.containerservice/managedclusters/Demo`, { subscriptionId: SUB, resourceGroup: 'RG-1', clusterName: 'Demo' }],
  ])('parses %s', (id, expected) => {
    expect(clusterAddressOfId(id)).toEqual(expected);
  });

  it.each([
    undefined,
    '',
    `/subscriptions/${SUB}/resourceGroups/rg-1/providers/Microsoft.ContainerService/managedClusters/demo/agentPools/user`,
    `/subscriptions/${SUB}/resourceGroups/rg-1/providers/Microsoft.Compute/virtualMachines/demo`,
    `subscriptions/${SUB}/resourceGroups/rg-1/providers/Microsoft.ContainerService/managedClusters/demo`,
  ])('refuses %s', (id) => {
    expect(clusterAddressOfId(id)).toBeUndefined();
  });

  it('reads back what clusterArmId writes', () => {
    const address = { subscriptionId: SUB, resourceGroup: 'rg-2', clusterName: 'c-9' };
    expect(clusterAddressOfId(clusterArmId(address))).toEqual(address);
  });
});

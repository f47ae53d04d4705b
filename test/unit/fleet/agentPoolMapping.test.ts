import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nodePoolSpecFromView,
  toAgentPool,
  toAgentPoolProfile,
  toNodePoolView,
} from '../../../shared/features/clusters/agentPoolMapping';
import { nodePoolPutSchema, nodePoolSpecSchema } from '../../../shared/domain/fleet/nodePoolSpec';
import { nodePoolSpecArbitrary } from './support/arbitraries';
import { loadExample } from './support/fixtures';
import { missingFields } from './support/subset';
import { wireAgentPool } from './support/wireToSdk';

describe('toAgentPool', () => {
  it('builds the v25 AgentPool body of a standalone pool PUT', () => {
    const body = toAgentPool(
      nodePoolPutSchema.parse({
        mode: 'User',
        vmSize: 'Standard_D4s_v5',
        count: 3,
        spot: { evictionPolicy: 'Delete' },
        labels: { key1: 'val1' },
        taints: ['Key1=Value1:NoSchedule'],
      }),
      {
        subnetId:
          '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
      },
    );
    expect(body).toEqual({
      typePropertiesType: 'VirtualMachineScaleSets',
      mode: 'User',
      vmSize: 'Standard_D4s_v5',
      count: 3,
      enableAutoScaling: false,
      scaleSetPriority: 'Spot',
      scaleSetEvictionPolicy: 'Delete',
      nodeLabels: { key1: 'val1' },
      nodeTaints: ['Key1=Value1:NoSchedule'],
      vnetSubnetID:
        '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
    });
  });

  it('starts an autoscaled pool without a count at minCount (at least 1)', () => {
    expect(toAgentPool({ vmSize: 'Standard_D4s_v5', autoscaler: { minCount: 2, maxCount: 5 } }).count).toBe(
      2,
    );
    expect(toAgentPool({ vmSize: 'Standard_D4s_v5', autoscaler: { minCount: 0, maxCount: 5 } }).count).toBe(
      1,
    );
  });
});

describe('toNodePoolView', () => {
  it('reads AgentPoolsCreate_Spot.json (Spot, labels, taints, default surge)', () => {
    const view = toNodePoolView(
      wireAgentPool(loadExample('AgentPoolsCreate_Spot.json').responses['200']!.body),
    );
    expect(view).toMatchObject({
      name: 'agentpool1',
      mode: 'User',
      count: 3,
      vmSize: 'Standard_DS1_v2',
      osType: 'Linux',
      osSku: 'Ubuntu',
      maxPods: 110,
      spot: { evictionPolicy: 'Delete', maxPrice: -1 },
      labels: { key1: 'val1' },
      taints: ['Key1=Value1:NoSchedule'],
      upgradeSettings: { maxSurge: '10%', drainTimeoutMinutes: 30, soakMinutes: 0 },
      provisioningState: 'Succeeded',
    });
  });

  it('reads AgentPools_Update.json (autoscaler)', () => {
    const view = toNodePoolView(wireAgentPool(loadExample('AgentPools_Update.json').responses['200']!.body));
    expect(view.autoscaler).toEqual({ minCount: 2, maxCount: 2 });
  });

  it('reads AgentPoolsGet.json (surge 33%, node image)', () => {
    const view = toNodePoolView(wireAgentPool(loadExample('AgentPoolsGet.json').responses['200']!.body));
    expect(view).toMatchObject({
      upgradeSettings: { maxSurge: '33%' },
      nodeImageVersion: 'AKSUbuntu:1604:2020.03.11',
      currentOrchestratorVersion: '1.9.6',
    });
  });

  it('rebuilds the fixture request of a pool PUT from its view', () => {
    const request = wireAgentPool(loadExample('AgentPools_Update.json').parameters.parameters);
    const spec = nodePoolSpecSchema.parse(
      nodePoolSpecFromView(toNodePoolView({ ...request, name: 'agentpool1' })),
    );
    const { orchestratorVersion: _empty, ...expected } = request;
    expect(missingFields(expected, toAgentPool(spec))).toEqual([]);
  });

  it('round-trips every field the user set (pool endpoints)', () => {
    fc.assert(
      fc.property(nodePoolSpecArbitrary('pool1'), (pool) => {
        const { name, ...body } = pool;
        const view = toNodePoolView({ ...toAgentPool(body), name });
        expect(missingFields(pool, view)).toEqual([]);
        expect(toNodePoolView(toAgentPoolProfile(pool))).toEqual(view);
      }),
    );
  });
});

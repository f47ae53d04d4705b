import type { ManagedCluster } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import type { VersionCatalogue } from '../../../shared/domain/fleet/versionCatalogue';
import { clusterRadar } from '../../../shared/features/inventory/clusterRadar';
import { parseClusterId } from '../../../shared/features/inventory/clusterId';
import { inventoryRecordOf, normalizeLocation } from '../../../shared/features/inventory/inventoryMapping';
import { inventoryRecordSchema } from '../../../shared/features/inventory/inventoryRecord';

const ID =
  '/subscriptions/AAAAAAAA-1111-4111-8111-111111111111/resourceGroups/Rg-1/providers/Microsoft.ContainerService/managedClusters/c1';
const SYNCED = new Date('2026-11-27T12:00:00.000Z');
const POLICY = { today: SYNCED.toISOString(), endOfSupport: { '1.34': '2026-12-27' } };

const catalogue: VersionCatalogue = {
  values: [
    {
      version: '1.33',
      capabilities: { supportPlan: ['AKSLongTermSupport'] },
      patchVersions: { '1.33.5': { upgrades: ['1.34.6'] } },
    },
    {
      version: '1.34',
      capabilities: { supportPlan: ['KubernetesOfficial'] },
      patchVersions: { '1.34.6': { upgrades: ['1.34.8', '1.35.3'] }, '1.34.8': {} },
    },
    {
      version: '1.35',
      capabilities: { supportPlan: ['KubernetesOfficial'] },
      patchVersions: { '1.35.3': {} },
    },
    {
      version: '1.36',
      capabilities: { supportPlan: ['KubernetesOfficial'] },
      patchVersions: { '1.36.1': {} },
    },
    {
      version: '1.37',
      capabilities: { supportPlan: ['KubernetesOfficial'] },
      patchVersions: { '1.37.1': {} },
    },
  ],
};

const cluster: ManagedCluster = {
  id: ID,
  name: 'c1',
  location: 'East US',
  tags: { env: 'prod' },
  kubernetesVersion: '1.34',
  currentKubernetesVersion: '1.34.6',
  provisioningState: 'Succeeded',
  powerState: { code: 'Running' },
  agentPoolProfiles: [
    {
      name: 'system',
      mode: 'System',
      osType: 'Linux',
      vmSize: 'Standard_D2s_v5',
      count: 3,
      orchestratorVersion: '1.34',
      currentOrchestratorVersion: '1.34.6',
    },
    { name: 'apps', mode: 'User', vmSize: 'Standard_D4s_v5', count: 0, provisioningState: 'Succeeded', enableAutoScaling: true, minCount: 0, maxCount: 5, maxPods: 30, tags: { team: 'shop' } },
  ],
};

describe('inventoryRecordOf', () => {
  it('summarizes the cluster, its pools and its radar from the catalogue of its location', () => {
    const seen: string[] = [];
    const record = inventoryRecordOf(cluster, (location) => (seen.push(location), catalogue), POLICY, SYNCED);
    expect(seen).toEqual(['eastus']);
    expect(record).toEqual({
      id: ID,
      subscriptionId: 'aaaaaaaa-1111-4111-8111-111111111111',
      resourceGroup: 'Rg-1',
      name: 'c1',
      location: 'eastus',
      kubernetesVersion: '1.34',
      currentKubernetesVersion: '1.34.6',
      provisioningState: 'Succeeded',
      powerState: 'Running',
      tags: { env: 'prod' },
      nodePools: [
        {
          name: 'system',
          mode: 'System',
          osType: 'Linux',
          vmSize: 'Standard_D2s_v5',
          count: 3,
          orchestratorVersion: '1.34.6',
          requestedOrchestratorVersion: '1.34',
        },
        // What the autoscale cycle reads when it uses the snapshot: the pool's state and the AKS autoscaler's range.
        { name: 'apps', mode: 'User', vmSize: 'Standard_D4s_v5', count: 0, provisioningState: 'Succeeded', enableAutoScaling: true, minCount: 0, maxCount: 5, maxPods: 30, tags: { team: 'shop' } },
      ],
      radar: {
        supportStatus: 'platformSupport',
        availableUpgrades: [
          { version: '1.34.8', isPreview: false },
          { version: '1.35.3', isPreview: false },
        ],
        minorsBehindLatest: 3,
        latestGaMinor: '1.37',
        endOfSupport: '2026-12-27',
        daysToEndOfSupport: 30,
      },
      syncedAt: SYNCED.toISOString(),
    });
    expect(inventoryRecordSchema.parse(record)).toEqual(record);
  });

  it('skips something without a managed-cluster id', () => {
    expect(inventoryRecordOf({ ...cluster, id: undefined }, () => catalogue, POLICY, SYNCED)).toBeUndefined();
    expect(
      inventoryRecordOf(
        { ...cluster, id: '/subscriptions/x/resourceGroups/y' },
        () => catalogue,
        POLICY,
        SYNCED,
      ),
    ).toBeUndefined();
  });

  it('an empty cluster still makes a valid record', () => {
    const record = inventoryRecordOf({ id: ID, location: 'westeurope' }, () => undefined, POLICY, SYNCED);
    expect(inventoryRecordSchema.parse(record)).toMatchObject({
      tags: {},
      nodePools: [],
      radar: { supportStatus: 'unknown' },
    });
  });
});

describe('clusterRadar', () => {
  it('is unknown without a catalogue or a version', () => {
    expect(clusterRadar('1.35.3', undefined, undefined, POLICY)).toEqual({
      supportStatus: 'unknown',
      availableUpgrades: [],
    });
    expect(clusterRadar('', catalogue, undefined, POLICY)).toEqual({
      supportStatus: 'unknown',
      availableUpgrades: [],
    });
  });

  it('follows the support policy of the domain: N-2 supported, N-3 platform support, older out of support, LTS plan honoured', () => {
    expect(clusterRadar('1.35.3', catalogue, undefined, POLICY).supportStatus).toBe('supported');
    expect(clusterRadar('1.34.6', catalogue, undefined, POLICY).supportStatus).toBe('platformSupport');
    expect(clusterRadar('1.33.5', catalogue, 'KubernetesOfficial', POLICY).supportStatus).toBe(
      'outOfSupport',
    );
    expect(clusterRadar('1.33.5', catalogue, 'AKSLongTermSupport', POLICY).supportStatus).toBe('supported');
  });
});

describe('parseClusterId and normalizeLocation', () => {
  it('parses managed cluster ids case-insensitively', () => {
    expect(parseClusterId(ID.replace('resourceGroups', 'resourcegroups'))).toEqual({
      subscriptionId: 'aaaaaaaa-1111-4111-8111-111111111111',
      resourceGroup: 'Rg-1',
      name: 'c1',
    });
    expect(parseClusterId(`${ID}/agentPools/system`)).toBeUndefined();
  });

  it('uses the short region form', () => {
    expect(normalizeLocation('West Europe')).toBe('westeurope');
    expect(normalizeLocation(undefined)).toBe('');
  });
});

import type { ManagedCluster } from '@azure/arm-containerservice';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clusterSpecFromView,
  effectiveSettingsOf,
  toClusterView,
  toManagedCluster,
  WindowsCredentialsMissingError,
} from '../../../shared/features/clusters/clusterMapping';
import type { ClusterSpec } from '../../../shared/domain/fleet/clusterSpec';
import { clusterSpecSchema, clusterViewSchema } from '../../../shared/domain/fleet/clusterSpec';
import { clusterSpecArbitrary } from './support/arbitraries';
import { loadExample } from './support/fixtures';
import { missingFields } from './support/subset';
import { wireManagedCluster } from './support/wireToSdk';

const windowsCredentials = {
  windowsAdminUsername: 'fleetadmin',
  windowsAdminPassword: 'S3cret-from-config!',
};
const workspaceId =
  '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws';
const subnetId =
  '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks';

const fullSpec: ClusterSpec = clusterSpecSchema.parse({
  location: 'eastus',
  kubernetesVersion: '1.33',
  tags: { costCenter: 'cc-42' },
  entraId: { adminGroupObjectIds: ['00000000-0000-0000-0000-000000000001'], azureRbac: true },
  monitoring: { logAnalyticsWorkspaceId: workspaceId },
  network: { plugin: 'azureOverlay', subnetId },
  webAppRouting: { enabled: true },
  autoUpgrade: { channel: 'stable', nodeOsChannel: 'NodeImage' },
  nodePools: [
    {
      name: 'system',
      mode: 'System',
      vmSize: 'Standard_D4s_v5',
      count: 3,
      availabilityZones: ['1', '2', '3'],
    },
    {
      name: 'win',
      mode: 'User',
      vmSize: 'Standard_D4s_v5',
      osType: 'Windows',
      osSku: 'Windows2022',
      count: 2,
    },
    {
      name: 'gpu',
      vmSize: 'Standard_NC6s_v3',
      count: 1,
      autoscaler: { minCount: 0, maxCount: 4 },
      taints: ['sku=gpu:NoSchedule'],
      spot: { maxPrice: -1 },
    },
    {
      name: 'conf',
      vmSize: 'Standard_DC4s_v3',
      count: 2,
      upgradeSettings: { maxSurge: '33%', drainTimeoutMinutes: 45, soakMinutes: 5 },
    },
  ],
});

/** What AKS adds when it echoes a created cluster (read-only values). */
function asReturnedByAks(body: ManagedCluster): ManagedCluster {
  const echoed = JSON.parse(JSON.stringify(body)) as ManagedCluster & Record<string, unknown>;
  if (echoed.windowsProfile) delete echoed.windowsProfile.adminPassword;
  return {
    ...echoed,
    provisioningState: 'Succeeded',
    currentKubernetesVersion: '1.33.2',
    fqdn: 'c1-abc.hcp.eastus.azmk8s.io',
    agentPoolProfiles: echoed.agentPoolProfiles?.map((pool) => ({
      ...pool,
      provisioningState: 'Succeeded',
      currentOrchestratorVersion: '1.33.2',
    })),
  };
}

describe('toManagedCluster', () => {
  const cluster = toManagedCluster(fullSpec, windowsCredentials);

  it('maps the cluster-level settings to their ARM profiles', () => {
    expect(cluster).toMatchObject({
      location: 'eastus',
      tags: { costCenter: 'cc-42' },
      kubernetesVersion: '1.33',
      enableRbac: true,
      identity: { type: 'SystemAssigned' },
      aadProfile: {
        managed: true,
        enableAzureRbac: true,
        adminGroupObjectIDs: ['00000000-0000-0000-0000-000000000001'],
      },
      networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay' },
      ingressProfile: { webAppRouting: { enabled: true } },
      autoUpgradeProfile: { upgradeChannel: 'stable', nodeOSUpgradeChannel: 'NodeImage' },
    });
  });

  it('enables monitoring with the workspace and the SGX device plugin for the DC-series pool', () => {
    expect(cluster.addonProfiles).toEqual({
      omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspaceId } },
      ACCSGXDevicePlugin: { enabled: true, config: { ACCSGXQuoteHelperEnabled: 'false' } },
    });
    const withoutConfidential = toManagedCluster({
      ...fullSpec,
      monitoring: undefined,
      nodePools: fullSpec.nodePools.slice(0, 1),
    });
    expect(withoutConfidential.addonProfiles).toBeUndefined();
  });

  it('maps pools: spot, autoscaler, taints, upgrade settings and the subnet', () => {
    const [system, windows, gpu, confidential] = cluster.agentPoolProfiles ?? [];
    expect(system).toMatchObject({
      name: 'system',
      mode: 'System',
      count: 3,
      enableAutoScaling: false,
      availabilityZones: ['1', '2', '3'],
      vnetSubnetID: subnetId,
      type: 'VirtualMachineScaleSets',
    });
    expect(windows).toMatchObject({ name: 'win', osType: 'Windows', osSKU: 'Windows2022' });
    expect(gpu).toMatchObject({
      mode: 'User',
      scaleSetPriority: 'Spot',
      spotMaxPrice: -1,
      enableAutoScaling: true,
      minCount: 0,
      maxCount: 4,
      nodeTaints: ['sku=gpu:NoSchedule'],
    });
    expect(confidential?.upgradeSettings).toEqual({
      maxSurge: '33%',
      drainTimeoutInMinutes: 45,
      nodeSoakDurationInMinutes: 5,
    });
  });

  it('takes Windows credentials from the options and refuses a Windows pool without them', () => {
    expect(cluster.windowsProfile).toEqual({
      adminUsername: 'fleetadmin',
      adminPassword: 'S3cret-from-config!',
    });
    expect(() => toManagedCluster(fullSpec)).toThrow(WindowsCredentialsMissingError);
    expect(
      toManagedCluster({ ...fullSpec, nodePools: fullSpec.nodePools.slice(0, 1) }).windowsProfile,
    ).toBeUndefined();
  });

  it('on update keeps what the Fleet API does not model and switches monitoring off when removed', () => {
    const existing: ManagedCluster = {
      ...asReturnedByAks(cluster),
      linuxProfile: { adminUsername: 'azureuser', ssh: { publicKeys: [{ keyData: 'ssh-rsa AAA' }] } },
      networkProfile: { ...cluster.networkProfile, loadBalancerSku: 'standard' },
      agentPoolProfiles: cluster.agentPoolProfiles?.map((pool) => ({
        ...pool,
        enableEncryptionAtHost: true,
        nodeLabels: { old: 'label' },
      })),
    };
    const updated = toManagedCluster(
      {
        ...fullSpec,
        monitoring: undefined,
        nodePools: fullSpec.nodePools.map((pool) => ({ ...pool, labels: { fresh: 'yes' } })),
      },
      { existing },
    );
    expect(updated.linuxProfile?.ssh.publicKeys[0]?.keyData).toBe('ssh-rsa AAA');
    expect(updated.networkProfile).toMatchObject({
      loadBalancerSku: 'standard',
      networkPluginMode: 'overlay',
    });
    expect(updated.addonProfiles?.omsagent).toMatchObject({ enabled: false });
    expect(updated.agentPoolProfiles?.[0]).toMatchObject({
      enableEncryptionAtHost: true,
      nodeLabels: { fresh: 'yes' },
    });
    expect(updated.windowsProfile).toEqual({ adminUsername: 'fleetadmin' });
  });

  it('on update writes to the add-on key the cluster already uses', () => {
    const existing: ManagedCluster = {
      location: 'eastus',
      addonProfiles: { omsAgent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: 'old' } } },
    };
    const updated = toManagedCluster(
      { ...fullSpec, nodePools: fullSpec.nodePools.slice(0, 1) },
      { existing },
    );
    expect(updated.addonProfiles).toEqual({
      omsAgent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspaceId } },
    });
  });

  it('on update keeps the existing Windows admin name and rotates the password from configuration', () => {
    const existing: ManagedCluster = {
      ...asReturnedByAks(cluster),
      windowsProfile: { adminUsername: 'azureuser' },
    };
    const updated = toManagedCluster(fullSpec, { ...windowsCredentials, existing });
    expect(updated.windowsProfile).toEqual({
      adminUsername: 'azureuser',
      adminPassword: 'S3cret-from-config!',
    });
  });
});

describe('toClusterView', () => {
  it('fills AKS defaults for what the user left out', () => {
    const view = effectiveSettingsOf(
      clusterSpecSchema.parse({
        location: 'eastus',
        nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3 }],
      }),
    );
    expect(view).toMatchObject({
      kubernetesRbac: true,
      network: {
        plugin: 'kubenet',
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIp: '10.0.0.10',
      },
      autoUpgrade: { channel: 'none', nodeOsChannel: 'NodeImage' },
      identity: { type: 'SystemAssigned' },
      tier: 'Free',
      addons: [],
      nodePools: [
        {
          name: 'system',
          osType: 'Linux',
          osSku: 'Ubuntu',
          maxPods: 110,
          upgradeSettings: { maxSurge: '10%', drainTimeoutMinutes: 30, soakMinutes: 0 },
        },
      ],
    });
  });

  it.each([
    ['kubenet', 110, '10.244.0.0/16'],
    ['azureOverlay', 250, '10.244.0.0/16'],
    ['azure', 30, undefined],
  ] as const)('%s pools default to %i pods per node', (plugin, maxPods, podCidr) => {
    const view = effectiveSettingsOf({
      location: 'eastus',
      network: { plugin },
      nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5' }],
    });
    expect(view.nodePools[0]?.maxPods).toBe(maxPods);
    expect(view.network.podCidr).toBe(podCidr);
  });

  it('reads the monitoring add-on whatever the casing of its keys', () => {
    const view = toClusterView({
      location: 'eastus',
      addonProfiles: {
        omsAgent: { enabled: true, config: { loganalyticsworkspaceresourceid: workspaceId } },
      },
    });
    expect(view.monitoring).toEqual({ logAnalyticsWorkspaceId: workspaceId });
  });

  it('lists the add-ons Fleetplane enabled for the user', () => {
    expect(effectiveSettingsOf(fullSpec).addons).toEqual(['ACCSGXDevicePlugin', 'omsagent']);
  });

  it('never echoes the Windows password, even if ARM did', () => {
    const echoedWithSecret = {
      ...toManagedCluster(fullSpec, windowsCredentials),
      provisioningState: 'Succeeded',
    };
    const text = JSON.stringify(toClusterView(echoedWithSecret));
    expect(text).not.toContain('S3cret-from-config!');
    expect(text).not.toContain('fleetadmin');
  });

  it('produces a body that matches the response schema', () => {
    expect(
      clusterViewSchema.safeParse(
        toClusterView(asReturnedByAks(toManagedCluster(fullSpec, windowsCredentials))),
      ).success,
    ).toBe(true);
  });
});

describe('spec → ARM → view round trip', () => {
  it('keeps every field of the full example', () => {
    const view = toClusterView(asReturnedByAks(toManagedCluster(fullSpec, windowsCredentials)));
    expect(missingFields(fullSpec, view)).toEqual([]);
    expect(view).toMatchObject({
      provisioningState: 'Succeeded',
      currentKubernetesVersion: '1.33.2',
      fqdn: 'c1-abc.hcp.eastus.azmk8s.io',
    });
  });

  it('never drops a field the user set (generated specs)', () => {
    fc.assert(
      fc.property(clusterSpecArbitrary, (spec) => {
        expect(clusterSpecSchema.safeParse(spec).success).toBe(true);
        const view = toClusterView(asReturnedByAks(toManagedCluster(spec, windowsCredentials)));
        expect(missingFields(spec, view)).toEqual([]);
        expect(JSON.stringify(view)).not.toContain(windowsCredentials.windowsAdminPassword);
      }),
      { numRuns: 300 },
    );
  });

  it('view → spec → view is a fixed point, and the derived spec is valid', () => {
    fc.assert(
      fc.property(clusterSpecArbitrary, (spec) => {
        const view = toClusterView(asReturnedByAks(toManagedCluster(spec, windowsCredentials)));
        const derived = clusterSpecFromView(view);
        const parsed = clusterSpecSchema.safeParse(derived);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
        const again = toClusterView(asReturnedByAks(toManagedCluster(derived, windowsCredentials)));
        expect(again).toEqual(view);
      }),
      { numRuns: 200 },
    );
  });
});

describe('real AKS example bodies', () => {
  it('reads ManagedClustersGet.json into effective settings', () => {
    const view = toClusterView(
      wireManagedCluster(loadExample('ManagedClustersGet.json').responses['200']!.body),
    );
    expect(view).toMatchObject({
      name: 'clustername1',
      location: 'location1',
      tags: { archv2: '', tier: 'production' },
      kubernetesVersion: '1.9.6',
      currentKubernetesVersion: '1.9.6',
      kubernetesRbac: false,
      provisioningState: 'Succeeded',
      nodeResourceGroup: 'MC_rg1_clustername1_location1',
      network: {
        plugin: 'kubenet',
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIp: '10.0.0.10',
      },
      nodePools: [
        {
          name: 'nodepool1',
          count: 3,
          vmSize: 'Standard_DS1_v2',
          maxPods: 110,
          availabilityZones: ['1', '2', '3'],
          upgradeSettings: { maxSurge: '33%', drainTimeoutMinutes: 30, soakMinutes: 0 },
          nodeImageVersion: 'AKSUbuntu:1604:2020.03.11',
          currentOrchestratorVersion: '1.9.6',
        },
      ],
    });
  });

  it('reads the Entra ID / Azure RBAC example, where adminGroupObjectIDs is null', () => {
    const view = toClusterView(
      wireManagedCluster(
        loadExample('ManagedClustersCreate_UpdateWithEnableAzureRBAC.json').responses['200']!.body,
      ),
    );
    expect(view.entraId).toEqual({ azureRbac: true, tenantId: 'tenantID' });
    expect(view.kubernetesRbac).toBe(true);
  });

  it.each([
    'ManagedClustersCreate_Update.json',
    'ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
    'ManagedClustersCreate_OSSKU.json',
    'ManagedClustersCreate_UpdateWindowsGmsa.json',
  ])('%s: request → view → spec → ARM keeps every field of the request and leaks no secret', (file) => {
    const request = wireManagedCluster(loadExample(file).parameters.parameters);
    const view = toClusterView(request);
    expect(JSON.stringify(view)).not.toMatch(/replacePassword1234\$|"secret"/);
    const spec = clusterSpecSchema.parse(clusterSpecFromView(view));
    const rebuilt = toManagedCluster(spec, { existing: request });
    expect(missingFields(request, rebuilt)).toEqual([]);
  });

  it('reads the OS SKU example', () => {
    const view = toClusterView(
      wireManagedCluster(loadExample('ManagedClustersCreate_OSSKU.json').responses['200']!.body),
    );
    expect(view.nodePools[0]).toMatchObject({ osType: 'Linux', osSku: 'AzureLinux', mode: 'System' });
  });
});

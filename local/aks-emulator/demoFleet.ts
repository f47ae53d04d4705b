import type { Fleet } from './engine/fleet';
import { createOrUpdateCluster } from './services/clusterService';
import { createOrUpdatePool } from './services/poolService';
import { putConfig } from './services/maintenanceService';
import type { WorkspaceName } from './workspaces/workspaceStore';
import { workspaceResourceId } from './workspaces/workspaceStore';

export const DEMO_SUBSCRIPTIONS = ['6f1d3c52-8a0e-4b8e-9d51-0c6a1f2b7e01', '9b2e4f7a-1c3d-4e5f-8a9b-2c4d6e8f0a02'] as const;

interface DemoCluster {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  version: string;
  supportPlan?: 'AKSLongTermSupport';
  networkPlugin: 'azure' | 'kubenet';
  windows?: boolean;
  addons?: string[];
  /** Sends Container Insights logs to the region's demo workspace (omsagent add-on). */
  monitored: boolean;
  systemPoolVersion?: string;
  extraPools: { name: string; vmSize: string; count: number; osType?: 'Windows'; version?: string }[];
  tags: Record<string, string>;
}

const [SUB_A, SUB_B] = DEMO_SUBSCRIPTIONS;

/** One Log Analytics workspace per demo region, shared by both subscriptions' clusters (as a central team would). */
const MONITORING_RESOURCE_GROUP = 'rg-monitoring';
const demoWorkspace = (location: string): WorkspaceName => ({ subscriptionId: SUB_A, resourceGroup: MONITORING_RESOURCE_GROUP, name: `law-fleet-${location}` });

const DEMO: DemoCluster[] = [
  {
    subscriptionId: SUB_A,
    resourceGroup: 'rg-prod-eastus',
    name: 'prod-eastus-01',
    monitored: true,
    location: 'eastus',
    version: '1.36.1',
    networkPlugin: 'azure',
    windows: true,
    extraPools: [{ name: 'win22', vmSize: 'Standard_D4s_v5', count: 2, osType: 'Windows' }],
    tags: { env: 'prod', ring: '2' },
  },
  {
    subscriptionId: SUB_A,
    resourceGroup: 'rg-ml-westeurope',
    name: 'ml-weu-01',
    monitored: true,
    location: 'westeurope',
    version: '1.35.5',
    networkPlugin: 'kubenet',
    systemPoolVersion: '1.35.3',
    extraPools: [{ name: 'gpu', vmSize: 'Standard_NC4as_T4_v3', count: 1, version: '1.34.8' }],
    tags: { env: 'prod', ring: '1', workload: 'ml' },
  },
  {
    subscriptionId: SUB_B,
    resourceGroup: 'rg-conf-eastus',
    name: 'conf-eastus-01',
    monitored: true,
    location: 'eastus',
    version: '1.37.1',
    networkPlugin: 'azure',
    addons: ['ACCSGXDevicePlugin'],
    extraPools: [{ name: 'sgx', vmSize: 'Standard_DC4s_v3', count: 2 }],
    tags: { env: 'prod', ring: '3', workload: 'confidential' },
  },
  {
    subscriptionId: SUB_B,
    resourceGroup: 'rg-legacy-westeurope',
    name: 'legacy-weu-01',
    monitored: false,
    location: 'westeurope',
    version: '1.33.5',
    supportPlan: 'AKSLongTermSupport',
    networkPlugin: 'kubenet',
    extraPools: [],
    tags: { env: 'staging', ring: '0' },
  },
  {
    subscriptionId: SUB_B,
    resourceGroup: 'rg-dev-eastus',
    name: 'dev-eastus-01',
    monitored: false,
    location: 'eastus',
    version: '1.34.6',
    networkPlugin: 'kubenet',
    extraPools: [{ name: 'apps', vmSize: 'Standard_D2s_v5', count: 3 }],
    tags: { env: 'dev', ring: '0' },
  },
];

/**
 * Seeds the demo fleet through the same services as ARM calls, then settles every operation. legacy-weu-01 and
 * dev-eastus-01 have no monitoring add-on: their logs are in no workspace.
 */
export function seedDemoFleet(fleet: Fleet): string[] {
  for (const location of new Set(DEMO.map((demo) => demo.location))) {
    const workspace = demoWorkspace(location);
    if (!fleet.workspaces.find(workspaceResourceId(workspace))) fleet.workspaces.createOrUpdate(workspace, { location, tags: { purpose: 'fleet-monitoring' } }, fleet.clock.nowIso());
  }
  const ids: string[] = [];
  for (const demo of DEMO) {
    if (fleet.findCluster(demo.subscriptionId, demo.resourceGroup, demo.name)) continue;
    const ids3 = { subscriptionId: demo.subscriptionId, resourceGroup: demo.resourceGroup, name: demo.name };
    createOrUpdateCluster(fleet, ids3, clusterBody(demo), {});
    fleet.operations.settleAll();
    const cluster = fleet.requireCluster(demo.subscriptionId, demo.resourceGroup, demo.name);
    for (const pool of demo.extraPools) {
      createOrUpdatePool(fleet, cluster, pool.name, { properties: { vmSize: pool.vmSize, count: pool.count, mode: 'User', osType: pool.osType ?? 'Linux', ...(pool.version ? { orchestratorVersion: pool.version } : {}) } }, {});
      fleet.operations.settleAll();
    }
    putConfig(fleet, cluster, 'aksManagedAutoUpgradeSchedule', {
      properties: { maintenanceWindow: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Saturday' } }, durationHours: 6, utcOffset: '+00:00', startTime: '02:00' } },
    });
    if (demo.supportPlan === 'AKSLongTermSupport') {
      // LTS was later switched off: the cluster stays on an LTS-only minor, i.e. out of community support.
      cluster.properties['supportPlan'] = 'KubernetesOfficial';
      cluster.sku = { name: 'Base', tier: 'Standard' };
    }
    if (demo.name === 'legacy-weu-01') {
      for (const pool of cluster.pools) pool.nodeImageVersion = fleet.nodeImages.previousFor('AKSUbuntu-2204gen2containerd');
    }
    ids.push(`/subscriptions/${demo.subscriptionId}/resourceGroups/${demo.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${demo.name}`);
  }
  return ids;
}

function clusterBody(demo: DemoCluster): Record<string, unknown> {
  return {
    location: demo.location,
    tags: demo.tags,
    sku: { name: 'Base', tier: demo.supportPlan ? 'Premium' : 'Standard' },
    identity: { type: 'SystemAssigned' },
    properties: {
      kubernetesVersion: demo.version,
      dnsPrefix: demo.name,
      ...(demo.supportPlan ? { supportPlan: demo.supportPlan } : {}),
      networkProfile: { networkPlugin: demo.networkPlugin, ...(demo.networkPlugin === 'azure' ? { networkPluginMode: 'overlay' } : {}) },
      ...(demo.windows ? { windowsProfile: { adminUsername: 'azureuser', adminPassword: 'Demo-Password-Not-Stored-1!' } } : {}),
      addonProfiles: addonProfiles(demo),
      autoUpgradeProfile: { upgradeChannel: 'none', nodeOSUpgradeChannel: 'NodeImage' },
      agentPoolProfiles: [
        {
          name: 'system',
          mode: 'System',
          osType: 'Linux',
          vmSize: 'Standard_D4s_v5',
          count: 3,
          ...(demo.systemPoolVersion ? { orchestratorVersion: demo.systemPoolVersion } : {}),
          upgradeSettings: { maxSurge: '33%' },
        },
      ],
    },
  };
}

function addonProfiles(demo: DemoCluster): Record<string, unknown> {
  const profiles: Record<string, unknown> = Object.fromEntries((demo.addons ?? []).map((a) => [a, { enabled: true }]));
  if (demo.monitored) {
    profiles['omsagent'] = { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspaceResourceId(demoWorkspace(demo.location)), useAADAuth: 'true' } };
  }
  return profiles;
}

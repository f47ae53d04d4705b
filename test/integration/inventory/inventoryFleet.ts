import type { ManagedCluster } from '@azure/arm-containerservice';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { ArmClients } from '../../../shared/platform/arm/armClients';
import type { Settings } from '../../../shared/platform/settings/settings';
import { VersionSupportCalendarStore } from '../../../shared/features/guardrails';
import { buildInventory } from '../../../shared/features/inventory';
import { fleetSubscriptions } from '../../../shared/platform/settings/settings';
import { runWithConcurrency } from '../../support/runWithConcurrency';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { clusterPath, raw, startTestEmulator, withApi } from '../../emulator/harness';
import { testSettings } from '../../support/storage';

export const SUB_A = '11111111-1111-4111-8111-111111111111';
export const SUB_B = '22222222-2222-4222-8222-222222222222';
export const LOCATIONS = ['eastus', 'westeurope', 'westus2'] as const;
/** With 1.32 published, the GA minors are 1.32 and 1.34–1.37 (1.33 is LTS-only): N = 1.37. */
export const VERSIONS = ['1.37.1', '1.36.1', '1.35.3', '1.34.6', '1.32.9'] as const;
export const EXPECTED_STATUS: Record<string, string> = {
  '1.37.1': 'supported',
  '1.36.1': 'supported',
  '1.35.3': 'supported',
  '1.34.6': 'platformSupport',
  '1.32.9': 'outOfSupport',
};

export interface SeededCluster {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  version: string;
  tags: Record<string, string>;
}

/** Cluster i of the 200-cluster test fleet: spread over 2 subscriptions, 4 resource groups, 3 regions, 5 versions. */
export function seededCluster(i: number): SeededCluster {
  const tags: Record<string, string> = { env: Math.floor(i / 3) % 2 === 0 ? 'prod' : 'dev' };
  if (i % 10 === 0) tags.Owner = 'alice';
  return {
    subscriptionId: i % 2 === 0 ? SUB_A : SUB_B,
    resourceGroup: `RG-Team-${Math.floor(i / 2) % 4}`,
    name: `inv-${String(i).padStart(3, '0')}`,
    location: LOCATIONS[i % 3]!,
    version: VERSIONS[i % 5]!,
    tags,
  };
}

export function armIdOf(cluster: Pick<SeededCluster, 'subscriptionId' | 'resourceGroup' | 'name'>): string {
  return clusterPath(cluster.resourceGroup, cluster.name, cluster.subscriptionId);
}

export async function startInventoryEmulator(): Promise<RunningAksEmulator> {
  const emulator = await startTestEmulator({ demoFleet: false, defaultVcpuQuota: 1_000_000 });
  emulator.publishKubernetesVersion('1.32.9');
  return emulator;
}

export async function createCluster(emulator: RunningAksEmulator, cluster: SeededCluster): Promise<void> {
  const response = await raw(emulator, 'PUT', withApi(armIdOf(cluster)), {
    location: cluster.location,
    tags: cluster.tags,
    properties: {
      dnsPrefix: cluster.name,
      kubernetesVersion: cluster.version,
      agentPoolProfiles: [
        { name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D2s_v5', count: 1 },
      ],
    },
  });
  if (response.status !== 201)
    throw new Error(`creating ${cluster.name}: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function seedFleet(emulator: RunningAksEmulator, count: number): Promise<SeededCluster[]> {
  const clusters = Array.from({ length: count }, (_, i) => seededCluster(i));
  await runWithConcurrency(clusters, 20, (cluster) => createCluster(emulator, cluster));
  return clusters;
}

/** ARM settings for the emulator, Azurite storage with a fresh table prefix, SDK retries off. */
export function inventoryFor(emulator: RunningAksEmulator, overrides: Record<string, string> = {}) {
  const settings: Settings = testSettings({
    FLEETPLANE_MODE: 'local',
    FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
    FLEETPLANE_ARM_CREDENTIAL: 'emulator',
    FLEETPLANE_SUBSCRIPTION_IDS: `${SUB_A},${SUB_B}`,
    ...overrides,
  });
  const arm = new ArmClients(settings, { maxRetries: 0 });
  const storage = new StorageAccount(settings);
  const calendar = new VersionSupportCalendarStore(storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}supportcalendar`));
  const inventory = buildInventory({
    table: storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}inventory`),
    arm,
    subscriptions: () => fleetSubscriptions(settings),
    supportCalendar: async () => (await calendar.get()).calendar,
  });
  return { settings, arm, calendar, ...inventory };
}

/** Every cluster ARM has now, through the SDK (the ground truth the snapshot is compared with). */
export async function armClusters(
  arm: ArmClients,
  subscriptions: readonly string[],
): Promise<ManagedCluster[]> {
  const all: ManagedCluster[] = [];
  for (const subscriptionId of subscriptions) {
    for await (const cluster of arm.containerService(subscriptionId).managedClusters.list())
      all.push(cluster);
  }
  return all;
}

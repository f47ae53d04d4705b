import type { KubernetesVersionListResult } from '@azure/arm-containerservice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { buildInventory } from '../../../shared/features/inventory';
import { ArmClients } from '../../../shared/platform/arm/armClients';
import { fleetSubscriptions } from '../../../shared/platform/settings/settings';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { raw, withApi } from '../../emulator/harness';
import { testSettings } from '../../support/storage';
import { armIdOf, createCluster, startInventoryEmulator, SUB_A, type SeededCluster } from './inventoryFleet';

/** What an Event Grid event about one cluster makes the inventory do between syncs (issue #13). */
describe('refreshCluster: one ARM GET, one row upsert (Azurite + AKS emulator)', () => {
  let emulator: RunningAksEmulator;
  let inventory: ReturnType<typeof buildInventory>;
  let catalogue: KubernetesVersionListResult;
  let catalogueReads = 0;
  let inventoryWith: (versionCatalogue: Parameters<typeof buildInventory>[0]['versionCatalogue']) => ReturnType<typeof buildInventory>;
  const cluster: SeededCluster = { subscriptionId: SUB_A, resourceGroup: 'RG-Refresh', name: 'refresh-1', location: 'eastus', version: '1.34.6', tags: { env: 'dev' } };

  beforeAll(async () => {
    emulator = await startInventoryEmulator();
    const settings = testSettings({
      FLEETPLANE_MODE: 'local',
      FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
      FLEETPLANE_ARM_CREDENTIAL: 'emulator',
      FLEETPLANE_SUBSCRIPTION_IDS: SUB_A,
    });
    const arm = new ArmClients(settings, { maxRetries: 0 });
    const storage = new StorageAccount(settings);
    catalogue = await arm.containerService(SUB_A).managedClusters.listKubernetesVersions('eastus');
    const table = storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}inventory`);
    inventoryWith = (versionCatalogue) =>
      buildInventory({ table, arm, subscriptions: () => fleetSubscriptions(settings), supportCalendar: () => Promise.resolve({}), ...(versionCatalogue ? { versionCatalogue } : {}) });
    // The clusters feature's cache in the app; here a catalogue read once.
    inventory = inventoryWith(() => {
      catalogueReads++;
      return Promise.resolve(catalogue);
    });
    await createCluster(emulator, cluster);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('adds a cluster the snapshot does not hold yet, radar included, with exactly one ARM call', async () => {
    expect(await inventory.hasCluster(armIdOf(cluster))).toBe(false);
    emulator.resetCounters();
    expect(await inventory.refreshCluster(armIdOf(cluster))).toBe('updated');
    expect(emulator.counters()).toEqual({ 'managedClusters.get': 1 });
    expect(catalogueReads).toBe(1);
    const row = await inventory.store.find(SUB_A, cluster.resourceGroup, cluster.name);
    expect(row).toMatchObject({ name: 'refresh-1', resourceGroup: 'RG-Refresh', subscriptionId: SUB_A, currentKubernetesVersion: '1.34.6', tags: { env: 'dev' } });
    expect(row?.radar.supportStatus).toBe('platformSupport');
    expect(await inventory.hasCluster(armIdOf(cluster).toLowerCase())).toBe(true);
  });

  it('follows a change ARM shows (tags), keyed by the id whatever its casing', async () => {
    expect((await raw(emulator, 'PATCH', withApi(armIdOf(cluster)), { tags: { env: 'prod' } })).status).toBe(200);
    await inventory.refreshCluster(armIdOf(cluster).replace('resourceGroups', 'resourcegroups'));
    expect((await inventory.store.find(SUB_A, cluster.resourceGroup, cluster.name))?.tags).toEqual({ env: 'prod' });
  });

  it('keeps the previous radar when the catalogue cannot be read', async () => {
    const failing = inventoryWith(() => Promise.reject(new Error('ARM is throttling')));
    await failing.refreshCluster(armIdOf(cluster));
    expect((await inventory.store.find(SUB_A, cluster.resourceGroup, cluster.name))?.radar.supportStatus).toBe('platformSupport');
  });

  it('removes the row of a cluster ARM no longer knows', async () => {
    expect((await raw(emulator, 'DELETE', withApi(armIdOf(cluster)))).status).toBeLessThan(300);
    emulator.advanceClock(3_600);
    expect(await inventory.refreshCluster(armIdOf(cluster))).toBe('removed');
    expect(await inventory.hasCluster(armIdOf(cluster))).toBe(false);
  });

  it('ignores an id that is not a managed cluster, without calling ARM', async () => {
    emulator.resetCounters();
    expect(await inventory.refreshCluster(`${armIdOf(cluster)}/agentPools/np1`)).toBe('notACluster');
    expect(emulator.requestsSeen()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import type { InventoryFilters } from '../../../shared/features/inventory/inventoryFilters';
import { queryInventory } from '../../../shared/features/inventory/inventoryQuery';
import type { InventoryRecord } from '../../../shared/features/inventory/inventoryRecord';
import { clusterPath, eventually, raw, withApi } from '../../emulator/harness';
import {
  EXPECTED_STATUS,
  inventoryFor,
  LOCATIONS,
  seedFleet,
  startInventoryEmulator,
  SUB_A,
  SUB_B,
  type SeededCluster,
} from './inventoryFleet';

const FLEET_SIZE = 200;

describe('inventory sync and query (Azurite + AKS emulator, 200 clusters in 2 subscriptions)', () => {
  let emulator: RunningAksEmulator;
  let fleet: SeededCluster[];
  let inventory: ReturnType<typeof inventoryFor>;

  /** Walks every page; fails on a repeated cluster. */
  async function everything(filters: InventoryFilters, pageSize = 200): Promise<InventoryRecord[]> {
    const seen: InventoryRecord[] = [];
    let continuation: string | undefined;
    let pages = 0;
    do {
      const page = await queryInventory(inventory.store, {
        filters,
        pageSize,
        ...(continuation ? { continuation } : {}),
      });
      expect(page.value.length).toBeLessThanOrEqual(pageSize);
      seen.push(...page.value);
      continuation = page.continuation;
      expect(++pages).toBeLessThan(500);
    } while (continuation);
    expect(new Set(seen.map((record) => record.id.toLowerCase())).size).toBe(seen.length);
    return seen;
  }

  const names = (records: readonly { name: string }[]) => records.map((record) => record.name).sort();
  const expectNames = async (filters: InventoryFilters, predicate: (cluster: SeededCluster) => boolean) => {
    const expected = names(fleet.filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(FLEET_SIZE);
    expect(names(await everything(filters))).toEqual(expected);
  };

  beforeAll(async () => {
    emulator = await startInventoryEmulator();
    fleet = await seedFleet(emulator, FLEET_SIZE);
    inventory = inventoryFor(emulator);
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('one sync makes one managedClusters.list per subscription and one catalogue call per location', async () => {
    emulator.resetCounters();
    const summary = await inventory.sync.run();
    const counters = emulator.counters();
    expect(counters['managedClusters.list']).toBe(2);
    expect(counters['managedClusters.listKubernetesVersions']).toBe(LOCATIONS.length);
    expect(counters['managedClusters.get'] ?? 0).toBe(0);
    expect(summary.status).toBe('succeeded');
    expect(summary.armCalls).toEqual({ managedClustersList: 2, listKubernetesVersions: 3 });
    expect(
      summary.subscriptions.map((s) => [s.subscriptionId, s.status, s.clusters, s.removed]).sort(),
    ).toEqual([
      [SUB_A, 'succeeded', 100, 0],
      [SUB_B, 'succeeded', 100, 0],
    ]);
    expect((await everything({})).length).toBe(FLEET_SIZE);
  });

  it('stores each cluster with its version, state, tags, pools and radar', async () => {
    const [record] = await everything({
      subscriptionId: SUB_A,
      resourceGroup: 'rg-team-0',
      location: 'eastus',
      kubernetesVersion: '1.37.1',
    });
    expect(record).toMatchObject({
      id: clusterPath('RG-Team-0', 'inv-000', SUB_A),
      subscriptionId: SUB_A,
      resourceGroup: 'RG-Team-0',
      name: 'inv-000',
      location: 'eastus',
      kubernetesVersion: '1.37.1',
      currentKubernetesVersion: '1.37.1',
      provisioningState: 'Succeeded',
      powerState: 'Running',
      tags: { env: 'prod', Owner: 'alice' },
      nodePools: [
        {
          name: 'system',
          mode: 'System',
          osType: 'Linux',
          vmSize: 'Standard_D2s_v5',
          count: 1,
          orchestratorVersion: '1.37.1',
        },
      ],
      radar: {
        supportStatus: 'supported',
        minorsBehindLatest: 0,
        latestGaMinor: '1.37',
        availableUpgrades: [{ version: '1.38.0', isPreview: true }],
      },
    });
    expect(Date.parse(record!.syncedAt)).not.toBeNaN();
  });

  it('fills the version radar from the location catalogue', async () => {
    const all = await everything({});
    for (const record of all)
      expect(record.radar.supportStatus).toBe(EXPECTED_STATUS[record.kubernetesVersion ?? '']);
    const onOld = all.find((record) => record.kubernetesVersion === '1.36.1')!;
    expect(onOld.radar.availableUpgrades.map((upgrade) => upgrade.version)).toEqual([
      '1.36.2',
      '1.37.0',
      '1.37.1',
    ]);
  });

  it('filters by subscription, resource group (case-insensitive), location and version', async () => {
    await expectNames({ subscriptionId: SUB_B }, (c) => c.subscriptionId === SUB_B);
    await expectNames({ subscriptionId: SUB_B.toUpperCase() }, (c) => c.subscriptionId === SUB_B);
    await expectNames({ resourceGroup: 'rg-team-2' }, (c) => c.resourceGroup === 'RG-Team-2');
    await expectNames(
      { subscriptionId: SUB_A, resourceGroup: 'RG-TEAM-1' },
      (c) => c.subscriptionId === SUB_A && c.resourceGroup === 'RG-Team-1',
    );
    await expectNames({ location: 'West Europe' }, (c) => c.location === 'westeurope');
    await expectNames({ kubernetesVersion: '1.35.3' }, (c) => c.version === '1.35.3');
    await expectNames({ kubernetesVersion: '1.36' }, (c) => c.version.startsWith('1.36.'));
    expect(await everything({ kubernetesVersion: '1.36.2' })).toEqual([]);
  });

  it('filters by tag (key case-insensitive, value exact, or key alone) and by support status', async () => {
    await expectNames({ tag: { key: 'owner', value: 'alice' } }, (c) => c.tags.Owner === 'alice');
    await expectNames({ tag: { key: 'OWNER' } }, (c) => 'Owner' in c.tags);
    await expectNames({ tag: { key: 'env', value: 'dev' } }, (c) => c.tags.env === 'dev');
    expect(await everything({ tag: { key: 'env', value: 'DEV' } })).toEqual([]);
    expect(await everything({ tag: { key: 'missing' } })).toEqual([]);
    await expectNames({ supportStatus: 'platformSupport' }, (c) => c.version === '1.34.6');
    await expectNames({ supportStatus: 'outOfSupport' }, (c) => c.version === '1.32.9');
    await expectNames({ supportStatus: 'supported' }, (c) => EXPECTED_STATUS[c.version] === 'supported');
  });

  it('combines filters', async () => {
    await expectNames(
      {
        subscriptionId: SUB_A,
        location: 'westus2',
        supportStatus: 'supported',
        tag: { key: 'env', value: 'prod' },
      },
      (c) =>
        c.subscriptionId === SUB_A &&
        c.location === 'westus2' &&
        EXPECTED_STATUS[c.version] === 'supported' &&
        c.tags.env === 'prod',
    );
  });

  it('filters by provisioning state', async () => {
    emulator.injectFault({
      kind: 'lroFailure',
      operation: 'managedClusters.createOrUpdate',
      code: 'InternalOperationError',
      remaining: 1,
    });
    const failing = fleet[8]!;
    await raw(
      emulator,
      'PUT',
      withApi(clusterPath(failing.resourceGroup, failing.name, failing.subscriptionId)),
      {
        location: failing.location,
        tags: { ...failing.tags, touched: 'yes' },
        properties: { dnsPrefix: failing.name, kubernetesVersion: failing.version, agentPoolProfiles: [] },
      },
    );
    await eventually(
      () =>
        raw(
          emulator,
          'GET',
          withApi(clusterPath(failing.resourceGroup, failing.name, failing.subscriptionId)),
        ),
      (r) => r.body?.properties?.provisioningState === 'Failed',
    );
    await inventory.sync.run();
    expect(names(await everything({ provisioningState: 'failed' }))).toEqual([failing.name]);
    expect((await everything({ provisioningState: 'Succeeded' })).length).toBe(FLEET_SIZE - 1);
  });

  it('pages through the whole fleet without gaps or repeats, at any page size', async () => {
    for (const pageSize of [1, 7, 37, 100, 200]) {
      const all = await everything({}, pageSize);
      expect(all.length).toBe(FLEET_SIZE);
    }
    const firstPage = await queryInventory(inventory.store, {
      filters: { subscriptionId: SUB_A },
      pageSize: 30,
    });
    expect(firstPage.value).toHaveLength(30);
    expect(firstPage.continuation).toBeDefined();
    const sorted = [...firstPage.value].sort((a, b) =>
      (a.resourceGroup.toLowerCase() + a.name).localeCompare(b.resourceGroup.toLowerCase() + b.name),
    );
    expect(firstPage.value).toEqual(sorted);
  });

  it('rejects a continuation token it did not issue', async () => {
    await expect(
      queryInventory(inventory.store, { filters: {}, pageSize: 10, continuation: 'not-a-token' }),
    ).rejects.toMatchObject({
      kind: 'validation',
    });
  });

  it('removes clusters deleted in ARM at the next sync', async () => {
    const doomed = [fleet[3]!, fleet[4]!, fleet[150]!];
    for (const cluster of doomed) {
      const path = withApi(clusterPath(cluster.resourceGroup, cluster.name, cluster.subscriptionId));
      expect((await raw(emulator, 'DELETE', path)).status).toBe(202);
      await eventually(
        () => raw(emulator, 'GET', path),
        (r) => r.status === 404,
      );
    }
    const summary = await inventory.sync.run();
    expect(summary.subscriptions.reduce((sum, s) => sum + (s.removed ?? 0), 0)).toBe(3);
    const remaining = names(await everything({}));
    expect(remaining).toHaveLength(FLEET_SIZE - 3);
    for (const cluster of doomed) expect(remaining).not.toContain(cluster.name);
    fleet = fleet.filter((cluster) => !doomed.includes(cluster));
  });

  it.each([
    {
      fault: { kind: 'error' as const, status: 500, code: 'InternalServerError' },
      code: 'InternalServerError',
    },
    { fault: { kind: 'throttle' as const, retryAfterSeconds: 1 }, code: 'TooManyRequests' },
  ])(
    'keeps the previous rows of a subscription whose list fails ($code) and records the error',
    async ({ fault, code }) => {
      const before = names(await everything({}));
      // A cluster deleted meanwhile must survive in the snapshot of the failed subscription: no wipe on failure.
      const gone = fleet.find((cluster) => cluster.subscriptionId === SUB_A)!;
      const path = withApi(clusterPath(gone.resourceGroup, gone.name, gone.subscriptionId));
      await raw(emulator, 'DELETE', path);
      await eventually(
        () => raw(emulator, 'GET', path),
        (r) => r.status === 404,
      );
      fleet = fleet.filter((cluster) => cluster !== gone);

      emulator.clearFaults();
      emulator.injectFault({ ...fault, operation: 'managedClusters.list', remaining: 2 });
      emulator.resetCounters();
      const summary = await inventory.sync.run();
      expect(emulator.counters()['managedClusters.list']).toBe(2);
      expect(summary.status).toBe('failed');
      for (const subscription of summary.subscriptions)
        expect(subscription).toMatchObject({ status: 'failed', error: { code } });
      expect(names(await everything({}))).toEqual(before);

      const state = await inventory.store.syncState();
      expect(state.subscriptions[SUB_A]?.error).toMatchObject({ code });
      expect(state.subscriptions[SUB_A]?.lastSuccessAt).toBeDefined();
      expect(state.subscriptions[SUB_A]!.lastAttemptAt > state.subscriptions[SUB_A]!.lastSuccessAt!).toBe(
        true,
      );

      emulator.clearFaults();
      const recovered = await inventory.sync.run();
      expect(recovered.status).toBe('succeeded');
      expect(names(await everything({}))).toEqual(before.filter((name) => name !== gone.name));
      expect((await inventory.store.syncState()).subscriptions[SUB_A]?.error).toBeUndefined();
    },
  );

  it('a failure of one subscription leaves the other synced (partial)', async () => {
    emulator.injectFault({
      kind: 'error',
      status: 503,
      code: 'ServiceUnavailable',
      operation: 'managedClusters.list',
      remaining: 1,
    });
    const summary = await inventory.sync.run();
    expect(summary.status).toBe('partial');
    expect(summary.subscriptions.filter((s) => s.status === 'failed')).toHaveLength(1);
    expect((await everything({})).length).toBe(fleet.length);
  });
});

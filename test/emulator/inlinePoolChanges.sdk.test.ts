import type { AgentPool, ContainerServiceClient, ManagedCluster, ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, clusterPath, expectArmError, fast, raw, sdkClient, startTestEmulator, withApi } from './harness';

/** Pool changes inside a managed-cluster PUT (agentPoolProfiles), applied through the agent-pool rules and simulation. */
describe('managed-cluster PUT applies inline changes to existing pools', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  let n = 0;
  const rg = 'rg-inline';

  /** A cluster with pools system (System, 2 nodes), apps (User, 1) and batch (User, 1), all D2s_v5. */
  async function threePoolCluster(location = 'eastus', kubernetesVersion = '1.36.2'): Promise<string> {
    const name = `inline${(n += 1)}`;
    await client.managedClusters.createOrUpdate(
      rg,
      name,
      { location, dnsPrefix: name, kubernetesVersion, agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 2 }] },
      fast,
    );
    await client.agentPools.createOrUpdate(rg, name, 'apps', { mode: 'User', vmSize: 'Standard_D2s_v5', count: 1 }, fast);
    await client.agentPools.createOrUpdate(rg, name, 'batch', { mode: 'User', vmSize: 'Standard_D2s_v5', count: 1 }, fast);
    return name;
  }

  /** The current cluster as the SDK returns it, with one pool's profile changed (what `az aks update`-style clients send). */
  async function withProfile(name: string, pool: string, change: Partial<ManagedClusterAgentPoolProfile>): Promise<ManagedCluster> {
    const current = await client.managedClusters.get(rg, name);
    return { ...current, agentPoolProfiles: current.agentPoolProfiles?.map((p) => (p.name === pool ? { ...p, ...change } : p)) };
  }

  const profileOf = (cluster: ManagedCluster, pool: string) => cluster.agentPoolProfiles?.find((p) => p.name === pool);
  const nodesOf = (name: string, pool: string) => emulator.nodes(SUB, rg, name).find((p) => p.pool === pool)!.nodes;
  const poolsOf = async (name: string): Promise<Record<string, AgentPool>> => {
    const pools: Record<string, AgentPool> = {};
    for await (const pool of client.agentPools.list(rg, name)) pools[pool.name!] = pool;
    return pools;
  };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
  });
  beforeEach(() => {
    emulator.setClockSpeed(1_000_000);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('scales pools whose count changed, in one cluster operation, on the agent-pool scale steps; the other pool is untouched', async () => {
    const name = await threePoolCluster();
    const before = await poolsOf(name);
    const batchNodes = nodesOf(name, 'batch').map((node) => node.name);
    const current = await client.managedClusters.get(rg, name);
    const body = {
      ...current,
      agentPoolProfiles: current.agentPoolProfiles?.map((p) => (p.name === 'apps' ? { ...p, count: 3 } : p.name === 'system' ? { ...p, count: 1 } : p)),
    };

    emulator.setClockSpeed(0);
    const poller = client.managedClusters.createOrUpdate(rg, name, body, { updateIntervalInMs: 5 });
    await poller.submitted();
    const during = await client.managedClusters.get(rg, name);
    expect(during.provisioningState).toBe('Updating');
    expect([profileOf(during, 'system')?.provisioningState, profileOf(during, 'system')?.count]).toEqual(['Scaling', 1]);
    expect([profileOf(during, 'apps')?.provisioningState, profileOf(during, 'apps')?.count]).toEqual(['Scaling', 3]);
    expect(profileOf(during, 'batch')?.provisioningState).toBe('Succeeded');
    // One operation holds the cluster: an agent-pool PUT meanwhile is refused with the cluster operation's name.
    await expectArmError(
      client.agentPools.createOrUpdate(rg, name, 'batch', { count: 2 }, fast),
      409,
      'OperationNotAllowed',
      /in progress update managed cluster operation/,
    );

    emulator.advanceClock(60); // cluster reconciled; system (first pool) drains its highest node
    expect(nodesOf(name, 'system').map((node) => node.status)).toEqual(['Ready', 'Draining']);
    expect(nodesOf(name, 'apps')).toHaveLength(1);
    emulator.advanceClock(30); // system node removed; apps gets two nodes
    expect(nodesOf(name, 'system')).toHaveLength(1);
    expect((await client.agentPools.get(rg, name, 'system')).provisioningState).toBe('Succeeded');
    expect(nodesOf(name, 'apps').map((node) => node.status)).toEqual(['Ready', 'Provisioning', 'Provisioning']);
    expect((await client.agentPools.get(rg, name, 'apps')).provisioningState).toBe('Scaling');
    emulator.advanceClock(90);
    expect(nodesOf(name, 'apps').every((node) => node.status === 'Ready')).toBe(true);

    const done = await poller.pollUntilDone();
    expect(done.provisioningState).toBe('Succeeded');
    const after = await client.managedClusters.get(rg, name);
    expect(after.agentPoolProfiles?.map((p) => [p.name, p.count, p.provisioningState])).toEqual([
      ['system', 1, 'Succeeded'],
      ['apps', 3, 'Succeeded'],
      ['batch', 1, 'Succeeded'],
    ]);
    const pools = await poolsOf(name);
    expect([pools['system']?.count, pools['apps']?.count, pools['batch']?.count]).toEqual([1, 3, 1]);
    expect(pools['apps']?.eTag).not.toBe(before['apps']?.eTag);
    expect(pools['batch']).toEqual(before['batch']);
    expect(nodesOf(name, 'batch').map((node) => node.name)).toEqual(batchNodes);
  });

  it('applies labels, taints, autoscaler, upgrade settings, tags and mode, keeping the count; absent fields keep their value', async () => {
    const name = await threePoolCluster();
    await client.agentPools.createOrUpdate(rg, name, 'batch', { mode: 'User', vmSize: 'Standard_D2s_v5', count: 1, nodeLabels: { keep: 'me' } }, fast);
    const current = await client.managedClusters.get(rg, name);
    const changes: Record<string, Partial<ManagedClusterAgentPoolProfile>> = {
      apps: {
        nodeLabels: { team: 'payments' },
        nodeTaints: ['dedicated=payments:NoSchedule'],
        enableAutoScaling: true,
        minCount: 1,
        maxCount: 4,
        upgradeSettings: { maxSurge: '33%' },
        tags: { owner: 'payments' },
        mode: 'System',
      },
      // Only the fields sent change: batch's labels survive a profile that omits them.
      batch: { name: 'batch', count: 2 },
    };
    const body: ManagedCluster = {
      ...current,
      agentPoolProfiles: current.agentPoolProfiles?.map((p) => (p.name === 'apps' ? { ...p, ...changes['apps'] } : p.name === 'batch' ? { name: 'batch', ...changes['batch'] } : p)),
    };
    emulator.setClockSpeed(0);
    const poller = client.managedClusters.createOrUpdate(rg, name, body, { updateIntervalInMs: 5 });
    await poller.submitted();
    expect((await client.agentPools.get(rg, name, 'apps')).provisioningState).toBe('Updating');
    expect((await client.agentPools.get(rg, name, 'batch')).provisioningState).toBe('Scaling');
    expect((await client.agentPools.get(rg, name, 'system')).provisioningState).toBe('Succeeded');
    emulator.setClockSpeed(1_000_000);
    await poller.pollUntilDone();

    const apps = await client.agentPools.get(rg, name, 'apps');
    expect(apps).toMatchObject({ ...changes['apps'], count: 1, provisioningState: 'Succeeded', vmSize: 'Standard_D2s_v5' });
    expect(profileOf(await client.managedClusters.get(rg, name), 'apps')).toMatchObject({ ...changes['apps'], count: 1 });
    const batch = await client.agentPools.get(rg, name, 'batch');
    expect(batch).toMatchObject({ count: 2, mode: 'User', nodeLabels: { keep: 'me' }, provisioningState: 'Succeeded' });
    expect(nodesOf(name, 'batch')).toHaveLength(2);
  });

  it('refuses an invalid autoscaler range with the agent-pool error, changing nothing', async () => {
    const name = await threePoolCluster();
    const before = await client.managedClusters.get(rg, name);
    await expectArmError(
      client.managedClusters.createOrUpdate(rg, name, await withProfile(name, 'apps', { enableAutoScaling: true, minCount: 4, maxCount: 3 }), fast),
      400,
      'InvalidParameter',
      /minCount 4 must be less than or equal to maxCount 3/,
    );
    expect(await client.managedClusters.get(rg, name)).toEqual(before);
  });

  it('refuses switching the last System pool to User, but accepts swapping the System role between pools in one PUT', async () => {
    const name = await threePoolCluster();
    await expectArmError(
      client.managedClusters.createOrUpdate(rg, name, await withProfile(name, 'system', { mode: 'User' }), fast),
      400,
      'OperationNotAllowed',
      /Agent pool 'system' is the last system agent pool and cannot be deleted or changed to User mode/,
    );
    const current = await client.managedClusters.get(rg, name);
    const swapped = await client.managedClusters.createOrUpdate(
      rg,
      name,
      { ...current, agentPoolProfiles: current.agentPoolProfiles?.map((p) => ({ ...p, mode: p.name === 'apps' ? 'System' : 'User' })) },
      fast,
    );
    expect(swapped.agentPoolProfiles?.map((p) => [p.name, p.mode])).toEqual([
      ['system', 'User'],
      ['apps', 'System'],
      ['batch', 'User'],
    ]);
  });

  it('refuses a change to an immutable field (vmSize, maxPods) with the agent-pool error and leaves cluster and pools untouched', async () => {
    const name = await threePoolCluster();
    const poolPut = client.agentPools.createOrUpdate(rg, name, 'apps', { vmSize: 'Standard_D4s_v5', count: 1 }, fast);
    await expectArmError(poolPut, 400, 'PropertyChangeNotAllowed', /^Changing property 'vmSize' is not allowed\.$/);
    await expectArmError(client.agentPools.createOrUpdate(rg, name, 'apps', { maxPods: 50 }, fast), 400, 'PropertyChangeNotAllowed', /^Changing property 'maxPods' is not allowed\.$/);
    // Zones on a pool created without any: refused (an empty list is the same as none).
    const zones = await raw(emulator, 'PUT', withApi(`${clusterPath(rg, name)}/agentPools/apps`), { properties: { availabilityZones: ['1'] } });
    expect([zones.status, zones.body.error.code, zones.body.error.target]).toEqual([400, 'PropertyChangeNotAllowed', 'availabilityZones']);
    expect((await raw(emulator, 'PUT', withApi(`${clusterPath(rg, name)}/agentPools/apps`), { properties: { availabilityZones: [], count: 1 } })).status).toBe(200);
    await expect.poll(async () => (await client.managedClusters.get(rg, name)).provisioningState).toBe('Succeeded');

    const before = await client.managedClusters.get(rg, name);
    const beforePools = await poolsOf(name);

    // Together with a scale of another pool and a cluster tag: the whole PUT is refused.
    const body = await withProfile(name, 'apps', { vmSize: 'Standard_D4s_v5' });
    body.tags = { changed: 'yes' };
    body.agentPoolProfiles = body.agentPoolProfiles?.map((p) => (p.name === 'batch' ? { ...p, count: 3 } : p));
    await expectArmError(client.managedClusters.createOrUpdate(rg, name, body, fast), 400, 'PropertyChangeNotAllowed', /^Changing property 'vmSize' is not allowed\.$/);
    await expectArmError(
      client.managedClusters.createOrUpdate(rg, name, await withProfile(name, 'batch', { maxPods: 50 }), fast),
      400,
      'PropertyChangeNotAllowed',
      /^Changing property 'maxPods' is not allowed\.$/,
    );
    const wire = await raw(emulator, 'PUT', withApi(clusterPath(rg, name)), {
      location: 'eastus',
      properties: { agentPoolProfiles: [{ name: 'apps', vmSize: 'Standard_D4s_v5' }] },
    });
    expect([wire.status, wire.body.error.target]).toEqual([400, 'agentPoolProfile.vmSize']);

    expect(await client.managedClusters.get(rg, name)).toEqual(before);
    expect(await poolsOf(name)).toEqual(beforePools);
    expect(nodesOf(name, 'batch')).toHaveLength(1);
    // No operation was left running: an agent-pool PUT is accepted straight away.
    expect((await client.agentPools.createOrUpdate(rg, name, 'batch', { count: 1 }, fast)).provisioningState).toBe('Succeeded');
  });

  it('checks vCPU quota for every scale-up of the PUT together, before anything changes', async () => {
    emulator.setQuota({ subscriptionId: SUB, location: 'centralus', family: 'standardDSv5Family', limit: 12 });
    const name = await threePoolCluster('centralus'); // 4 D2s_v5 nodes = 8 vCPUs in use
    const before = await client.managedClusters.get(rg, name);
    await expectArmError(
      client.managedClusters.createOrUpdate(rg, name, await withProfile(name, 'apps', { count: 4 }), fast),
      400,
      'QuotaExceeded',
      /standardDSv5Family Cores quota\. .*Location: centralus, Current Limit: 12, Current Usage: 8, Additional Required: 6, \(Minimum\) New Limit Required: 14\./,
    );
    // Each scale-up fits alone (+4 vCPUs); together (+8) they do not.
    const both = await withProfile(name, 'apps', { count: 3 });
    both.agentPoolProfiles = both.agentPoolProfiles?.map((p) => (p.name === 'batch' ? { ...p, count: 3 } : p));
    await expectArmError(client.managedClusters.createOrUpdate(rg, name, both, fast), 400, 'QuotaExceeded', /Current Usage: 8, Additional Required: 8,/);
    expect(await client.managedClusters.get(rg, name)).toEqual(before);

    const scaled = await client.managedClusters.createOrUpdate(rg, name, await withProfile(name, 'apps', { count: 3 }), fast);
    expect(profileOf(scaled, 'apps')?.count).toBe(3);
  });

  it('keeps a pool that the PUT leaves out, and a re-sent GET body changes no pool', async () => {
    const name = await threePoolCluster();
    const beforePools = await poolsOf(name);
    const current = await client.managedClusters.get(rg, name);
    const onlySystem = await client.managedClusters.createOrUpdate(
      rg,
      name,
      { ...current, tags: { env: 'test' }, agentPoolProfiles: current.agentPoolProfiles?.filter((p) => p.name === 'system').map((p) => ({ ...p, count: 3 })) },
      fast,
    );
    expect(onlySystem.tags).toEqual({ env: 'test' });
    expect(onlySystem.agentPoolProfiles?.map((p) => [p.name, p.count])).toEqual([
      ['system', 3],
      ['apps', 1],
      ['batch', 1],
    ]);
    const pools = await poolsOf(name);
    expect([pools['apps'], pools['batch']]).toEqual([beforePools['apps'], beforePools['batch']]);

    const echoed = await client.managedClusters.createOrUpdate(rg, name, await client.managedClusters.get(rg, name), fast);
    expect(echoed.provisioningState).toBe('Succeeded');
    expect(await poolsOf(name)).toEqual(pools);
  });

  it('combines a scale with a control-plane upgrade: the pool scales after the control plane, then every pool upgrades and ends Succeeded', async () => {
    const name = await threePoolCluster('eastus', '1.35.3');
    const current = await client.managedClusters.get(rg, name);
    const body: ManagedCluster = {
      ...current,
      kubernetesVersion: '1.36.2',
      // Unpinned profiles follow the upgrade; apps also scales.
      agentPoolProfiles: current.agentPoolProfiles?.map((p) => ({ ...p, orchestratorVersion: undefined, ...(p.name === 'apps' ? { count: 2 } : {}) })),
    };
    emulator.setClockSpeed(0);
    const poller = client.managedClusters.createOrUpdate(rg, name, body, { updateIntervalInMs: 5 });
    await poller.submitted();
    const during = await client.managedClusters.get(rg, name);
    expect(during.provisioningState).toBe('Upgrading');
    expect(during.agentPoolProfiles?.map((p) => p.provisioningState)).toEqual(['Upgrading', 'Upgrading', 'Upgrading']);
    emulator.advanceClock(480); // control plane done; apps adds its node at the old version
    expect(nodesOf(name, 'apps').map((node) => [node.status, node.kubernetesVersion])).toEqual([
      ['Ready', '1.35.3'],
      ['Provisioning', '1.35.3'],
    ]);
    emulator.setClockSpeed(1_000_000);
    const done = await poller.pollUntilDone();
    expect(done.currentKubernetesVersion).toBe('1.36.2');
    const after = await client.managedClusters.get(rg, name);
    expect(after.agentPoolProfiles?.map((p) => [p.name, p.count, p.currentOrchestratorVersion, p.provisioningState])).toEqual([
      ['system', 2, '1.36.2', 'Succeeded'],
      ['apps', 2, '1.36.2', 'Succeeded'],
      ['batch', 1, '1.36.2', 'Succeeded'],
    ]);
    expect(nodesOf(name, 'apps').map((node) => [node.status, node.kubernetesVersion])).toEqual([
      ['Ready', '1.36.2'],
      ['Ready', '1.36.2'],
    ]);
  });
});

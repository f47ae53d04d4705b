import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, clusterPath, fast, raw, sdkClient, startTestEmulator, withApi } from './harness';

describe('rolling upgrades on the virtual clock', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  let n = 0;
  const rg = 'rg-roll';

  async function clusterWithPool(poolProps: Record<string, unknown>, location = 'eastus'): Promise<string> {
    const name = `roll${(n += 1)}`;
    await client.managedClusters.createOrUpdate(
      rg,
      name,
      { location, dnsPrefix: name, kubernetesVersion: '1.36.1', agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 }] },
      fast,
    );
    await client.agentPools.createOrUpdate(rg, name, 'work', { mode: 'User', vmSize: 'Standard_D4s_v5', orchestratorVersion: '1.35.5', ...poolProps }, fast);
    return name;
  }

  const workNodes = (name: string) => emulator.nodes(SUB, rg, name).find((p) => p.pool === 'work')!;

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

  it('adds surge nodes, then cordons, drains and reimages batch by batch, then removes the surge', async () => {
    const name = await clusterWithPool({ count: 4, upgradeSettings: { maxSurge: '50%', nodeSoakDurationInMinutes: 5 } });
    expect(workNodes(name).nodes.map((x) => x.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^aks-work-\d{8}-vmss000000$/)]));
    emulator.setClockSpeed(0);
    const put = await raw(emulator, 'PUT', withApi(`${clusterPath(rg, name)}/agentPools/work`), { properties: { orchestratorVersion: '1.36.1' } });
    expect(put.status).toBe(200);
    expect(put.body.properties.provisioningState).toBe('Upgrading');

    let view = workNodes(name);
    expect(view.nodes).toHaveLength(6);
    expect(view.nodes.filter((x) => x.surge).map((x) => [x.status, x.kubernetesVersion])).toEqual([
      ['Provisioning', '1.36.1'],
      ['Provisioning', '1.36.1'],
    ]);
    emulator.advanceClock(90); // surge nodes ready, first batch (2 = surge) cordoned
    view = workNodes(name);
    expect(view.nodes.filter((x) => x.surge).every((x) => x.status === 'Ready')).toBe(true);
    expect(view.nodes.filter((x) => x.status === 'Cordoned')).toHaveLength(2);
    emulator.advanceClock(60); // drained, soaking
    expect(workNodes(name).nodes.filter((x) => x.status === 'Draining')).toHaveLength(2);
    emulator.advanceClock(5 * 60); // soak over → reimaging
    expect(workNodes(name).nodes.filter((x) => x.status === 'Reimaging')).toHaveLength(2);
    emulator.advanceClock(120); // first batch done, second batch cordoned
    view = workNodes(name);
    expect(view.nodes.filter((x) => !x.surge && x.kubernetesVersion === '1.36.1')).toHaveLength(2);
    expect(view.nodes.filter((x) => x.status === 'Cordoned')).toHaveLength(2);
    emulator.advanceClock(3600);
    view = workNodes(name);
    expect(view.provisioningState).toBe('Succeeded');
    expect(view.nodes).toHaveLength(4);
    expect(view.nodes.every((x) => !x.surge && x.kubernetesVersion === '1.36.1' && x.status === 'Ready')).toBe(true);
    expect(view.currentOrchestratorVersion).toBe('1.36.1');
  });

  it('fails the upgrade with AKS drain error when a PDB blocks draining (no undrainableNodeBehavior)', async () => {
    const name = await clusterWithPool({ count: 2, upgradeSettings: { maxSurge: '1' } });
    emulator.declarePdb(SUB, rg, name, { namespace: 'payments', name: 'api-pdb', pools: ['work'] });
    await expect(client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.36.1' }, fast)).rejects.toThrow(
      /The long-running operation has failed\. UpgradeFailed\. Drain node aks-work-\d{8}-vmss\w{6} failed when evicting pod api-pdb-0 failed with Too Many Requests error\. This is often caused by a restrictive Pod Disruption Budget \(PDB\) policy/,
    );
    const pool = await client.agentPools.get(rg, name, 'work');
    expect(pool.provisioningState).toBe('Failed');
    expect(pool.currentOrchestratorVersion).toBe('1.35.5');
  });

  it('with undrainableNodeBehavior Cordon, quarantines blocked nodes, keeps surge nodes and ends Failed', async () => {
    const name = await clusterWithPool({ count: 2, upgradeSettings: { maxSurge: '2', undrainableNodeBehavior: 'Cordon' } });
    emulator.declarePdb(SUB, rg, name, { name: 'db-pdb', pools: ['work'] });
    await expect(client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.36.1' }, fast)).rejects.toThrow(/UpgradeFailed\. .*undrainable node/);
    const view = workNodes(name);
    const quarantined = view.nodes.filter((x) => x.status === 'Quarantined');
    expect(quarantined).toHaveLength(2);
    expect(quarantined.every((x) => x.labels['kubernetes.azure.com/upgrade-status'] === 'Quarantined')).toBe(true);
    expect(view.nodes.filter((x) => x.kubernetesVersion === '1.36.1')).toHaveLength(2);
  });

  it('with Cordon and too few surge nodes, ends Canceled', async () => {
    const name = await clusterWithPool({ count: 2, upgradeSettings: { maxSurge: '1', undrainableNodeBehavior: 'Cordon' } });
    emulator.declarePdb(SUB, rg, name, { name: 'db-pdb', pools: [] });
    await expect(client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.36.1' }, fast)).rejects.toThrow(/canceled|cancelled/i);
    expect((await client.agentPools.get(rg, name, 'work')).provisioningState).toBe('Canceled');
  });

  it('with Schedule, leaves blocked nodes schedulable on the old version and ends Failed', async () => {
    const name = await clusterWithPool({ count: 2, upgradeSettings: { maxSurge: '1', undrainableNodeBehavior: 'Schedule' } });
    emulator.declarePdb(SUB, rg, name, { name: 'web-pdb', pools: ['work'] });
    await expect(client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.36.1' }, fast)).rejects.toThrow(/UpgradeFailed/);
    const view = workNodes(name);
    expect(view.nodes).toHaveLength(2);
    expect(view.nodes.every((x) => x.status === 'Ready' && x.kubernetesVersion === '1.35.5')).toBe(true);
  });

  it('fails the upgrade on quota when the surge does not fit, and a later PUT resumes it', async () => {
    const name = await clusterWithPool({ count: 3, upgradeSettings: { maxSurge: '100%' } }, 'northeurope');
    // northeurope, standardDSv5Family: system 1 × 2 vCPU + work 3 × 4 vCPU = 14 in use; the surge needs 12 more.
    emulator.setQuota({ subscriptionId: SUB, location: 'northeurope', family: 'standardDSv5Family', limit: 18 });
    await expect(client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.36.1' }, fast)).rejects.toThrow(
      /QuotaExceeded\. Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota\. .*Location: northeurope, Current Limit: 18, Current Usage: 14, Additional Required: 12, \(Minimum\) New Limit Required: 26\./,
    );
    expect((await client.agentPools.get(rg, name, 'work')).provisioningState).toBe('Failed');
    emulator.setQuota({ subscriptionId: SUB, location: 'northeurope', family: 'standardDSv5Family', limit: 26 });
    const retried = await client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.36.1' }, fast);
    expect(retried.currentOrchestratorVersion).toBe('1.36.1');
    expect(retried.provisioningState).toBe('Succeeded');
  });
});

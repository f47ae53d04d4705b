import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { fast, sdkClient, startTestEmulator } from './harness';

describe('cluster lifecycle through the real @azure/arm-containerservice client', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  const rg = 'rg-life';
  const name = 'life1';

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('create → get → add pool → scale → upgrade CP → upgrade pool → node image → stop → start → abort → delete', async () => {
    const states: string[] = [];
    const poller = client.managedClusters.createOrUpdate(
      rg,
      name,
      {
        location: 'eastus',
        dnsPrefix: 'life1',
        kubernetesVersion: '1.35.3',
        agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D2s_v5', count: 2 }],
      },
      fast,
    );
    const submitted = await poller.submitted();
    void submitted;
    const created = await poller;
    expect(created.provisioningState).toBe('Succeeded');
    expect(created.currentKubernetesVersion).toBe('1.35.3');
    expect(created.fqdn).toMatch(/^life1-[0-9a-f]{8}\.hcp\.eastus\.azmk8s\.io$/);
    expect(created.nodeResourceGroup).toBe('MC_rg-life_life1_eastus');
    expect(created.agentPoolProfiles?.[0]?.maxPods).toBe(110);
    expect(created.powerState?.code).toBe('Running');

    const got = await client.managedClusters.get(rg, name);
    expect(got.id).toBe(`/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`);

    const pool = await client.agentPools.createOrUpdate(rg, name, 'user1', { mode: 'User', vmSize: 'Standard_D2s_v5', count: 1 }, fast);
    expect(pool.provisioningState).toBe('Succeeded');
    expect(pool.currentOrchestratorVersion).toBe('1.35.3');

    const scaled = await client.agentPools.createOrUpdate(rg, name, 'user1', { ...pool, count: 3 }, fast);
    expect(scaled.count).toBe(3);
    expect(emulator.nodes('00000000-0000-0000-0000-000000000000', rg, name).find((p) => p.pool === 'user1')?.nodes).toHaveLength(3);

    // Control plane only: every pool keeps its orchestratorVersion.
    const current = await client.managedClusters.get(rg, name);
    const upgradedCp = await client.managedClusters.createOrUpdate(rg, name, { ...current, kubernetesVersion: '1.36.2' }, fast);
    expect(upgradedCp.currentKubernetesVersion).toBe('1.36.2');
    expect(upgradedCp.agentPoolProfiles?.every((p) => p.currentOrchestratorVersion === '1.35.3')).toBe(true);

    const upgradedPool = await client.agentPools.createOrUpdate(rg, name, 'user1', { ...scaled, orchestratorVersion: '1.36.2' }, fast);
    expect(upgradedPool.currentOrchestratorVersion).toBe('1.36.2');
    expect(emulator.nodes('00000000-0000-0000-0000-000000000000', rg, name).find((p) => p.pool === 'user1')?.nodes.every((n) => n.kubernetesVersion === '1.36.2')).toBe(true);

    emulator.publishNodeImage('202612.05.0', 'AKSUbuntu-2204gen2containerd');
    const profile = await client.agentPools.getUpgradeProfile(rg, name, 'system');
    expect(profile.latestNodeImageVersion).toBe('AKSUbuntu-2204gen2containerd-202612.05.0');
    await client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast);
    const system = await client.agentPools.get(rg, name, 'system');
    expect(system.nodeImageVersion).toBe('AKSUbuntu-2204gen2containerd-202612.05.0');
    // Images roll out region by region: another region's newer image is not offered here; this region's is.
    emulator.publishNodeImage('202612.09.0', 'AKSUbuntu-2204gen2containerd', 'westus');
    expect((await client.agentPools.getUpgradeProfile(rg, name, 'system')).latestNodeImageVersion).toBe('AKSUbuntu-2204gen2containerd-202612.05.0');
    emulator.publishNodeImage('202612.07.0', 'AKSUbuntu-2204gen2containerd', 'East US');
    expect((await client.agentPools.getUpgradeProfile(rg, name, 'system')).latestNodeImageVersion).toBe('AKSUbuntu-2204gen2containerd-202612.07.0');
    emulator.publishNodeImage('202612.05.0', 'AKSUbuntu-2204gen2containerd'); // everywhere again

    await client.managedClusters.stop(rg, name, fast);
    const stopped = await client.managedClusters.get(rg, name);
    expect(stopped.powerState?.code).toBe('Stopped');
    expect(stopped.provisioningState).toBe('Succeeded');

    await client.managedClusters.start(rg, name, fast);
    expect((await client.managedClusters.get(rg, name)).powerState?.code).toBe('Running');

    // Abort a long-running scale: the scale LRO ends Canceled and the pool shows Canceled.
    emulator.setClockSpeed(0);
    const slowScale = client.agentPools.createOrUpdate(rg, name, 'user1', { ...upgradedPool, count: 5 }, { updateIntervalInMs: 5 });
    await slowScale.submitted();
    expect((await client.agentPools.get(rg, name, 'user1')).provisioningState).toBe('Scaling');
    const abort = client.managedClusters.abortLatestOperation(rg, name, fast);
    await abort.submitted();
    expect((await client.agentPools.get(rg, name, 'user1')).provisioningState).toBe('Canceling');
    emulator.setClockSpeed(1_000_000);
    await abort;
    await expect(slowScale.pollUntilDone()).rejects.toThrow(/canceled|cancelled/i);
    const aborted = await client.agentPools.get(rg, name, 'user1');
    states.push(aborted.provisioningState ?? '');
    expect(aborted.provisioningState).toBe('Canceled');

    await client.managedClusters.delete(rg, name, fast);
    await expect(client.managedClusters.get(rg, name)).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(2);
  });
});

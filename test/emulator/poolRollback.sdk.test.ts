import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, fast, sdkClient, startTestEmulator } from './harness';

/** Node-pool rollback through the SDK's agent-pool PUT (nodeImageVersion from recentlyUsedVersions) and injected upgrade failures. */
describe('node-pool rollback and injected upgrade failures', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  let n = 0;
  const rg = 'rg-rollback';

  async function clusterWithWorkPool(autoUpgrade = 'none'): Promise<string> {
    const name = `rb${(n += 1)}`;
    await client.managedClusters.createOrUpdate(
      rg,
      name,
      {
        location: 'eastus',
        dnsPrefix: name,
        kubernetesVersion: '1.36.1',
        autoUpgradeProfile: { upgradeChannel: autoUpgrade },
        agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 }],
      },
      fast,
    );
    await client.agentPools.createOrUpdate(rg, name, 'work', { mode: 'User', vmSize: 'Standard_D4s_v5', count: 2, orchestratorVersion: '1.35.5' }, fast);
    return name;
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('lists the version a pool ran before its upgrade in recentlyUsedVersions and rolls back to it node by node', async () => {
    const name = await clusterWithWorkPool();
    const before = await client.agentPools.get(rg, name, 'work');
    expect((await client.agentPools.getUpgradeProfile(rg, name, 'work')).recentlyUsedVersions).toEqual([]);

    emulator.publishNodeImage(`202612.${String(n).padStart(2, "0")}.0`, 'AKSUbuntu-2204gen2containerd');
    await client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.36.1' }, fast);
    const profile = await client.agentPools.getUpgradeProfile(rg, name, 'work');
    expect(profile.recentlyUsedVersions).toHaveLength(1);
    const previous = profile.recentlyUsedVersions![0]!;
    expect(previous).toMatchObject({ orchestratorVersion: '1.35.5', nodeImageVersion: before.nodeImageVersion });
    expect(previous.timestamp).toBeInstanceOf(Date);

    expect((await client.agentPools.get(rg, name, 'work')).nodeImageVersion).not.toBe(before.nodeImageVersion);
    const rolledBack = await client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.35.5', nodeImageVersion: previous.nodeImageVersion! }, fast);
    expect(rolledBack).toMatchObject({ provisioningState: 'Succeeded', currentOrchestratorVersion: '1.35.5', nodeImageVersion: before.nodeImageVersion });
    const nodes = emulator.nodes(SUB, rg, name).find((p) => p.pool === 'work')!.nodes;
    expect(nodes.every((node) => node.kubernetesVersion === '1.35.5' && node.nodeImageVersion === before.nodeImageVersion && !node.surge)).toBe(true);
    expect((await client.agentPools.getUpgradeProfile(rg, name, 'work')).recentlyUsedVersions![0]).toMatchObject({ orchestratorVersion: '1.36.1' });
  });

  it('takes virtual time per node batch for a rollback like an upgrade', async () => {
    const name = await clusterWithWorkPool();
    await client.agentPools.createOrUpdate(rg, name, 'work', { orchestratorVersion: '1.36.1' }, fast);
    const previous = (await client.agentPools.getUpgradeProfile(rg, name, 'work')).recentlyUsedVersions![0]!;
    emulator.setClockSpeed(0);
    try {
      const poller = await client.agentPools.beginCreateOrUpdate(rg, name, 'work', { orchestratorVersion: previous.orchestratorVersion!, nodeImageVersion: previous.nodeImageVersion! }, fast);
      await poller.poll();
      expect((await client.agentPools.get(rg, name, 'work')).provisioningState).toBe('Upgrading');
      emulator.advanceClock(60);
      expect((await client.agentPools.get(rg, name, 'work')).provisioningState).toBe('Upgrading');
      emulator.advanceClock(3600);
      await poller.pollUntilDone();
      expect((await client.agentPools.get(rg, name, 'work')).currentOrchestratorVersion).toBe('1.35.5');
    } finally {
      emulator.setClockSpeed(1_000_000);
    }
  });

  it('refuses a node image that is not among the recently used versions, and refuses while auto-upgrade is on', async () => {
    const name = await clusterWithWorkPool();
    await expect(client.agentPools.createOrUpdate(rg, name, 'work', { nodeImageVersion: 'AKSUbuntu-2204gen2containerd-201901.01.0' }, fast)).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
    const auto = await clusterWithWorkPool('patch');
    await client.agentPools.createOrUpdate(rg, auto, 'work', { orchestratorVersion: '1.36.1' }, fast);
    const previous = (await client.agentPools.getUpgradeProfile(rg, auto, 'work')).recentlyUsedVersions![0]!;
    await expect(client.agentPools.createOrUpdate(rg, auto, 'work', { orchestratorVersion: previous.orchestratorVersion!, nodeImageVersion: previous.nodeImageVersion! }, fast)).rejects.toMatchObject({
      code: 'OperationNotAllowed',
    });
  });

  it('fails the next pool upgrade of the chosen cluster only, after its first node batch', async () => {
    const chosen = await clusterWithWorkPool();
    const other = await clusterWithWorkPool();
    emulator.injectUpgradeFailure(SUB, rg, chosen, { code: 'NodeNotReady', message: 'node did not come back' });
    await expect(client.agentPools.createOrUpdate(rg, chosen, 'work', { orchestratorVersion: '1.36.1' }, fast)).rejects.toThrow(/NodeNotReady/);
    const failed = emulator.nodes(SUB, rg, chosen).find((p) => p.pool === 'work')!;
    expect(failed.provisioningState).toBe('Failed');
    expect(failed.currentOrchestratorVersion).toBe('1.35.5');
    expect(failed.nodes.some((node) => node.kubernetesVersion === '1.36.1' && !node.surge)).toBe(true);

    await client.agentPools.createOrUpdate(rg, other, 'work', { orchestratorVersion: '1.36.1' }, fast);
    // consumed: the retry of the chosen cluster succeeds
    const retried = await client.agentPools.createOrUpdate(rg, chosen, 'work', { orchestratorVersion: '1.36.1' }, fast);
    expect(retried.currentOrchestratorVersion).toBe('1.36.1');
  });
});

import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, expectArmError, fast, sdkClient, startTestEmulator } from './harness';

describe('versions, upgrade profiles, credentials, maintenance windows and pool deletion', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  const rg = 'rg-feat';

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
    await client.managedClusters.createOrUpdate(
      rg,
      'f1',
      {
        location: 'westeurope',
        dnsPrefix: 'f1',
        kubernetesVersion: '1.35.3',
        disableLocalAccounts: true,
        agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1, orchestratorVersion: '1.34.8' }],
      },
      fast,
    );
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('lists Kubernetes versions for a location (values, patch upgrades, preview, default)', async () => {
    const versions = await client.managedClusters.listKubernetesVersions('westeurope');
    const minors = versions.values?.map((v) => v.version);
    expect(minors).toEqual(['1.33', '1.34', '1.35', '1.36', '1.37', '1.38']);
    expect(versions.values?.find((v) => v.isDefault)?.version).toBe('1.36');
    expect(versions.values?.find((v) => v.isPreview)?.version).toBe('1.38');
    expect(versions.values?.find((v) => v.version === '1.35')?.patchVersions?.['1.35.3']?.upgrades).toEqual(['1.35.5', '1.36.1', '1.36.2']);
  });

  it('returns cluster and pool upgrade profiles, capped by the control plane, and available pool versions', async () => {
    const profile = await client.managedClusters.getUpgradeProfile(rg, 'f1');
    expect(profile.controlPlaneProfile.kubernetesVersion).toBe('1.35.3');
    expect(profile.controlPlaneProfile.upgrades?.map((u) => u.kubernetesVersion)).toEqual(['1.35.5', '1.36.1', '1.36.2']);
    expect(profile.agentPoolProfiles[0]?.upgrades?.map((u) => u.kubernetesVersion)).toEqual(['1.35.3']);
    const poolProfile = await client.agentPools.getUpgradeProfile(rg, 'f1', 'system');
    expect(poolProfile.kubernetesVersion).toBe('1.34.8');
    expect(poolProfile.latestNodeImageVersion).toMatch(/^AKSUbuntu-2204gen2containerd-\d{6}\.\d{2}\.\d$/);
    const available = await client.agentPools.getAvailableAgentPoolVersions(rg, 'f1');
    expect(available.agentPoolVersions?.find((v) => v.default)?.kubernetesVersion).toBe('1.36.2');
  });

  it('publishes a new Kubernetes patch that then shows up as an upgrade', async () => {
    emulator.publishKubernetesVersion('1.35.7');
    const profile = await client.managedClusters.getUpgradeProfile(rg, 'f1');
    expect(profile.controlPlaneProfile.upgrades?.map((u) => u.kubernetesVersion)).toContain('1.35.7');
  });

  it('returns user credentials and refuses admin credentials when local accounts are disabled', async () => {
    const user = await client.managedClusters.listClusterUserCredentials(rg, 'f1');
    const kubeconfig = Buffer.from(user.kubeconfigs?.[0]?.value ?? new Uint8Array()).toString('utf8');
    expect(kubeconfig).toMatch(/server: https:\/\/f1-[0-9a-f]{8}\.hcp\.westeurope\.azmk8s\.io:443/);
    await expectArmError(client.managedClusters.listClusterAdminCredentials(rg, 'f1'), 400, 'BadRequest', /^Getting static credential is not allowed because this cluster is set to disable local accounts\.$/);
  });

  it('creates, lists, gets and deletes maintenance configurations', async () => {
    const window = { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Saturday' } }, durationHours: 6, startTime: '01:00', utcOffset: '+02:00' } as const;
    for (const name of ['default', 'aksManagedAutoUpgradeSchedule', 'aksManagedNodeOSUpgradeSchedule']) {
      const created = await client.maintenanceConfigurations.createOrUpdate(rg, 'f1', name, { maintenanceWindow: window });
      expect(created.name).toBe(name);
    }
    const listed = [];
    for await (const config of client.maintenanceConfigurations.listByManagedCluster(rg, 'f1')) listed.push(config.name);
    expect(listed).toEqual(['default', 'aksManagedAutoUpgradeSchedule', 'aksManagedNodeOSUpgradeSchedule']);
    expect((await client.maintenanceConfigurations.get(rg, 'f1', 'aksManagedAutoUpgradeSchedule')).maintenanceWindow?.utcOffset).toBe('+02:00');
    await expectArmError(
      client.maintenanceConfigurations.createOrUpdate(rg, 'f1', 'default', { maintenanceWindow: { ...window, schedule: { daily: { intervalDays: 1 } } } }),
      400,
      'InvalidParameter',
      /only supports a weekly schedule/,
    );
    await expectArmError(
      client.maintenanceConfigurations.createOrUpdate(rg, 'f1', 'aksManagedAutoUpgradeSchedule', { maintenanceWindow: { ...window, durationHours: 2 } }),
      400,
      'InvalidParameter',
      /durationHours must be between 4 and 24/,
    );
    await expectArmError(client.maintenanceConfigurations.createOrUpdate(rg, 'f1', 'custom', { maintenanceWindow: window }), 400, 'InvalidParameter', /configName 'custom' is invalid/);
    await client.maintenanceConfigurations.delete(rg, 'f1', 'default');
    await expectArmError(client.maintenanceConfigurations.get(rg, 'f1', 'default'), 404, 'NotFound', /Maintenance configuration 'default' was not found/);
  });

  it('blocks deleting a pool whose nodes a PDB protects, unless ignore-pod-disruption-budget=true', async () => {
    await client.agentPools.createOrUpdate(rg, 'f1', 'user1', { vmSize: 'Standard_D2s_v5', count: 2, orchestratorVersion: '1.35.3' }, fast);
    emulator.declarePdb(SUB, rg, 'f1', { namespace: 'shop', name: 'cart', pools: ['user1'] });
    await expect(client.agentPools.delete(rg, 'f1', 'user1', fast)).rejects.toThrow(/The long-running operation has failed\. PodDrainFailure\. Drain node aks-user1-\d{8}-vmss\w{6} failed .*shop\/cart-0 blocked by pdb cart/);
    await client.agentPools.delete(rg, 'f1', 'user1', { ...fast, ignorePodDisruptionBudget: true });
    await expectArmError(client.agentPools.get(rg, 'f1', 'user1'), 404, 'NotFound', /Agent pool 'user1' was not found in managed cluster 'f1'/);
  });

  it('updates tags with PATCH', async () => {
    const tagged = await client.managedClusters.updateTags(rg, 'f1', { tags: { team: 'fleet' } }, fast);
    expect(tagged.tags).toEqual({ team: 'fleet' });
  });
});

import type { ContainerServiceClient, ManagedCluster } from '@azure/arm-containerservice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, expectArmError, fast, sdkClient, startTestEmulator } from './harness';

const system = { name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D2s_v5', count: 1 } as const;

function cluster(overrides: Partial<ManagedCluster> = {}): ManagedCluster {
  return { location: 'eastus', dnsPrefix: 'r', kubernetesVersion: '1.36.2', agentPoolProfiles: [{ ...system }], ...overrides };
}

describe('AKS rules: HTTP status, error code and message through the SDK', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  let n = 0;
  const rg = 'rg-rules';
  const fresh = (): string => `rules${(n += 1)}`;

  async function created(body: ManagedCluster = cluster()): Promise<string> {
    const name = fresh();
    await client.managedClusters.createOrUpdate(rg, name, body, fast);
    return name;
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  describe('naming', () => {
    it('rejects an invalid cluster name', async () => {
      await expectArmError(client.managedClusters.createOrUpdate(rg, '-bad-', cluster(), fast), 400, 'InvalidParameter', /resourceName '-bad-' is invalid/);
    });
    it('rejects an invalid pool name (upper case)', async () => {
      const name = await created();
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'UserPool', { vmSize: 'Standard_D2s_v5', count: 1 }, fast),
        400,
        'InvalidParameter',
        /^The value of parameter agentPoolProfile\.name is invalid\. Please see https:\/\/aka\.ms\/aks-naming-rules/,
      );
    });
    it('rejects a pool name longer than 12 characters', async () => {
      const name = await created();
      await expectArmError(client.agentPools.createOrUpdate(rg, name, 'abcdefghijklm', { count: 1 }, fast), 400, 'InvalidParameter', /agentPoolProfile\.name is invalid/);
    });
  });

  describe('system pools', () => {
    it('needs at least one System pool at create', async () => {
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, fresh(), cluster({ agentPoolProfiles: [{ ...system, mode: 'User' }] }), fast),
        400,
        'BadRequest',
        /^Must define at least one system pool\.$/,
      );
    });
    it('refuses to delete the last System pool', async () => {
      const name = await created();
      await client.agentPools.createOrUpdate(rg, name, 'user1', { vmSize: 'Standard_D2s_v5', count: 1 }, fast);
      await expectArmError(client.agentPools.delete(rg, name, 'system', fast), 400, 'OperationNotAllowed', /at least one system agent pool/);
    });
    it('refuses to switch the last System pool to User', async () => {
      const name = await created();
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'system', { mode: 'User', count: 1, vmSize: 'Standard_D2s_v5' }, fast),
        400,
        'OperationNotAllowed',
        /at least one system agent pool/,
      );
    });
    it('requires System pools to be Linux', async () => {
      await expectArmError(
        client.managedClusters.createOrUpdate(
          rg,
          fresh(),
          cluster({ networkProfile: { networkPlugin: 'azure' }, windowsProfile: { adminUsername: 'u' }, agentPoolProfiles: [{ ...system, name: 'win', osType: 'Windows' }] }),
          fast,
        ),
        400,
        'InvalidParameter',
        /System node pool 'win' must use the Linux OS type/,
      );
    });
    it('requires a System pool count of at least 1', async () => {
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, fresh(), cluster({ agentPoolProfiles: [{ ...system, count: 0 }] }), fast),
        400,
        'InvalidParameter',
        /agentPoolProfile\.count is invalid\. Count must be between 1 and 1000 for a System agent pool/,
      );
    });
  });

  describe('Windows pools', () => {
    it('need Azure CNI', async () => {
      const name = await created(cluster({ windowsProfile: { adminUsername: 'azureuser', adminPassword: 'P@ssw0rd-123456' } }));
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'win1', { osType: 'Windows', vmSize: 'Standard_D4s_v5', count: 1 }, fast),
        400,
        'AzureCNIOnlyForWindows',
        /^Windows agent pools can only be added to AKS clusters using Azure-CNI\.$/,
      );
    });
    it('need a windowsProfile', async () => {
      const name = await created(cluster({ networkProfile: { networkPlugin: 'azure' } }));
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'win1', { osType: 'Windows', vmSize: 'Standard_D4s_v5', count: 1 }, fast),
        400,
        'WindowsProfileMissing',
        /^Windows profile definition is missing for the cluster\.$/,
      );
    });
    it('have names of at most 6 characters', async () => {
      const name = await created(cluster({ networkProfile: { networkPlugin: 'azure' }, windowsProfile: { adminUsername: 'azureuser' } }));
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'windows1', { osType: 'Windows', vmSize: 'Standard_D4s_v5', count: 1 }, fast),
        400,
        'InvalidParameter',
        /^Windows agent pool name can not be longer than 6 characters/,
      );
      const ok = await client.agentPools.createOrUpdate(rg, name, 'win1', { osType: 'Windows', vmSize: 'Standard_D4s_v5', count: 1 }, fast);
      expect(ok.provisioningState).toBe('Succeeded');
    });
  });

  describe('autoscaler', () => {
    it('requires minCount <= count <= maxCount', async () => {
      const name = await created();
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'auto1', { vmSize: 'Standard_D2s_v5', count: 5, enableAutoScaling: true, minCount: 1, maxCount: 3 }, fast),
        400,
        'InvalidParameter',
        /^The value of parameter agentPoolProfile\.count is invalid\. agentPoolProfile\.count was 5\. It must be greater or equal to minCount:1 and less than or equal to maxCount:3\.$/,
      );
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'auto1', { vmSize: 'Standard_D2s_v5', count: 2, enableAutoScaling: true, minCount: 4, maxCount: 3 }, fast),
        400,
        'InvalidParameter',
        /minCount 4 must be less than or equal to maxCount 3/,
      );
    });
  });

  describe('versions', () => {
    it('only accepts versions from the catalogue', async () => {
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, fresh(), cluster({ kubernetesVersion: '1.99.0' }), fast),
        400,
        'K8sVersionNotSupported',
        /^Version 1\.99\.0 is not supported in this region\./,
      );
      const name = await created();
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'user1', { vmSize: 'Standard_D2s_v5', count: 1, orchestratorVersion: '1.36.9' }, fast),
        400,
        'AgentPoolK8sVersionNotSupported',
        /^Version 1\.36\.9 is not supported in this region/,
      );
    });
    it('uses preview versions only when asked for', async () => {
      const byDefault = await client.managedClusters.createOrUpdate(rg, fresh(), cluster({ kubernetesVersion: '' }), fast);
      expect(byDefault.currentKubernetesVersion).toBe('1.36.2');
      const preview = await client.managedClusters.createOrUpdate(rg, fresh(), cluster({ kubernetesVersion: '1.38.0' }), fast);
      expect(preview.currentKubernetesVersion).toBe('1.38.0');
    });
    it('refuses LTS-only minors without the LTS support plan', async () => {
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, fresh(), cluster({ kubernetesVersion: '1.33.6' }), fast),
        400,
        'K8sVersionNotSupported',
        /only available with the AKSLongTermSupport support plan/,
      );
    });
    it('does not let the control plane skip a minor version', async () => {
      const name = await created(cluster({ kubernetesVersion: '1.35.3' }));
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, name, cluster({ kubernetesVersion: '1.37.1' }), fast),
        400,
        'OperationNotAllowed',
        /^Upgrading Kubernetes version 1\.35\.3 to 1\.37\.1 is not allowed\. Available upgrades: \[1\.36\.2 1\.36\.1 1\.35\.5\]/,
      );
    });
    it('does not let a pool skip a minor version or downgrade', async () => {
      const name = await created(cluster({ kubernetesVersion: '1.36.2' }));
      await client.agentPools.createOrUpdate(rg, name, 'old', { vmSize: 'Standard_D2s_v5', count: 1, orchestratorVersion: '1.34.8' }, fast);
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'old', { vmSize: 'Standard_D2s_v5', count: 1, orchestratorVersion: '1.36.2' }, fast),
        400,
        'AgentPoolUpgradeVersionNotAllowed',
        /^Upgrade agent pool version from 1\.34\.8 to 1\.36\.2 is not allowed, you can only upgrade one minor version at a time/,
      );
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'old', { vmSize: 'Standard_D2s_v5', count: 1, orchestratorVersion: '1.34.6' }, fast),
        400,
        'AgentPoolUpgradeVersionNotAllowed',
        /from 1\.34\.8 to 1\.34\.6 is not allowed/,
      );
    });
    it('never lets a pool get ahead of the control plane', async () => {
      const name = await created(cluster({ kubernetesVersion: '1.35.3' }));
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'system', { ...system, orchestratorVersion: '1.36.1' }, fast),
        400,
        'NodePoolMcVersionIncompatible',
        /^Node pool version 1\.36\.1 and control plane version 1\.35\.3 are incompatible\. Minor version of node pool version 36 is bigger than control plane version 35\./,
      );
    });
    it('enforces the skew limit of 3 minors', async () => {
      const name = await created(cluster({ kubernetesVersion: '1.37.1' }));
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'old', { vmSize: 'Standard_D2s_v5', count: 1, orchestratorVersion: '1.33.6' }, fast),
        400,
        'NodePoolMcVersionIncompatible',
        /cannot be more than 3 versions less than control plane's version/,
      );
      const second = await created(cluster({ kubernetesVersion: '1.36.2' }));
      await client.agentPools.createOrUpdate(rg, second, 'old', { vmSize: 'Standard_D2s_v5', count: 1, orchestratorVersion: '1.33.6' }, fast);
      const current = await client.managedClusters.get(rg, second);
      // A control-plane-only upgrade to 1.37 would leave 'old' 4 minors behind.
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, second, { ...current, kubernetesVersion: '1.37.1' }, fast),
        400,
        'NodePoolMcVersionIncompatible',
        /^Node pool version 1\.33\.6 and control plane version 1\.37\.1 are incompatible\. Minor version of node pool cannot be more than 3 versions less/,
      );
      // Without the lagging pool the same control-plane-only upgrade is accepted.
      await client.agentPools.delete(rg, second, 'old', fast);
      const upgraded = await client.managedClusters.createOrUpdate(rg, second, { ...current, agentPoolProfiles: current.agentPoolProfiles?.filter((p) => p.name === 'system'), kubernetesVersion: '1.37.1' }, fast);
      expect(upgraded.currentKubernetesVersion).toBe('1.37.1');
    });
  });

  describe('VM sizes, families and quota', () => {
    it('rejects sizes that are not in the catalogue', async () => {
      const name = await created();
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'odd', { vmSize: 'Standard_Z99_v9', count: 1 }, fast),
        400,
        'VMSizeNotSupported',
        /^The VM size of Standard_Z99_v9 is not supported/,
      );
    });
    it('accepts GPU N-series pools', async () => {
      const name = await created();
      const gpu = await client.agentPools.createOrUpdate(rg, name, 'gpu', { vmSize: 'Standard_NC4as_T4_v3', count: 1 }, fast);
      expect(gpu.vmSize).toBe('Standard_NC4as_T4_v3');
    });
    it('requires the ACCSGXDevicePlugin add-on for SGX confidential pools', async () => {
      const name = await created();
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'sgx', { vmSize: 'Standard_DC4s_v3', count: 1 }, fast),
        400,
        'AddonRequiredForConfidentialComputing',
        /requires the ACCSGXDevicePlugin add-on/,
      );
      const withAddon = await created(cluster({ addonProfiles: { ACCSGXDevicePlugin: { enabled: true } } }));
      const sgx = await client.agentPools.createOrUpdate(rg, withAddon, 'sgx', { vmSize: 'Standard_DC4s_v3', count: 1 }, fast);
      expect(sgx.provisioningState).toBe('Succeeded');
    });
    it('allows Spot only on User pools', async () => {
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, fresh(), cluster({ agentPoolProfiles: [{ ...system, scaleSetPriority: 'Spot' }] }), fast),
        400,
        'InvalidParameter',
        /Spot agent pool 'system' cannot be a System mode agent pool/,
      );
    });
    it('enforces the per-subscription, per-region vCPU quota by family', async () => {
      emulator.setQuota({ subscriptionId: SUB, location: 'westus2', family: 'standardESv5Family', limit: 16 });
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, fresh(), cluster({ location: 'westus2', agentPoolProfiles: [{ ...system, vmSize: 'Standard_E4s_v5', count: 5 }] }), fast),
        400,
        'QuotaExceeded',
        /exceeding approved standardESv5Family Cores quota\. .*Location: westus2, Current Limit: 16, Current Usage: 0, Additional Required: 20/,
      );
    });
  });

  describe('cluster state', () => {
    it('refuses updates to a stopped cluster', async () => {
      const name = await created();
      await client.managedClusters.stop(rg, name, fast);
      await expectArmError(
        client.agentPools.createOrUpdate(rg, name, 'user1', { vmSize: 'Standard_D2s_v5', count: 1 }, fast),
        409,
        'OperationNotAllowed',
        /is in stopped state/,
      );
    });
    it('refuses a pool introduced through a managed-cluster PUT, as AKS does; the existing pools are fine', async () => {
      const name = await created();
      const current = await client.managedClusters.get(rg, name);
      const user = { name: 'user1', mode: 'User', vmSize: 'Standard_D2s_v5', count: 1 } as const;
      await expectArmError(
        client.managedClusters.createOrUpdate(rg, name, { ...current, agentPoolProfiles: [...(current.agentPoolProfiles ?? []), user] }, fast),
        400,
        'BadRequest',
        /A new agent pool was introduced\. Adding agent pools to an existing cluster is not allowed through managed cluster operations/,
      );
      expect((await client.managedClusters.get(rg, name)).agentPoolProfiles?.map((pool) => pool.name)).toEqual(['system']);
      await client.managedClusters.createOrUpdate(rg, name, { ...current, tags: { changed: 'yes' } }, fast);
    });
    it('answers 404 ResourceNotFound for a missing cluster', async () => {
      await expectArmError(client.managedClusters.get(rg, 'missing'), 404, 'ResourceNotFound', /Microsoft\.ContainerService\/managedClusters\/missing' under resource group 'rg-rules' was not found/);
    });
  });
});

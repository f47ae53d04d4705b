import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { NetworkManagementClient } from '@azure/arm-network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { preflightMember, type PreflightProblem } from '../../../shared/domain/updateRuns';
import { readDisruptionBudgets } from '../../../shared/features/updateRuns/disruptionBudgetsReader';
import { readMemberFacts } from '../../../shared/features/updateRuns/memberFactsReader';
import { withArmDeadline } from '../../../shared/platform/arm/armDeadline';
import type { UpdateRunDependencies } from '../../../shared/features/updateRuns/updateRunDependencies';
import { dummyCredential, fast, SUB, sdkClient, startTestEmulator } from '../../emulator/harness';

const RG = 'rg-drain';
const NOW = new Date('2026-12-07T06:00:00Z');
const clusterId = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const subnetId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/${name}`;
const STRICT_WEB = {
  deployments: [{ namespace: 'shop', name: 'web', replicas: 2, cpuRequestMillicores: 100, memoryRequestBytes: 1024 ** 2 }],
  podDisruptionBudgets: [{ namespace: 'shop', name: 'web-pdb', deployment: 'web', minAvailable: 2 }],
};
const NO_PDB = { deployments: [{ namespace: 'shop', name: 'web', replicas: 2, cpuRequestMillicores: 100, memoryRequestBytes: 1024 ** 2 }] };

/**
 * The preflight's facts about drains and subnets, read live from the emulator through the real SDK clients
 * (run command for PodDisruptionBudgets, Microsoft.Network for subnets), then judged by the preflight.
 */
describe('update-run preflight facts: PDBs through run command, subnet addresses through Microsoft.Network', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  let deps: UpdateRunDependencies;

  const create = (name: string, pool: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    client.managedClusters.beginCreateOrUpdateAndWait(
      RG,
      name,
      { location: 'eastus', dnsPrefix: name, kubernetesVersion: '1.35.3', agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 3, ...pool }], ...extra },
      fast,
    );

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
    const network = new NetworkManagementClient(dummyCredential, SUB, { endpoint: emulator.baseUrl, retryOptions: { maxRetries: 0 } });
    // 3 nodes × (1 + 30 pods) = 93 addresses in use: a /25 keeps 30 free (one surge node needs 31), a /24 keeps 158.
    await network.subnets.createOrUpdate('rg-net', 'vnet1', 'tight', { addressPrefix: '10.2.0.0/25' }, fast);
    await network.subnets.createOrUpdate('rg-net', 'vnet1', 'roomy', { addressPrefix: '10.3.0.0/24' }, fast);
    await create('blocked', {});
    await create('cordon', { upgradeSettings: { undrainableNodeBehavior: 'Cordon', maxBlockedNodes: '1' } });
    await create('locked', {}, { apiServerAccessProfile: { disableRunCommand: true } });
    const cni = { networkProfile: { networkPlugin: 'azure' } };
    await create('tight', { maxPods: 30, vnetSubnetID: subnetId('tight') }, cni);
    await create('roomy', { maxPods: 30, vnetSubnetID: subnetId('roomy') }, cni);
    for (const name of ['blocked', 'cordon', 'locked', 'tight', 'roomy']) emulator.workload.set(SUB, RG, name, name === 'blocked' ? STRICT_WEB : NO_PDB);
    emulator.declarePdb(SUB, RG, 'cordon', { namespace: 'payments', name: 'api-pdb', pools: ['system'] });
    const used: Pick<UpdateRunDependencies, 'containerService' | 'network' | 'versionCatalogue' | 'regionCapacity' | 'activeOperations' | 'workspaceCustomerId' | 'queryWorkspace'> = {
      containerService: () => client,
      network: () => network,
      versionCatalogue: (_subscription, location) => client.managedClusters.listKubernetesVersions(location),
      regionCapacity: () => Promise.reject(new Error('quota is not part of this test')),
      activeOperations: () => Promise.resolve([]),
      workspaceCustomerId: () => Promise.reject(new Error('no workspace')),
      queryWorkspace: () => Promise.reject(new Error('no workspace')),
    };
    // readMemberFacts uses only these; the rest (store, queue, clock) belong to the API and the engine.
    deps = used as UpdateRunDependencies;
  }, 90_000);
  afterAll(() => emulator.close());

  async function problems(name: string, upgradeType: 'Full' | 'ControlPlaneOnly' = 'Full'): Promise<PreflightProblem[]> {
    const [read] = await readMemberFacts(deps, [clusterId(name)], upgradeType, NOW);
    return preflightMember(read!.facts, { upgradeType, kubernetesVersion: '1.36' }, NOW.toISOString().replace('.000', '')).problems;
  }
  const of = (list: PreflightProblem[], check: PreflightProblem['check']) => list.filter((problem) => problem.check === check);

  it('a PDB allowing 0 disruptions on a pool that fails undrainable nodes blocks the run, naming the PDB and the pool', async () => {
    expect(of(await problems('blocked'), 'podDisruptionBudgets')).toEqual([
      expect.objectContaining({ severity: 'Blocking', code: 'PDB_BLOCKS_DRAIN', pools: ['system'], message: expect.stringContaining('shop/web-pdb') }),
    ]);
  });

  it('the same on a Cordon pool is a warning (the PDB the emulator upgrades honour)', async () => {
    expect(of(await problems('cordon'), 'podDisruptionBudgets')).toEqual([
      expect.objectContaining({ severity: 'Warning', code: 'PDB_BLOCKS_DRAIN', pools: ['system'], message: expect.stringContaining('payments/api-pdb') }),
    ]);
  });

  it('run command disabled: PDBs are "not checked" with the reason, never "no PDB"', async () => {
    expect(of(await problems('locked'), 'podDisruptionBudgets')).toEqual([
      expect.objectContaining({ severity: 'NotChecked', code: 'PDB_NOT_READABLE', message: expect.stringContaining('disableRunCommand') }),
    ]);
  });

  it('a run command that cannot finish before the invocation\'s ARM deadline is a reason ("not checked"), not a failed preflight', async () => {
    const cluster = await client.managedClusters.get(RG, 'blocked');
    await expect(withArmDeadline(Date.now() + 300, () => readDisruptionBudgets(client, RG, cluster))).rejects.toThrow(/no time was left for run command/);
    expect(await withArmDeadline(Date.now() + 20_000, () => readDisruptionBudgets(client, RG, cluster))).toEqual([{ namespace: 'shop', name: 'web-pdb', disruptionsAllowed: 0, pools: ['system'] }]);
  });

  it('a control-plane-only run drains no node: no run command, no PDB problem', async () => {
    const before = emulator.counters()['managedClusters.runCommand'] ?? 0;
    expect(of(await problems('blocked', 'ControlPlaneOnly'), 'podDisruptionBudgets')).toEqual([]);
    expect(emulator.counters()['managedClusters.runCommand'] ?? 0).toBe(before);
  });

  it('a subnet without room for the surge node (Azure CNI: 1 + maxPods addresses) blocks with InsufficientSubnetSize', async () => {
    expect(of(await problems('tight'), 'subnetIps')).toEqual([
      expect.objectContaining({ severity: 'Blocking', code: 'INSUFFICIENT_SUBNET_SIZE', azureErrorCode: 'InsufficientSubnetSize', pools: ['system'], message: expect.stringMatching(/vnet1\/tight has 30 free .*needs 31/) }),
    ]);
  });

  it('a subnet with room is fine, and no PDB means no PDB problem', async () => {
    const roomy = await problems('roomy');
    expect(of(roomy, 'subnetIps')).toEqual([]);
    expect(of(roomy, 'podDisruptionBudgets')).toEqual([]);
  });
});

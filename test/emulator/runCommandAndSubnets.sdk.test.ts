import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { NetworkManagementClient } from '@azure/arm-network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { disruptionBudgetsFromKubectl } from '../../shared/domain/updateRuns';
import { dummyCredential, fast, SUB, sdkClient, startTestEmulator } from './harness';

const RG = 'rg-runcommand';
const VNET_RG = 'rg-net';
const subnetId = (name: string) => `/subscriptions/${SUB}/resourceGroups/${VNET_RG}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/${name}`;
const PDB_COMMAND = 'kubectl get pdb,pods,nodes -A -o json';

/** AKS run command and Microsoft.Network subnets through the real SDK clients. */
describe('emulator: run command (kubectl) and node-pool subnets (SDK)', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  let network: NetworkManagementClient;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
    network = new NetworkManagementClient(dummyCredential, SUB, { endpoint: emulator.baseUrl, retryOptions: { maxRetries: 0 } });
    await network.subnets.createOrUpdate(VNET_RG, 'vnet1', 'nodes', { addressPrefix: '10.1.0.0/24' }, fast);
    const pools = [
      { name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 2, maxPods: 30, vnetSubnetID: subnetId('nodes') },
      { name: 'user', mode: 'User', vmSize: 'Standard_D2s_v5', count: 1, maxPods: 30, vnetSubnetID: subnetId('nodes') },
    ] as const;
    await client.managedClusters.beginCreateOrUpdateAndWait(RG, 'rc1', { location: 'eastus', dnsPrefix: 'rc1', agentPoolProfiles: [...pools], networkProfile: { networkPlugin: 'azure' } }, fast);
    await client.managedClusters.beginCreateOrUpdateAndWait(
      RG,
      'locked',
      { location: 'eastus', dnsPrefix: 'locked', agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 }], apiServerAccessProfile: { disableRunCommand: true } },
      fast,
    );
    emulator.workload.set(SUB, RG, 'rc1', {
      deployments: [{ namespace: 'shop', name: 'web', replicas: 2, cpuRequestMillicores: 100, memoryRequestBytes: 1024 ** 2 }],
      podDisruptionBudgets: [{ namespace: 'shop', name: 'web-pdb', deployment: 'web', minAvailable: 2 }],
    });
    emulator.declarePdb(SUB, RG, 'rc1', { namespace: 'payments', name: 'api-pdb', pools: ['user'] });
  }, 60_000);
  afterAll(() => emulator.close());

  it('runs "kubectl get pdb,pods,nodes -A -o json": the workload PDBs with live status and the declared ones, pods on their nodes', async () => {
    const result = await client.managedClusters.runCommand(RG, 'rc1', { command: PDB_COMMAND }, fast);
    expect(result).toMatchObject({ provisioningState: 'Succeeded', exitCode: 0 });
    const list = JSON.parse(result.logs ?? '') as { kind: string; items: { kind: string; metadata: { name: string } }[] };
    expect(list.kind).toBe('List');
    expect(new Set(list.items.map((item) => item.kind))).toEqual(new Set(['PodDisruptionBudget', 'Pod', 'Node']));
    const simulated = emulator.workload.disruptionBudgets(SUB, RG, 'rc1')[0]!;
    const parsed = disruptionBudgetsFromKubectl(result.logs ?? '');
    expect(parsed).toMatchObject({
      ok: true,
      budgets: [
        { namespace: 'shop', name: 'web-pdb', disruptionsAllowed: simulated.disruptionsAllowed },
        { namespace: 'payments', name: 'api-pdb', disruptionsAllowed: 0, pools: ['user'] },
      ],
    });
    expect(simulated.disruptionsAllowed).toBe(0);
    const nodes = list.items.filter((item) => item.kind === 'Node').map((item) => item.metadata.name);
    expect(nodes).toEqual(emulator.nodes(SUB, RG, 'rc1').flatMap((pool) => pool.nodes.map((node) => node.name)));
  });

  it('keeps the result under commandResults/{id}', async () => {
    const poller = client.managedClusters.runCommand(RG, 'rc1', { command: 'kubectl get nodes -A -o json' }, fast);
    const result = await poller;
    expect(result.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await client.managedClusters.getCommandResult(RG, 'rc1', result.id!)).toMatchObject({ exitCode: 0, provisioningState: 'Succeeded' });
  });

  it.each([
    ['an unknown program', 'helm list -A', 127, 'helm: not found'],
    ['an unknown resource type', 'kubectl get frobs -A -o json', 1, `the server doesn't have a resource type "frobs"`],
    ['a kubectl command the emulator does not simulate', 'kubectl apply -f ns.yaml', 1, 'only "kubectl get'],
  ])('%s fails as the command would: exit %s', async (_name, command, exitCode, logs) => {
    const result = await client.managedClusters.runCommand(RG, 'rc1', { command }, fast);
    expect(result.exitCode).toBe(exitCode);
    expect(result.logs).toContain(logs);
  });

  it('refuses when apiServerAccessProfile.disableRunCommand is set', async () => {
    await expect(client.managedClusters.runCommand(RG, 'locked', { command: PDB_COMMAND }, fast)).rejects.toMatchObject({ statusCode: 400, code: 'OperationNotAllowed' });
  });

  it('a subnet lists one IP configuration per address its nodes hold: Azure CNI takes 1 + maxPods per node', async () => {
    const subnet = await network.subnets.get(VNET_RG, 'vnet1', 'nodes');
    expect(subnet).toMatchObject({ name: 'nodes', addressPrefix: '10.1.0.0/24', provisioningState: 'Succeeded' });
    expect(subnet.ipConfigurations).toHaveLength(3 * 31);
    await client.agentPools.beginCreateOrUpdateAndWait(RG, 'rc1', 'user', { mode: 'User', vmSize: 'Standard_D2s_v5', count: 2, maxPods: 30, vnetSubnetID: subnetId('nodes') }, fast);
    expect((await network.subnets.get(VNET_RG, 'vnet1', 'nodes')).ipConfigurations).toHaveLength(4 * 31);
  });

  it('an unknown subnet is 404; a bad prefix is refused', async () => {
    await expect(network.subnets.get(VNET_RG, 'vnet1', 'missing')).rejects.toMatchObject({ statusCode: 404 });
    await expect(network.subnets.createOrUpdate(VNET_RG, 'vnet1', 'bad', { addressPrefix: '10.1.0.0/33' }, fast)).rejects.toMatchObject({ statusCode: 400 });
  });
});

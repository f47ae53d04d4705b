import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { StepNotPossibleError, stepOperation } from '../../../shared/features/updateRuns/memberStepSubmission';
import type { MemberStep } from '../../../shared/features/updateRuns/updateRunDocument';
import { SUB, fast, sdkClient, startTestEmulator } from '../../emulator/harness';

const UBUNTU = 'AKSUbuntu-2204gen2containerd';

/** A Consistent node-image step checks, at its turn, that the pool is still offered the run's image (emulator, SDK). */
describe('a node-image step of a Consistent run (emulator, SDK)', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  const clusterId = `/subscriptions/${SUB}/resourceGroups/rg-step/providers/Microsoft.ContainerService/managedClusters/s1`;
  const step = (image: string, exact: boolean): MemberStep => ({ nodeImage: true, ...(exact ? { exactNodeImage: true } : {}), nodePools: { system: `${UBUNTU}-${image}` }, status: 'Pending' });

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
    await client.managedClusters.beginCreateOrUpdateAndWait('rg-step', 's1', { location: 'eastus', dnsPrefix: 's1', agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 }] }, fast);
    emulator.publishNodeImage('202612.05.0', UBUNTU);
  }, 60_000);
  afterAll(() => emulator.close());

  it('goes ahead while the region offers the selected image, and fails before any write once it offers a newer one', async () => {
    await expect(stepOperation(client, clusterId, step('202612.05.0', true), 'updateRunNodeImage')).resolves.toMatchObject({ target: `${clusterId}/agentPools/system` });
    emulator.publishNodeImage('202612.12.0', UBUNTU, 'eastus');
    emulator.resetCounters();
    const refused = stepOperation(client, clusterId, step('202612.05.0', true), 'updateRunNodeImage');
    await expect(refused).rejects.toBeInstanceOf(StepNotPossibleError);
    await expect(refused).rejects.toMatchObject({ code: 'NodeImageNotConsistent' });
    expect(emulator.counters()['agentPools.upgradeNodeImageVersion'] ?? 0).toBe(0);
    // Latest takes whatever is newest at its turn.
    await expect(stepOperation(client, clusterId, step('202612.05.0', false), 'updateRunNodeImage')).resolves.toMatchObject({ kind: 'updateRunNodeImage' });
  });
});

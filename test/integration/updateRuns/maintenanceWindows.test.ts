import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { MaintenanceWindowReader, readUpgradeWindow } from '../../../shared/features/updateRuns/maintenanceWindows';
import { SUB, fast, sdkClient, startTestEmulator } from '../../emulator/harness';

/** The preflight and the engine read a member's window from the configuration AKS honours for the kind of run. */
describe('upgrade windows per kind of run (emulator, SDK)', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  const rg = 'rg-windows';
  const clusterId = `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/w1`;
  const nodeOsWindow = { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Saturday' } }, durationHours: 6, startTime: '01:00', utcOffset: '+02:00', startDate: '2026-12-01' } as const;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
    const pool = { name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 1 } as const;
    await client.managedClusters.beginCreateOrUpdateAndWait(rg, 'w1', { location: 'westeurope', dnsPrefix: 'w1', agentPoolProfiles: [pool] }, fast);
    await client.maintenanceConfigurations.createOrUpdate(rg, 'w1', 'aksManagedNodeOSUpgradeSchedule', { maintenanceWindow: { ...nodeOsWindow, startDate: new Date('2026-12-01') } });
  }, 60_000);
  afterAll(() => emulator.close());

  it('a node-image run follows aksManagedNodeOSUpgradeSchedule (dates in the wire form); a version run has no window here', async () => {
    expect(await readUpgradeWindow(client, clusterId, 'NodeImageOnly')).toMatchObject(nodeOsWindow);
    expect(await readUpgradeWindow(client, clusterId, 'Full')).toBeNull();
    const reader = new MaintenanceWindowReader(() => client);
    expect(await reader.read(clusterId, 'NodeImageOnly')).toMatchObject(nodeOsWindow);
    expect(await reader.read(clusterId, 'ControlPlaneOnly')).toBeNull();
  });
});

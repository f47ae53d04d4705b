import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { DependencyRejectedError, NotFoundError } from '../../../shared/domain/errors';
import { ArmClients } from '../../../shared/platform/arm/armClients';
import { LogAnalyticsWorkspaces } from '../../../shared/platform/monitor/logAnalyticsWorkspaces';
import { SUB, raw, startTestEmulator } from '../../emulator/harness';
import { testSettings } from '../../support/storage';

/** The workspace customerId lookup: a plain ARM GET through the ContainerServiceClient's pipeline, against the AKS emulator. */
let emulator: RunningAksEmulator;
let workspaces: LogAnalyticsWorkspaces;
const workspaceId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/${name}`;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const settings = testSettings({ FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl, FLEETPLANE_MODE: 'local', FLEETPLANE_ARM_CREDENTIAL: 'emulator' });
  workspaces = new LogAnalyticsWorkspaces(new ArmClients(settings, { maxRetries: 0 }));
}, 60_000);

afterAll(async () => {
  await emulator.close();
});

describe('LogAnalyticsWorkspaces', () => {
  it('reads the customerId of a workspace the emulator serves, once, then from memory', async () => {
    const created = await raw(emulator, 'PUT', `${workspaceId('law-logs')}?api-version=2023-09-01`, { location: 'eastus', properties: {} });
    expect(created.status).toBe(201);
    const expected = (created.body as { properties: { customerId: string } }).properties.customerId;
    emulator.resetCounters();
    expect(await workspaces.customerIdOf(workspaceId('law-logs'))).toBe(expected);
    expect(await workspaces.customerIdOf(workspaceId('LAW-LOGS').replace('rg-monitoring', 'RG-MONITORING'))).toBe(expected);
    expect(emulator.counters()['workspaces.get']).toBeLessThanOrEqual(2);
    expect(await workspaces.customerIdOf(workspaceId('law-logs'))).toBe(expected);
    expect(emulator.counters()['workspaces.get']).toBeLessThanOrEqual(2);
  });

  it('concurrent callers share one read (an autoscale cycle asks for the same workspace from every batch)', async () => {
    const created = await raw(emulator, 'PUT', `${workspaceId('law-shared')}?api-version=2023-09-01`, { location: 'eastus', properties: {} });
    expect(created.status).toBe(201);
    emulator.resetCounters();
    const ids = await Promise.all(Array.from({ length: 10 }, () => workspaces.customerIdOf(workspaceId('law-shared'))));
    expect(new Set(ids)).toEqual(new Set([(created.body as { properties: { customerId: string } }).properties.customerId]));
    expect(emulator.counters()['workspaces.get']).toBe(1);
  });

  it("an absent workspace is ARM's 404, kept as not found", async () => {
    await expect(workspaces.customerIdOf(workspaceId('absent'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an id that is not a workspace id without calling ARM', async () => {
    await expect(workspaces.customerIdOf('/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s')).rejects.toBeInstanceOf(DependencyRejectedError);
  });
});

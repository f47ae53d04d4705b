import type { ContainerServiceClient, ManagedCluster } from '@azure/arm-containerservice';
import { LogsQueryClient, LogsQueryResultStatus, type LogsQueryResult, type LogsTable } from '@azure/monitor-query-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, clusterPath, dummyCredential, fast, raw, sdkClient, startTestEmulator } from './harness';

/**
 * The emulator serves Log Analytics for its clusters the way Azure is wired: a cluster's omsagent add-on names a
 * workspace (created here over plain ARM REST, as no OperationalInsights SDK is installed), the workspace's
 * customerId addresses the query API, and the real LogsQueryClient sees the rows of exactly the clusters
 * reporting to that workspace.
 */

const RG = 'rg-logs';
const WORKSPACE_API = 'api-version=2023-09-01';
const workspacePath = (name: string): string => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.OperationalInsights/workspaces/${name}`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let emulator: RunningAksEmulator;
let aks: ContainerServiceClient;
let logs: LogsQueryClient;
let teamA: string;
let teamB: string;

function cluster(addonProfiles: ManagedCluster['addonProfiles'] = {}): ManagedCluster {
  return {
    location: 'eastus',
    dnsPrefix: 'logs',
    kubernetesVersion: '1.35.3',
    agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D2s_v5', count: 2 }],
    addonProfiles,
  };
}

const monitored = (workspaceResourceId: string): ManagedCluster =>
  cluster({ omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspaceResourceId } } });

async function putWorkspace(name: string): Promise<string> {
  const created = await raw(emulator, 'PUT', `${workspacePath(name)}?${WORKSPACE_API}`, { location: 'eastus', properties: { retentionInDays: 30 } });
  expect(created.status).toBe(201);
  return created.body.properties.customerId as string;
}

function primary(result: LogsQueryResult): LogsTable {
  if (result.status !== LogsQueryResultStatus.Success) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.tables[0]!;
}

async function clusterNamesIn(customerId: string, additionalWorkspaces: string[] = []): Promise<unknown[]> {
  const table = primary(
    await logs.queryWorkspace(customerId, 'union KubePodInventory, KubeNodeInventory | distinct ClusterName | sort by ClusterName asc', { duration: 'PT30M' }, { additionalWorkspaces }),
  );
  return table.rows.map((row) => row[0]);
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  aks = sdkClient(emulator);
  logs = new LogsQueryClient(dummyCredential, { endpoint: `${emulator.baseUrl}/v1`, retryOptions: { maxRetries: 0 } });
  teamA = await putWorkspace('law-team-a');
  teamB = await putWorkspace('law-team-b');
  // The add-on's id is matched case-insensitively, as ARM ids are.
  await aks.managedClusters.createOrUpdate(RG, 'logs-a', monitored(workspacePath('LAW-Team-A').toLowerCase()), fast);
  await aks.managedClusters.createOrUpdate(RG, 'logs-b', monitored(workspacePath('law-team-b')), fast);
  await aks.managedClusters.createOrUpdate(RG, 'logs-none', cluster(), fast);
  emulator.setClockSpeed(0);
}, 60_000);

afterAll(async () => {
  await emulator?.close();
});

describe('Log Analytics workspaces (ARM)', () => {
  it('creates a workspace with a GUID customerId that GET and a later PUT keep', async () => {
    expect(teamA).toMatch(GUID);
    expect(teamB).toMatch(GUID);
    expect(teamA).not.toBe(teamB);
    const got = await raw(emulator, 'GET', `${workspacePath('law-team-a')}?${WORKSPACE_API}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id: workspacePath('law-team-a'),
      name: 'law-team-a',
      type: 'Microsoft.OperationalInsights/workspaces',
      location: 'eastus',
      properties: { customerId: teamA, provisioningState: 'Succeeded', retentionInDays: 30 },
    });
    const updated = await raw(emulator, 'PUT', `${workspacePath('law-team-a')}?api-version=2022-10-01`, { location: 'eastus', properties: { retentionInDays: 90 } });
    expect(updated.status).toBe(200);
    expect(updated.body.properties).toMatchObject({ customerId: teamA, retentionInDays: 90 });
    expect(emulator.counters()).toMatchObject({ 'workspaces.createOrUpdate': 3, 'workspaces.get': 1 });
  });

  it('refuses a workspace without location, an unknown api-version and answers 404 for a missing one', async () => {
    const noLocation = await raw(emulator, 'PUT', `${workspacePath('law-x')}?${WORKSPACE_API}`, { properties: {} });
    expect(noLocation.status).toBe(400);
    expect(noLocation.body.error.code).toBe('LocationRequired');
    const badVersion = await raw(emulator, 'GET', `${workspacePath('law-team-a')}?api-version=2026-06-01`);
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.code).toBe('InvalidApiVersionParameter');
    const missing = await raw(emulator, 'GET', `${workspacePath('law-x')}?${WORKSPACE_API}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ResourceNotFound');
  });
});

describe('Log Analytics query API mounted in the emulator', () => {
  it("returns a workspace's clusters' rows with their resource id, and not another workspace's", async () => {
    const table = primary(await logs.queryWorkspace(teamA, 'KubePodInventory | summarize Pods = dcount(Name) by ClusterName, _ResourceId', { duration: 'PT30M' }));
    expect(table.rows).toEqual([['logs-a', clusterPath(RG, 'logs-a').toLowerCase(), expect.any(Number)]]);
    expect(table.rows[0]![2]).toBeGreaterThan(0);
    expect(await clusterNamesIn(teamB)).toEqual(['logs-b']);
  });

  it('lets a query filter one cluster by _ResourceId and unions workspaces, never the unmonitored cluster', async () => {
    const id = clusterPath(RG, 'logs-b');
    const filtered = primary(await logs.queryWorkspace(teamB, `KubeNodeInventory | where _ResourceId =~ "${id}" | distinct ClusterName`, { duration: 'PT30M' }));
    expect(filtered.rows).toEqual([['logs-b']]);
    expect(await clusterNamesIn(teamA, [teamB])).toEqual(['logs-a', 'logs-b']);
  });

  it('answers 404 for a customerId no workspace has', async () => {
    await expect(logs.queryWorkspace('00000000-0000-4000-8000-00000000dead', 'KubeEvents', { duration: 'PT1H' })).rejects.toMatchObject({
      statusCode: 404,
      code: 'WorkspaceNotFoundError',
    });
  });

  it('counts query calls', () => {
    expect(emulator.counters()['logAnalytics.query']).toBeGreaterThanOrEqual(4);
  });
});

describe('a cluster’s monitoring workspace (admin API)', () => {
  it('names the workspace and customerId of a monitored cluster', async () => {
    const answer = await raw(emulator, 'GET', `/_emulator/clusters/${SUB}/${RG}/logs-a/monitoring`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ workspaceResourceId: workspacePath('law-team-a').toLowerCase(), customerId: teamA });
  });

  it('answers a clear MonitoringNotEnabled error for a cluster without the add-on', async () => {
    const answer = await raw(emulator, 'GET', `/_emulator/clusters/${SUB}/${RG}/logs-none/monitoring`);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('MonitoringNotEnabled');
    expect(answer.body.error.message).toMatch(/Monitoring is not enabled on managed cluster 'logs-none'/);
  });
});

describe('resource-context queries (/v1/{resourceId}/query)', () => {
  const clusterResource = (name: string) => `subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${name}`;
  const resourceIdsIn = async (resourceId: string) =>
    primary(await logs.queryResource(resourceId, 'union * | distinct _ResourceId', { duration: 'PT30M' })).rows;

  it("sees only the resource's rows, found through the workspace its add-on names (the id matched in any case)", async () => {
    expect(await resourceIdsIn(clusterResource('logs-a'))).toEqual([[`/${clusterResource('logs-a')}`.toLowerCase()]]);
    expect(await resourceIdsIn(clusterResource('LOGS-B'))).toEqual([[`/${clusterResource('logs-b')}`.toLowerCase()]]);
  });

  it('answers empty results for a cluster that sends no logs, or a resource no workspace holds rows of', async () => {
    expect(await resourceIdsIn(clusterResource('logs-none'))).toEqual([]);
    expect(await resourceIdsIn(clusterResource('no-such-cluster'))).toEqual([]);
  });

  it("refuses the SDK's `/v1//subscriptions/…` (an id with its leading slash) with 403, as the service does", async () => {
    const failure = await logs.queryResource(`/${clusterResource('logs-a')}`, 'KubeEvents | take 1', { duration: 'PT30M' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ statusCode: 403, details: { error: { code: 'InsufficientAccessError' } } });
  });
});

describe('demo fleet monitoring', () => {
  it('sends most demo clusters to their region’s workspace and leaves legacy-weu-01 and dev-eastus-01 out', async () => {
    const demo = await startTestEmulator({ speed: 0, demoFleet: true });
    try {
      const [subA, subB] = ['6f1d3c52-8a0e-4b8e-9d51-0c6a1f2b7e01', '9b2e4f7a-1c3d-4e5f-8a9b-2c4d6e8f0a02'];
      const eastus = demo.monitoringWorkspace(subA, 'rg-prod-eastus', 'prod-eastus-01');
      expect(eastus.workspaceResourceId).toMatch(/\/workspaces\/law-fleet-eastus$/);
      expect(demo.monitoringWorkspace(subA, 'rg-ml-westeurope', 'ml-weu-01').workspaceResourceId).toMatch(/\/workspaces\/law-fleet-westeurope$/);
      expect(() => demo.monitoringWorkspace(subB, 'rg-legacy-westeurope', 'legacy-weu-01')).toThrow(/Monitoring is not enabled/);
      expect(() => demo.monitoringWorkspace(subB, 'rg-dev-eastus', 'dev-eastus-01')).toThrow(/Monitoring is not enabled/);
      demo.advanceClock(600);
      const client = new LogsQueryClient(dummyCredential, { endpoint: `${demo.baseUrl}/v1`, retryOptions: { maxRetries: 0 } });
      const table = primary(await client.queryWorkspace(eastus.customerId, 'KubeNodeInventory | distinct ClusterName | sort by ClusterName asc', { duration: 'PT10M' }));
      expect(table.rows).toEqual([['conf-eastus-01'], ['prod-eastus-01']]);
    } finally {
      await demo.close();
    }
  });
});

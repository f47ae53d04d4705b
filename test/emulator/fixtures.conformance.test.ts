import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { genericPath, structuralDifferences } from './fixtureStructure';
import type { WireJson } from './harness';
import { raw, startTestEmulator } from './harness';

interface Example {
  parameters: Record<string, WireJson>;
  responses: Record<string, { headers?: Record<string, string>; body?: WireJson }>;
}

interface Exchange {
  status: number;
  headers: Headers;
  body: WireJson;
}

interface Differences {
  general: string[];
  dictionaries: Record<string, string>;
  unreachableStatuses: Record<string, Record<string, string>>;
  fields: Record<string, Record<string, Record<string, string>>>;
}

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'containerservice');
const differences = JSON.parse(readFileSync(path.join(FIXTURES, '_differences.json'), 'utf8')) as Differences;
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json') && !f.startsWith('_'));

const CREATE_CLUSTER = JSON.parse(readFileSync(path.join(FIXTURES, 'ManagedClustersCreate_Update.json'), 'utf8')) as Example;

/** A resource body from an example response, made writable again: read-only and version fields dropped. */
function seedBody(resource: WireJson): WireJson {
  const body = structuredClone(resource);
  delete body.id;
  delete body.name;
  delete body.type;
  if (body.properties) {
    delete body.properties.kubernetesVersion;
    delete body.properties.orchestratorVersion;
    for (const pool of body.properties.agentPoolProfiles ?? []) delete pool.orchestratorVersion;
  }
  return body;
}

describe('conformance with the Azure REST examples for Microsoft.ContainerService', () => {
  let emulator: RunningAksEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  async function call(method: string, urlPath: string, apiVersion: string, body?: unknown): Promise<Exchange> {
    return raw(emulator, method, `${urlPath}?api-version=${apiVersion}`, body);
  }
  const settle = (): void => {
    emulator.advanceClock(24 * 3600);
  };

  function paths(p: Record<string, WireJson>) {
    const sub = `/subscriptions/${p['subscriptionId']}`;
    const cluster = `${sub}/resourceGroups/${p['resourceGroupName']}/providers/Microsoft.ContainerService/managedClusters/${p['resourceName']}`;
    return { sub, cluster, pool: `${cluster}/agentPools/${p['agentPoolName']}`, config: `${cluster}/maintenanceConfigurations/${p['configName']}` };
  }

  async function seedCluster(p: Record<string, WireJson>, api: string, body: WireJson = CREATE_CLUSTER.parameters['parameters']): Promise<void> {
    const created = await call('PUT', paths(p).cluster, api, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    settle();
  }

  async function seedPool(p: Record<string, WireJson>, api: string, properties: WireJson = { vmSize: 'Standard_DS1_v2', count: 3 }): Promise<void> {
    const created = await call('PUT', paths(p).pool, api, { properties });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    settle();
  }

  /** Produces, for one example, the emulator's exchange for each status code the example shows. */
  async function exercise(file: string, ex: Example): Promise<Record<string, Exchange>> {
    const p = ex.parameters;
    const api = String(p['api-version']);
    const u = paths(p);
    const body = p['parameters'];
    const out: Record<string, Exchange> = {};
    const exampleBody = (status: string): WireJson => ex.responses[status]?.body;

    if (file.startsWith('ManagedClustersCreate_')) {
      out['201'] = await call('PUT', u.cluster, api, body);
      settle();
      out['200'] = await call('PUT', u.cluster, api, body);
      return out;
    }
    if (file === 'AgentPools_Update.json') {
      await seedCluster(p, api);
      await seedPool(p, api, { ...body.properties, count: 2 });
      out['200'] = await call('PUT', u.pool, api, body);
      return out;
    }
    if (file === 'AgentPoolsCreate_Update.json' || file === 'AgentPoolsCreate_Spot.json') {
      await seedCluster(p, api);
      out['201'] = await call('PUT', u.pool, api, body);
      settle();
      out['200'] = await call('PUT', u.pool, api, body);
      return out;
    }
    if (file === 'AgentPools_Stop.json' || file === 'AgentPools_Start.json') {
      await seedCluster(p, api);
      out['201'] = await call('PUT', u.pool, api, body);
      settle();
      if (file === 'AgentPools_Start.json') {
        const { count, enableAutoScaling, minCount, maxCount } = exampleBody('200').properties;
        await call('PUT', u.pool, api, { properties: { count, enableAutoScaling, minCount, maxCount } });
        settle();
        await call('PUT', u.pool, api, { properties: { powerState: { code: 'Stopped' } } });
        settle();
      }
      out['200'] = await call('PUT', u.pool, api, body);
      return out;
    }
    switch (file) {
      case 'ManagedClustersGet.json':
        await seedCluster(p, api, seedBody(exampleBody('200')));
        out['200'] = await call('GET', u.cluster, api);
        return out;
      case 'ManagedClustersList.json':
      case 'ManagedClustersListByResourceGroup.json': {
        for (const item of exampleBody('200').value as WireJson[]) {
          const rg = /resourceGroups\/([^/]+)/i.exec(String(item.id))?.[1] ?? 'rg1';
          await seedCluster({ ...p, resourceGroupName: p['resourceGroupName'] ?? rg, resourceName: item.name }, api, seedBody(item));
        }
        const listPath = file === 'ManagedClustersList.json' ? `${u.sub}/providers/Microsoft.ContainerService/managedClusters` : `${u.sub}/resourceGroups/${p['resourceGroupName']}/providers/Microsoft.ContainerService/managedClusters`;
        out['200'] = await call('GET', listPath, api);
        return out;
      }
      case 'ManagedClustersUpdateTags.json':
        await seedCluster(p, api, seedBody(exampleBody('200')));
        out['200'] = await call('PATCH', u.cluster, api, body);
        return out;
      case 'ManagedClustersDelete.json':
        await seedCluster(p, api);
        out['202'] = await call('DELETE', u.cluster, api);
        settle();
        out['204'] = await call('DELETE', u.cluster, api);
        return out;
      case 'ManagedClustersStop.json':
        await seedCluster(p, api);
        out['202'] = await call('POST', `${u.cluster}/stop`, api);
        settle();
        out['204'] = await call('POST', `${u.cluster}/stop`, api);
        return out;
      case 'ManagedClustersStart.json':
        await seedCluster(p, api);
        out['204'] = await call('POST', `${u.cluster}/start`, api);
        await call('POST', `${u.cluster}/stop`, api);
        settle();
        out['202'] = await call('POST', `${u.cluster}/start`, api);
        return out;
      case 'ManagedClustersAbortOperation.json':
        await seedCluster(p, api);
        await call('PUT', u.cluster, api, CREATE_CLUSTER.parameters['parameters']);
        out['202'] = await call('POST', `${u.cluster}/abort`, api);
        return out;
      case 'ManagedClustersGetUpgradeProfile.json':
        // A cluster with a preview upgrade ahead and a pool one patch behind, as in the example.
        await seedCluster(p, api, { location: 'location1', properties: { kubernetesVersion: '1.37.0', agentPoolProfiles: [{ name: 'nodepool1', count: 1, vmSize: 'Standard_DS2_v2', mode: 'System', orchestratorVersion: '1.36.2' }] } });
        out['200'] = await call('GET', `${u.cluster}/upgradeProfiles/default`, api);
        return out;
      case 'ManagedClustersListClusterUserCredentials.json':
        await seedCluster(p, api);
        out['200'] = await call('POST', `${u.cluster}/listClusterUserCredential`, api);
        return out;
      case 'KubernetesVersions_List.json':
        out['200'] = await call('GET', `${u.sub}/providers/Microsoft.ContainerService/locations/${p['location']}/kubernetesVersions`, api);
        return out;
      case 'AgentPoolsGet.json':
        await seedCluster(p, api);
        await seedPool(p, api, seedBody(exampleBody('200')).properties);
        out['200'] = await call('GET', u.pool, api);
        return out;
      case 'AgentPoolsList.json':
        await seedCluster(p, api);
        for (const item of exampleBody('200').value as WireJson[]) await seedPool({ ...p, agentPoolName: item.name }, api, seedBody(item).properties);
        out['200'] = await call('GET', `${u.cluster}/agentPools`, api);
        return out;
      case 'AgentPoolsDelete.json':
        await seedCluster(p, api);
        await seedPool(p, api);
        out['202'] = await call('DELETE', u.pool, api);
        settle();
        out['204'] = await call('DELETE', u.pool, api);
        return out;
      case 'AgentPoolsGetUpgradeProfile.json':
        await seedCluster(p, api);
        await seedPool(p, api, { vmSize: 'Standard_DS1_v2', count: 1, orchestratorVersion: '1.35.5' });
        out['200'] = await call('GET', `${u.pool}/upgradeProfiles/default`, api);
        return out;
      case 'AgentPoolsGetAgentPoolAvailableVersions.json':
        await seedCluster(p, api);
        out['200'] = await call('GET', `${u.cluster}/availableAgentPoolVersions`, api);
        return out;
      case 'AgentPoolsUpgradeNodeImageVersion.json':
        await seedCluster(p, api);
        await seedPool(p, api, { vmSize: 'Standard_DS1_v2', count: 3, upgradeSettings: { maxSurge: '33%' } });
        out['202'] = await call('POST', `${u.pool}/upgradeNodeImageVersion`, api);
        return out;
      case 'AgentPoolsAbortOperation.json':
        await seedCluster(p, api);
        await seedPool(p, api);
        await call('PUT', u.pool, api, { properties: { count: 5 } });
        out['202'] = await call('POST', `${u.pool}/abort`, api);
        return out;
      case 'MaintenanceConfigurationsCreate_Update_MaintenanceWindow.json':
        await seedCluster(p, api);
        out['201'] = await call('PUT', u.config, api, body);
        out['200'] = await call('PUT', u.config, api, body);
        return out;
      case 'MaintenanceConfigurationsGet_MaintenanceWindow.json':
        await seedCluster(p, api);
        await call('PUT', u.config, api, { properties: exampleBody('200').properties });
        out['200'] = await call('GET', u.config, api);
        return out;
      case 'MaintenanceConfigurationsList_MaintenanceWindow.json':
        await seedCluster(p, api);
        for (const item of exampleBody('200').value as WireJson[]) await call('PUT', `${u.cluster}/maintenanceConfigurations/${item.name}`, api, { properties: item.properties });
        out['200'] = await call('GET', `${u.cluster}/maintenanceConfigurations`, api);
        return out;
      case 'MaintenanceConfigurationsDelete_MaintenanceWindow.json':
        await seedCluster(p, api);
        await call('PUT', u.config, api, { properties: { maintenanceWindow: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' } }, durationHours: 4, startTime: '01:00' } } });
        out['200'] = await call('DELETE', u.config, api);
        out['204'] = await call('DELETE', u.config, api);
        return out;
      default:
        throw new Error(`no scenario for ${file}`);
    }
  }

  it('has a scenario for every copied example', () => {
    expect(files.length).toBeGreaterThanOrEqual(33);
  });

  for (const file of files) {
    it(`${file}: status codes and JSON structure match`, async () => {
      emulator.reset();
      const ex = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as Example;
      const produced = await exercise(file, ex);
      for (const [status, expected] of Object.entries(ex.responses)) {
        const unreachable = differences.unreachableStatuses[file]?.[status];
        if (unreachable !== undefined) {
          expect(produced[status], `${status} is listed as unreachable`).toBeUndefined();
          continue;
        }
        const actual = produced[status];
        expect(actual, `no exchange produced for ${status}`).toBeDefined();
        expect(actual!.status, JSON.stringify(actual!.body)).toBe(Number(status));
        for (const headerName of Object.keys(expected.headers ?? {})) {
          expect(actual!.headers.get(headerName), `header ${headerName}`).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/subscriptions\/.*\/providers\/Microsoft\.ContainerService\/locations\/[^/]+\/operation(s|results)\//);
        }
        if (expected.body === undefined) continue;
        const allowed = differences.fields[file]?.[status] ?? {};
        const unexplained = structuralDifferences(expected.body, actual!.body, '', (p) => differences.dictionaries[p] !== undefined).filter((d) => allowed[genericPath(d.path)] === undefined);
        expect(unexplained.map((d) => `${status} ${d.path}: ${d.problem}`)).toEqual([]);
      }
    });
  }
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import createClient, { type Client } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { DEV_API_CLIENT_ID, startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { startTestEmulator, SUB } from '../emulator/harness';
import { fleetApiHostEnv, startLocalHost, type StartedHost } from '../support/localHost';
import type { operations, paths } from '../support/openapi/fleetplane';
import { FLEETPLANE_TYPES_FILE, typesOf } from '../support/openapi/fleetplaneTypes';
import { uniqueTablePrefix } from '../support/storage';

type FleetplaneClient = Client<paths>;
type OperationView = operations['getOperation']['responses'][200]['content']['application/json'];
type ClusterSpec = operations['putCluster']['requestBody']['content']['application/json'];

const OWNER_OID = '0c000000-0000-4000-8000-0000000000e1';
const RESOURCE_GROUP = 'rg-typed-client';
const CLUSTER = '/api/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}';
const clusterPath = (clusterName: string) => ({ path: { subscriptionId: SUB, resourceGroup: RESOURCE_GROUP, clusterName } });

const SPEC: ClusterSpec = {
  location: 'eastus',
  tags: { owner: 'platform' },
  nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 2 }],
};

/** Polls the operation (each read advances it against ARM) until it reaches a final status. */
async function completion(client: FleetplaneClient, operationId: string): Promise<OperationView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { data, error } = await client.GET('/api/operations/{operationId}', { params: { path: { operationId } } });
    if (error) throw new Error(`Polling ${operationId}: ${error.title}`);
    if (['Succeeded', 'Failed', 'Canceled'].includes(data.status)) return data;
    if (Date.now() > deadline) throw new Error(`Operation ${operationId} still ${data.status}`);
    await sleep(100);
  }
}

/** A 202 answer's operation, with the Operation-Location the API points to. */
function acceptedOperation(result: { data?: object; response: Response }): OperationView {
  expect(result.response.status).toBe(202);
  const { data } = result;
  if (!data || !('id' in data)) throw new Error(`202 without an operation: ${JSON.stringify(data)}`);
  const operation = data as OperationView;
  expect(result.response.headers.get('operation-location')).toMatch(new RegExp(`/api/operations/${operation.id}$`));
  return operation;
}

describe('a client generated from the OpenAPI document drives the API (local host, AKS emulator, Azurite)', () => {
  let dir: string;
  let emulator: RunningAksEmulator;
  let issuer: RunningDevIssuer;
  let host: StartedHost;
  let anonymous: FleetplaneClient;
  let owner: FleetplaneClient;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fleetplane-openapi-e2e-'));
    emulator = await startTestEmulator();
    issuer = await startDevIssuer({ port: 0, dir });
    host = await startLocalHost({
      env: fleetApiHostEnv({
        storageConnectionString: inject('storageConnectionString'),
        tablePrefix: uniqueTablePrefix(),
        issuerUrl: issuer.issuerUrl,
        audience: DEV_API_CLIENT_ID,
        armEndpoint: emulator.baseUrl,
        subscriptionIds: [SUB],
      }),
    });
    const token = await issuer.signToken({ audience: DEV_API_CLIENT_ID, role: 'Owner', oid: OWNER_OID });
    anonymous = createClient<paths>({ baseUrl: host.origin });
    owner = createClient<paths>({ baseUrl: host.origin, headers: { authorization: `Bearer ${token}` } });
  });
  afterAll(async () => {
    await host?.stop();
    await issuer?.close();
    await emulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is typed by the document the host serves', async () => {
    const { data, response } = await anonymous.GET('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(await typesOf(data!)).toBe(await readFile(FLEETPLANE_TYPES_FILE, 'utf8'));
  });

  it('reads health without a token and whoami with one', async () => {
    const health = await anonymous.GET('/api/health');
    expect(health.data).toEqual({ status: 'live' });
    const readiness = await anonymous.GET('/api/health/ready');
    expect(readiness.data).toEqual({ status: 'ready' });
    const details = await owner.GET('/api/health/ready');
    expect(details.data).toMatchObject({ status: 'ready', mode: 'local', checks: { storage: { status: 'ok' } } });

    const me = await owner.GET('/api/whoami');
    expect(me.data?.objectId).toBe(OWNER_OID);
    expect(me.data?.roles.map(({ role, scope }) => `${role}@${scope}`)).toContain('Owner@tenant');

    const stranger = await anonymous.GET('/api/whoami');
    expect(stranger.response.status).toBe(401);
    expect(stranger.error?.status).toBe(401);
  });

  it('creates a cluster (202, then polls its operation to Succeeded)', async () => {
    const operation = acceptedOperation(await owner.PUT(CLUSTER, { params: clusterPath('typed'), body: SPEC }));
    expect(operation).toMatchObject({ kind: 'createCluster', status: expect.stringMatching(/^(Accepted|InProgress)$/) });
    expect(await completion(owner, operation.id)).toMatchObject({ id: operation.id, status: 'Succeeded' });
  });

  it('reads the cluster back with its ETag and patches it with If-Match; a stale ETag is a typed 412', async () => {
    const read = await owner.GET(CLUSTER, { params: clusterPath('typed') });
    expect(read.data).toMatchObject({ name: 'typed', location: 'eastus', provisioningState: 'Succeeded', tags: SPEC.tags });
    const etag = read.response.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);

    const patch = { tags: { owner: 'platform', costCenter: 'cc-7' } };
    const patched = acceptedOperation(await owner.PATCH(CLUSTER, { params: clusterPath('typed'), body: patch, headers: { 'If-Match': etag! } }));
    expect((await completion(owner, patched.id)).status).toBe('Succeeded');
    expect((await owner.GET(CLUSTER, { params: clusterPath('typed') })).data?.tags).toEqual(patch.tags);

    const stale = await owner.PATCH(CLUSTER, { params: clusterPath('typed'), body: patch, headers: { 'If-Match': etag! } });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ status: 412, instance: `/api/subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/clusters/typed` });
  });

  it('lists the cluster from the inventory after a sync', async () => {
    const sync = await owner.POST('/api/clusters/sync');
    expect(sync.data?.status).toBe('succeeded');
    const page = await owner.GET('/api/clusters', { params: { query: { resourceGroup: RESOURCE_GROUP } } });
    expect(page.data?.staleSubscriptions).toEqual([]);
    expect(page.data?.value.map(({ name, tags, provisioningState }) => ({ name, tags, provisioningState }))).toEqual([
      { name: 'typed', tags: { owner: 'platform', costCenter: 'cc-7' }, provisioningState: 'Succeeded' },
    ]);
  });

  it('answers a bad request with problem+json naming every field', async () => {
    const invalid = await owner.PUT(CLUSTER, {
      params: clusterPath('invalid'),
      body: { ...SPEC, network: { subnetId: 'subnets/aks', podCidr: '10.244.0.0' } },
    });
    expect(invalid.response.status).toBe(400);
    expect(invalid.response.headers.get('content-type')).toBe('application/problem+json');
    expect(invalid.error?.errors?.map((problem) => problem.path).sort()).toEqual(['network.podCidr', 'network.subnetId']);

    const incomplete = await owner.PUT(CLUSTER, {
      params: clusterPath('invalid'),
      // @ts-expect-error -- the generated types require nodePools, as the API does.
      body: { location: 'eastus' },
    });
    expect(incomplete.response.status).toBe(400);
    expect(incomplete.error?.errors?.map((problem) => problem.path)).toEqual(['nodePools']);
  });
});

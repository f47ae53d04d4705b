import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { OperationStore } from '../../shared/features/operations/operationStore';
import { StorageAccount } from '../../shared/platform/storage/storageAccount';
import { startTestEmulator, SUB } from '../emulator/harness';
import { fourPoolSpec, WINDOWS_PASSWORD } from '../integration/clusters/clusterTestBed';
import { startLocalHost, type StartedHost } from '../support/localHost';
import { testSettings, uniqueTablePrefix } from '../support/storage';

const AUDIENCE = 'api://fleetplane-clusters-e2e';
const OWNER = '0c000000-0000-4000-8000-000000000001';
const READER = '0c000000-0000-4000-8000-000000000002';
const CLUSTERS = `subscriptions/${SUB}/resourceGroups/rg-e2e/clusters`;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** Reads every 200 ms until `done` holds (Table storage, not the API, so that nothing but the timer advances). */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('cluster lifecycle API through the local host, the AKS emulator and the real SDK', () => {
  let issuer: RunningDevIssuer;
  let emulator: RunningAksEmulator;
  let host: StartedHost;
  let owner: string;
  let reader: string;
  const tablePrefix = uniqueTablePrefix();

  const hostEnv = () => ({
    AzureWebJobsStorage: inject('storageConnectionString'),
    FLEETPLANE_TABLE_PREFIX: tablePrefix,
    FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
    FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
    FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
    FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
    FLEETPLANE_ARM_CREDENTIAL: 'emulator',
    FLEETPLANE_SUBSCRIPTION_IDS: SUB,
    FLEETPLANE_WINDOWS_ADMIN_USERNAME: 'fleetadmin',
    FLEETPLANE_WINDOWS_ADMIN_PASSWORD: WINDOWS_PASSWORD,
  });

  async function call(method: string, route: string, bearer: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const url = route.startsWith('http') ? route : `${host.origin}/api/${route}`;
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** Moves the emulator's frozen clock past the operation, then polls its Operation-Location once. */
  async function completeOperation(accepted: Answer): Promise<Answer> {
    expect(accepted.status).toBe(202);
    emulator.advanceClock(3_600);
    const operation = await call('GET', accepted.headers.get('operation-location')!, owner);
    expect(operation.status).toBe(200);
    return operation;
  }

  beforeAll(async () => {
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    emulator = await startTestEmulator({ speed: 0 });
    host = await startLocalHost({ env: hostEnv() });
    [owner, reader] = await Promise.all([
      issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: OWNER }),
      issuer.signToken({ audience: AUDIENCE, role: 'Reader', oid: READER }),
    ]);
  });
  afterAll(async () => {
    await host?.stop();
    await emulator?.close();
    await issuer?.close();
  });

  it('creates a cluster with System, Windows, GPU and confidential pools, polls it to Succeeded and shows its effective settings', async () => {
    const accepted = await call('PUT', `${CLUSTERS}/four`, owner, fourPoolSpec());
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('operation-location')).toBe(`${host.origin}/api/operations/${accepted.body.id}`);
    expect(Number(accepted.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(accepted.body).toMatchObject({ kind: 'createCluster', status: 'InProgress' });

    const operation = await completeOperation(accepted);
    expect(operation.body).toMatchObject({ id: accepted.body.id, status: 'Succeeded' });

    const cluster = await call('GET', `${CLUSTERS}/four`, owner);
    expect(cluster.status).toBe(200);
    expect(cluster.headers.get('etag')).toBeTruthy();
    expect(cluster.body).toMatchObject({
      name: 'four',
      location: 'eastus',
      tier: 'Standard',
      kubernetesRbac: true,
      network: { plugin: 'azureOverlay', policy: 'cilium', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10' },
      provisioningState: 'Succeeded',
    });
    expect(cluster.body.addons).toContain('ACCSGXDevicePlugin');
    // Never drops a field the user set: the spec is contained in the effective settings.
    const { nodePools: specPools, ...specCluster } = fourPoolSpec();
    // (A minor alias may come back resolved to its patch, as AKS resolves it.)
    expect(cluster.body).toMatchObject({ ...specCluster, kubernetesVersion: expect.stringMatching(/^1\.36(\.\d+)?$/) });
    for (const specPool of specPools) {
      expect(cluster.body.nodePools.find((pool: { name: string }) => pool.name === specPool.name)).toMatchObject(specPool);
    }
    const pools = Object.fromEntries(cluster.body.nodePools.map((pool: { name: string }) => [pool.name, pool]));
    expect(Object.keys(pools).sort()).toEqual(['conf', 'gpu', 'system', 'win']);
    expect(pools.win).toMatchObject({ osType: 'Windows', osSku: 'Windows2022' });
    expect(pools.gpu).toMatchObject({ spot: { evictionPolicy: 'Delete', maxPrice: -1 }, autoscaler: { minCount: 0, maxCount: 4 } });
    expect(pools.conf).toMatchObject({ upgradeSettings: { maxSurge: '33%', drainTimeoutMinutes: 45, soakMinutes: 5 } });
    expect(JSON.stringify([accepted.body, operation.body, cluster.body])).not.toContain(WINDOWS_PASSWORD);
    expect(host.output()).not.toContain(WINDOWS_PASSWORD);
  });

  it('answers a request breaking three guardrails with one 400 listing all three', async () => {
    const rails = { allowedLocations: ['westeurope'], requiredTags: ['owner'], allowWindows: false };
    expect((await call('PUT', 'guardrails', owner, rails)).status).toBe(200);
    emulator.resetCounters();
    const refused = await call('PUT', `${CLUSTERS}/railed`, owner, fourPoolSpec());
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors.map((error: { path: string; code: string }) => `${error.code} ${error.path}`).sort()).toEqual([
      'LocationNotAllowed location',
      'RequiredTagMissing tags.owner',
      'WindowsNotAllowed nodePools[1].osType',
    ]);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();
    const current = await call('GET', 'guardrails', reader);
    expect(current.body).toEqual(rails);
    expect((await call('PUT', 'guardrails', owner, {}, { 'if-match': current.headers.get('etag')! })).status).toBe(200);
  });

  it('a dry run validates and answers the effective settings without creating anything', async () => {
    emulator.resetCounters();
    const dryRun = await call('PUT', `${CLUSTERS}/dry?dryRun=true`, owner, fourPoolSpec());
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.valid).toBe(true);
    expect(dryRun.body.effectiveSettings.nodePools).toHaveLength(4);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();
    expect((await call('GET', `${CLUSTERS}/dry`, owner)).status).toBe(404);
  });

  it('refuses a stale If-Match with 412 and accepts the current ETag', async () => {
    const current = await call('GET', `${CLUSTERS}/four`, owner);
    const etag = current.headers.get('etag')!;
    const patch = { tags: { costCenter: 'cc-7', env: 'test' } };
    expect((await call('PATCH', `${CLUSTERS}/four`, owner, patch, { 'if-match': '"stale-etag"' })).status).toBe(412);
    const accepted = await call('PATCH', `${CLUSTERS}/four`, owner, patch, { 'if-match': etag });
    expect((await completeOperation(accepted)).body.status).toBe('Succeeded');
    expect((await call('PATCH', `${CLUSTERS}/four`, owner, patch, { 'if-match': etag })).status).toBe(412);
    expect((await call('GET', `${CLUSTERS}/four`, owner)).body.tags).toEqual(patch.tags);
  });

  it('a repeated Idempotency-Key gets the same answer from one ARM PUT; another body with the key is 422', async () => {
    emulator.resetCounters();
    const headers = { 'idempotency-key': 'e2e-create-idem' };
    const first = await call('PUT', `${CLUSTERS}/idem`, owner, fourPoolSpec(), headers);
    const second = await call('PUT', `${CLUSTERS}/idem`, owner, fourPoolSpec(), headers);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers.get('operation-location')).toBe(first.headers.get('operation-location'));
    expect(second.body).toEqual(first.body);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
    const malformed = await call('PUT', `${CLUSTERS}/idem`, owner, fourPoolSpec(), { 'idempotency-key': 'not a valid key!' });
    expect(malformed.status).toBe(400);
    const other = await call('PUT', `${CLUSTERS}/idem`, owner, fourPoolSpec({ tier: 'Free' }), headers);
    expect(other.status).toBe(422);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
    await completeOperation(first);
  });

  it('manages node pools and power state through the API', async () => {
    const added = await call('PUT', `${CLUSTERS}/four/nodePools/batch`, owner, { vmSize: 'Standard_D2s_v5', count: 2 });
    expect((await completeOperation(added)).body.status).toBe('Succeeded');
    const listed = await call('GET', `${CLUSTERS}/four/nodePools`, reader);
    expect(listed.body.value.map((pool: { name: string }) => pool.name)).toContain('batch');
    const pool = await call('GET', `${CLUSTERS}/four/nodePools/batch`, reader);
    const patched = await call('PATCH', `${CLUSTERS}/four/nodePools/batch`, owner, { count: 3 }, { 'if-match': pool.headers.get('etag')! });
    expect((await completeOperation(patched)).body.status).toBe('Succeeded');
    expect((await call('GET', `${CLUSTERS}/four/nodePools/batch`, reader)).body.count).toBe(3);
    expect((await completeOperation(await call('DELETE', `${CLUSTERS}/four/nodePools/batch`, owner))).body.status).toBe('Succeeded');
    expect((await call('GET', `${CLUSTERS}/four/nodePools/batch`, reader)).status).toBe(404);

    expect((await completeOperation(await call('POST', `${CLUSTERS}/four/stop`, owner))).body.status).toBe('Succeeded');
    expect((await call('GET', `${CLUSTERS}/four`, reader)).body.powerState).toBe('Stopped');
    expect((await completeOperation(await call('POST', `${CLUSTERS}/four/start`, owner))).body.status).toBe('Succeeded');

    const profile = await call('GET', `${CLUSTERS}/four/upgradeProfile`, reader);
    expect(profile.body.controlPlane.kubernetesVersion).toMatch(/^1\.36\./);
    const versions = await call('GET', 'locations/eastus/kubernetesVersions', reader);
    expect(versions.body).toMatchObject({ location: 'eastus', subscriptionId: SUB });
    expect(versions.body.values.length).toBeGreaterThan(3);
  });

  it('a Reader attempting any write gets 403 and no request reaches the emulator', async () => {
    emulator.resetCounters();
    const writes: [string, string, unknown?][] = [
      ['PUT', `${CLUSTERS}/four`, fourPoolSpec()],
      ['PUT', `${CLUSTERS}/readers?dryRun=true`, fourPoolSpec()],
      ['PATCH', `${CLUSTERS}/four`, { tags: { a: 'b' } }],
      ['DELETE', `${CLUSTERS}/four`],
      ['POST', `${CLUSTERS}/four/stop`],
      ['POST', `${CLUSTERS}/four/start`],
      ['PUT', `${CLUSTERS}/four/nodePools/extra`, { vmSize: 'Standard_D2s_v5' }],
      ['PATCH', `${CLUSTERS}/four/nodePools/system`, { count: 5 }],
      ['DELETE', `${CLUSTERS}/four/nodePools/conf`],
      ['PUT', 'guardrails', {}],
    ];
    for (const [method, route, body] of writes) {
      const answer = await call(method, route, reader, body);
      expect({ method, route, status: answer.status }).toEqual({ method, route, status: 403 });
    }
    expect(emulator.counters()).toEqual({});
  });

  it('ARM errors keep AKS\'s code; ARM throttling becomes 503 with Retry-After', async () => {
    // An unknown VM size no longer reaches ARM (the preflight refuses it); ARM's own refusal is injected.
    emulator.injectFault({ kind: 'error', operation: 'managedClusters.createOrUpdate', status: 400, code: 'SubnetIsFull', message: 'The subnet has no free addresses.', remaining: 1 });
    const rejected = await call('PUT', `${CLUSTERS}/badsize`, owner, fourPoolSpec());
    expect(rejected.status).toBe(400);
    expect(rejected.body.code).toBe('SubnetIsFull');
    emulator.injectFault({ kind: 'throttle', operation: 'managedClusters.get', retryAfterSeconds: 1, remaining: 10 });
    const throttled = await call('GET', `${CLUSTERS}/four`, reader);
    emulator.clearFaults();
    expect(throttled.status).toBe(503);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('after the host is killed mid-operation, the new host adopts it from its queue message: it completes once, is reported once, with one ARM PUT', { timeout: 60_000 }, async () => {
    emulator.resetCounters();
    const accepted = await call('PUT', `${CLUSTERS}/crash`, owner, fourPoolSpec());
    expect(accepted.status).toBe(202);
    const operationUrl = accepted.headers.get('operation-location')!;
    host.child.process.kill('SIGKILL');
    await new Promise((resolve) => host.child.process.once('exit', resolve));

    emulator.advanceClock(3_600);
    host = await startLocalHost({ env: hostEnv() });
    // Nobody polls: the operation's delayed queue message reaches the new host, which checks it until it ends.
    const operations = new OperationStore(new StorageAccount(testSettings({ FLEETPLANE_TABLE_PREFIX: tablePrefix })).tableClient(`${tablePrefix}operations`));
    const swept = await pollUntil(() => operations.get(accepted.body.id), (stored) => stored?.value.status === 'Succeeded', 25_000);
    expect(swept?.value.completedAt).toBeDefined();
    const operationPath = new URL(operationUrl).pathname.replace(/^\/api\//, '');
    const done = await call('GET', operationPath, owner);
    expect(done.body).toMatchObject({ id: accepted.body.id, status: 'Succeeded' });
    const again = await call('GET', operationPath, owner);
    expect(again.body.completedAt).toBe(done.body.completedAt);
    expect(done.body.completedAt).toBe(swept?.value.completedAt);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
    expect((await call('GET', `${CLUSTERS}/crash`, reader)).body.provisioningState).toBe('Succeeded');
    const reports = host.output().split('\n').filter((line) => line.includes('Operation finished') && line.includes(accepted.body.id));
    expect(reports).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { API_VERSION, SUB, basicCluster, clusterPath, eventually, raw, startTestEmulator, withApi } from './harness';

describe('ARM wire behaviour (raw HTTPS)', () => {
  let emulator: RunningAksEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('requires a bearer token on ARM and admin routes, but not on health', async () => {
    const res = await fetch(`${emulator.listenUrl}${withApi(clusterPath('rg', 'x'))}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AuthenticationFailed');
    expect((await fetch(`${emulator.listenUrl}/_emulator/counters`)).status).toBe(401);
    expect((await fetch(`${emulator.listenUrl}/_emulator/health`)).status).toBe(200);
  });

  it('checks api-version against the supported list', async () => {
    const missing = await raw(emulator, 'GET', clusterPath('rg', 'x'));
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('MissingApiVersionParameter');
    const invalid = await raw(emulator, 'GET', withApi(clusterPath('rg', 'x'), '2019-01-01'));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('InvalidApiVersionParameter');
    expect(invalid.body.error.message).toMatch(/^The api-version '2019-01-01' is invalid\. The supported versions are '.*2026-06-01/);
  });

  it('sends ARM headers on every response', async () => {
    const res = await raw(emulator, 'GET', withApi(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`), undefined, { 'x-ms-correlation-request-id': 'corr-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-ms-correlation-request-id')).toBe('corr-1');
    expect(Number(res.headers.get('x-ms-ratelimit-remaining-subscription-reads'))).toBeGreaterThan(0);
  });

  it('runs a create LRO: 201 Creating + Azure-AsyncOperation, then operation status and final GET', async () => {
    const body = basicCluster({
      windowsProfile: { adminUsername: 'azureuser', adminPassword: 'S3cret-Password!' },
      servicePrincipalProfile: { clientId: 'abc', secret: 'sp-secret' },
    });
    const put = await raw(emulator, 'PUT', withApi(clusterPath('rg-wire', 'w1')), body);
    expect(put.status).toBe(201);
    expect(put.body.properties.provisioningState).toBe('Creating');
    expect(put.body.properties.agentPoolProfiles[0].provisioningState).toBe('Creating');
    expect(JSON.stringify(put.body)).not.toMatch(/S3cret|sp-secret|adminPassword/);
    const asyncUrl = put.headers.get('azure-asyncoperation') ?? '';
    expect(asyncUrl).toMatch(new RegExp(`^${emulator.baseUrl}/subscriptions/${SUB}/providers/Microsoft.ContainerService/locations/eastus/operations/[0-9a-f-]{36}\\?api-version=${API_VERSION}$`));
    expect(put.headers.get('retry-after')).toBeNull();

    const running = await raw(emulator, 'GET', asyncUrl);
    expect(running.body).toMatchObject({ status: 'InProgress', name: expect.any(String), startTime: expect.any(String) });

    const second = await raw(emulator, 'PUT', withApi(clusterPath('RG-WIRE', 'w1')), body);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('OperationNotAllowed');
    expect(second.body.error.message).toMatch(/^Operation is not allowed because there's an in progress create managed cluster operation \(operation ID: [0-9a-f-]{36}\) on the managed cluster started on UTC .*Please wait for it to finish before starting a new operation\./);

    emulator.advanceClock(600);
    const done = await raw(emulator, 'GET', asyncUrl);
    expect(done.body).toMatchObject({ status: 'Succeeded', endTime: expect.any(String) });
    const got = await raw(emulator, 'GET', withApi(clusterPath('rg-wire', 'w1')));
    expect(got.body.properties.provisioningState).toBe('Succeeded');
    expect(got.body.properties.windowsProfile).toEqual({ adminUsername: 'azureuser' });
    expect(got.body.properties.servicePrincipalProfile).toEqual({ clientId: 'abc' });
    expect(got.body.identity.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.body.properties.agentPoolProfiles[0].nodeImageVersion).toMatch(/^AKSUbuntu-2204gen2containerd-/);
  });

  it('matches path segments case-insensitively and tolerates a leading // and api%2Dversion', async () => {
    const lower = await raw(emulator, 'GET', `/SUBSCRIPTIONS/${SUB}/resourcegroups/rg-wire/providers/microsoft.containerservice/MANAGEDCLUSTERS/w1?api%2Dversion=${API_VERSION}`);
    expect(lower.status).toBe(200);
    expect(lower.body.name).toBe('w1');
    const doubled = await raw(emulator, 'GET', `/${withApi(clusterPath('rg-wire', 'w1'))}`);
    expect(doubled.status).toBe(200);
    const pools = await raw(emulator, 'GET', withApi(`${clusterPath('rg-wire', 'w1')}/agentpools`));
    expect(pools.body.value[0].type).toBe('Microsoft.ContainerService/managedClusters/agentPools');
  });

  it('answers DELETE with 202 + Location + Azure-AsyncOperation, operationresults 202 then 204, and 204 when absent', async () => {
    const del = await raw(emulator, 'DELETE', withApi(clusterPath('rg-wire', 'w1')));
    expect(del.status).toBe(202);
    const location = del.headers.get('location') ?? '';
    expect(location).toMatch(/\/operationresults\/[0-9a-f-]{36}\?api-version=/);
    expect(del.headers.get('azure-asyncoperation')).toMatch(/\/operations\//);
    expect((await raw(emulator, 'GET', location)).status).toBe(202);
    expect((await raw(emulator, 'GET', withApi(clusterPath('rg-wire', 'w1')))).body.properties.provisioningState).toBe('Deleting');
    emulator.advanceClock(600);
    expect((await raw(emulator, 'GET', location)).status).toBe(204);
    expect((await raw(emulator, 'GET', withApi(clusterPath('rg-wire', 'w1')))).status).toBe(404);
    expect((await raw(emulator, 'DELETE', withApi(clusterPath('rg-wire', 'w1')))).status).toBe(204);
  });

  it('pages lists with an absolute nextLink built from the public base URL', async () => {
    const paged = await startTestEmulator({ pageSize: 7 });
    try {
      for (let i = 0; i < 17; i += 1) {
        const res = await raw(paged, 'PUT', withApi(clusterPath('rg-page', `p${i}`)), basicCluster());
        expect(res.status).toBe(201);
      }
      const names: string[] = [];
      let next: string | undefined = `${paged.baseUrl}${withApi(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`)}`;
      let pages = 0;
      while (next) {
        const page = await raw(paged, 'GET', next);
        names.push(...(page.body.value as { name: string }[]).map((c) => c.name));
        next = page.body.nextLink;
        if (next) expect(next.startsWith(`${paged.baseUrl}/subscriptions/`)).toBe(true);
        pages += 1;
      }
      expect(pages).toBe(3);
      expect(names).toHaveLength(17);
    } finally {
      await paged.close();
    }
  });

  it('uses the configured public base URL and Retry-After in LRO headers', async () => {
    const custom = await startTestEmulator({ publicBaseUrl: 'https://aks.emulator.test:9443', retryAfterSeconds: 3 });
    try {
      const put = await raw(custom, 'PUT', withApi(clusterPath('rg', 'c')), basicCluster());
      expect(put.headers.get('azure-asyncoperation')).toMatch(/^https:\/\/aks\.emulator\.test:9443\/subscriptions\//);
      expect(put.headers.get('retry-after')).toBe('3');
      expect(custom.baseUrl).toBe('https://aks.emulator.test:9443');
    } finally {
      await custom.close();
    }
  });

  it('reaches terminal states on the virtual clock only (speed 0)', async () => {
    await raw(emulator, 'PUT', withApi(clusterPath('rg-clock', 'k1')), basicCluster());
    emulator.advanceClock(10);
    expect((await raw(emulator, 'GET', withApi(clusterPath('rg-clock', 'k1')))).body.properties.provisioningState).toBe('Creating');
    emulator.advanceClock(3600);
    await eventually(
      () => raw(emulator, 'GET', withApi(clusterPath('rg-clock', 'k1'))),
      (r) => r.body.properties.provisioningState === 'Succeeded',
    );
  });
});

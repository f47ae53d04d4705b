import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { expectArmError, fast, raw, sdkClient, startTestEmulator } from './harness';

const body = {
  location: 'eastus',
  dnsPrefix: 'cc',
  kubernetesVersion: '1.36.1',
  agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D2s_v5', count: 1 }],
};

describe('concurrency, faults and counters', () => {
  let emulator: RunningAksEmulator;
  let client: ContainerServiceClient;
  const rg = 'rg-cc';

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = sdkClient(emulator);
    await client.managedClusters.createOrUpdate(rg, 'cc1', body, fast);
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.setClockSpeed(1_000_000);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('accepts exactly one of two concurrent mutating calls on a cluster and answers the other 409', async () => {
    emulator.setClockSpeed(0);
    const results = await Promise.allSettled([
      client.agentPools.createOrUpdate(rg, 'cc1', 'user1', { vmSize: 'Standard_D2s_v5', count: 1 }, fast).submitted(),
      client.managedClusters.createOrUpdate(rg, 'cc1', { ...body, kubernetesVersion: '1.36.2' }, fast).submitted(),
    ]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
    expect(String((rejected[0]?.reason as Error).message)).toMatch(/^Operation is not allowed because there's an in progress .* operation \(operation ID: /);
    emulator.setClockSpeed(1_000_000);
    await expect.poll(async () => (await client.managedClusters.get(rg, 'cc1')).provisioningState).toBe('Succeeded');
  });

  it('injects 429 with Retry-After, which the SDK retries transparently', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'managedClusters.get', remaining: 1, retryAfterSeconds: 0 });
    emulator.resetCounters();
    const retrying = sdkClient(emulator, undefined, 3);
    const got = await retrying.managedClusters.get(rg, 'cc1');
    expect(got.name).toBe('cc1');
    expect(emulator.counters()['managedClusters.get']).toBe(2);
    emulator.injectFault({ kind: 'throttle', operation: 'managedClusters.get', remaining: 1, retryAfterSeconds: 7 });
    const res = await raw(emulator, 'GET', `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/cc1?api-version=2026-06-01`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.body.error.code).toBe('TooManyRequests');
  });

  it('injects 5xx errors and latency', async () => {
    emulator.injectFault({ kind: 'error', operation: 'managedClusters.get', status: 503, remaining: 1 });
    await expectArmError(client.managedClusters.get(rg, 'cc1'), 503, 'ServiceUnavailable', /injected fault/);
    emulator.injectFault({ kind: 'error', operation: '*', status: 500, code: 'InternalServerError', message: 'boom', remaining: 1 });
    await expectArmError(client.agentPools.list(rg, 'cc1').next(), 500, 'InternalServerError', /statusCode 500/);
    emulator.injectFault({ kind: 'latency', operation: 'managedClusters.get', latencyMs: 150, remaining: 1 });
    const started = Date.now();
    await client.managedClusters.get(rg, 'cc1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('makes an LRO fail with a given code: provisioningState Failed with status.provisioningError', async () => {
    emulator.injectFault({ kind: 'lroFailure', operation: 'agentPools.createOrUpdate', code: 'AllocationFailed', message: 'Allocation failed. We do not have sufficient capacity.', remaining: 1 });
    await expect(client.agentPools.createOrUpdate(rg, 'cc1', 'fail1', { vmSize: 'Standard_D2s_v5', count: 1 }, fast)).rejects.toThrow(
      /The long-running operation has failed\. AllocationFailed\. Allocation failed\. We do not have sufficient capacity\./,
    );
    const pool = await client.agentPools.get(rg, 'cc1', 'fail1');
    expect(pool.provisioningState).toBe('Failed');
    const wire = await raw(emulator, 'GET', `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/cc1/agentPools/fail1?api-version=2026-06-01`);
    expect(wire.body.properties.status.provisioningError).toEqual({ code: 'AllocationFailed', message: 'Allocation failed. We do not have sufficient capacity.' });
    // Any PUT recovers a failed pool.
    const recovered = await client.agentPools.createOrUpdate(rg, 'cc1', 'fail1', { vmSize: 'Standard_D2s_v5', count: 1 }, fast);
    expect(recovered.provisioningState).toBe('Succeeded');
  });

  it('counts requests by operation name, reachable over the admin API', async () => {
    await raw(emulator, 'POST', '/_emulator/counters/reset');
    for await (const _ of client.managedClusters.list()) void _;
    await client.managedClusters.get(rg, 'cc1');
    await client.managedClusters.get(rg, 'cc1');
    const counters = await raw(emulator, 'GET', '/_emulator/counters');
    expect(counters.body).toEqual({ 'managedClusters.get': 2, 'managedClusters.list': 1 });
  });
});

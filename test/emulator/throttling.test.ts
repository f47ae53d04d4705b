import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { clusterPath, raw, sdkClient, startTestEmulator, SUB, withApi } from './harness';

const OTHER_SUB = '11111111-1111-1111-1111-111111111111';
const list = (sub = SUB) => withApi(`/subscriptions/${sub}/providers/Microsoft.ContainerService/managedClusters`);

describe('ARM subscription throttling in the emulator (token buckets, off by default)', () => {
  let emulator: RunningAksEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator?.close());
  afterEach(() => emulator.reset());

  it('is off by default: hundreds of reads are served, each with the remaining-token headers of ARM', async () => {
    expect(emulator.throttling()).toMatchObject({ enabled: false, reads: { bucket: 250, refillPerSecond: 25 }, writes: { bucket: 200, refillPerSecond: 10 } });
    const answers = await Promise.all(Array.from({ length: 300 }, () => raw(emulator, 'GET', list())));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const first = await raw(emulator, 'GET', list(OTHER_SUB));
    expect(first.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('249');
    expect(first.headers.get('x-ms-ratelimit-remaining-subscription-global-reads')).toBe(String(250 * 15 - 1));
  });

  it('when enabled, answers 429 SubscriptionRequestsThrottled + Retry-After once a bucket is empty, per subscription and kind', async () => {
    const admin = await raw(emulator, 'PUT', '/_emulator/throttling', { enabled: true, reads: { bucket: 5, refillPerSecond: 0.5 } });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ enabled: true, reads: { bucket: 5, refillPerSecond: 0.5 } });

    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await raw(emulator, 'GET', list()));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(answers.slice(0, 5).map((answer) => answer.headers.get('x-ms-ratelimit-remaining-subscription-reads'))).toEqual(['4', '3', '2', '1', '0']);
    const throttled = answers[5]!;
    expect(throttled.body.error.code).toBe('SubscriptionRequestsThrottled');
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(emulator.counters()['arm.throttled']).toBe(2);

    // Another subscription and another kind have buckets of their own.
    expect((await raw(emulator, 'GET', list(OTHER_SUB))).status).toBe(200);
    const write = await raw(emulator, 'PUT', withApi(clusterPath('rg', 'c-throttle')), { location: 'eastus', properties: { dnsPrefix: 'c', agentPoolProfiles: [{ name: 'sys', mode: 'System', count: 1, vmSize: 'Standard_D2s_v5' }] } });
    expect(write.status).not.toBe(429);
    expect(write.headers.get('x-ms-ratelimit-remaining-subscription-writes')).toBe('199');
  });

  it('throttles the real SDK client too: its error carries 429 and the code', async () => {
    emulator.setThrottling({ enabled: true, reads: { bucket: 1, refillPerSecond: 0.1 } });
    const client = sdkClient(emulator);
    await client.managedClusters.listKubernetesVersions('eastus');
    await expect(client.managedClusters.listKubernetesVersions('eastus')).rejects.toMatchObject({ statusCode: 429, code: 'SubscriptionRequestsThrottled' });
  });

  it('refuses nonsense settings', async () => {
    expect((await raw(emulator, 'PUT', '/_emulator/throttling', { reads: { bucket: 0 } })).status).toBe(400);
    expect((await raw(emulator, 'PUT', '/_emulator/throttling', { writes: { refillPerSecond: -1 } })).status).toBe(400);
  });
});

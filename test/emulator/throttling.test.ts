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

describe("AKS's agent-pool write bucket (on by default, virtual clock)", () => {
  let emulator: RunningAksEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
  });
  afterAll(() => emulator?.close());
  afterEach(() => emulator.reset());

  const poolPath = (cluster: string, pool: string) => withApi(`${clusterPath('rg', cluster)}/agentPools/${pool}`);
  const userPool = { properties: { mode: 'User', count: 1, vmSize: 'Standard_D2s_v5' } };

  /** Clusters whose operations have ended (AKS takes one operation per cluster at a time: 409 otherwise). */
  async function createClusters(...names: string[]): Promise<void> {
    for (const name of names) {
      const created = await raw(emulator, 'PUT', withApi(clusterPath('rg', name)), { location: 'eastus', properties: { dnsPrefix: name, agentPoolProfiles: [{ name: 'sys', mode: 'System', count: 1, vmSize: 'Standard_D2s_v5' }] } });
      expect(created.status).toBeLessThan(300);
    }
    emulator.advanceClock(3_600);
  }

  it('takes a burst of 20 pool PUTs per subscription, then one per virtual minute, with 429 TooManyRequestsReceived + Retry-After', async () => {
    expect(emulator.throttling().agentPoolWrites).toEqual({ enabled: true, bucket: 20, refillPerSecond: 1 / 60 });
    const clusters = Array.from({ length: 22 }, (_, i) => `c-pools-${i}`);
    await createClusters(...clusters);
    const statuses: number[] = [];
    for (const cluster of clusters.slice(0, 20)) statuses.push((await raw(emulator, 'PUT', poolPath(cluster, 'user'), userPool)).status);
    expect(statuses.every((status) => status < 300)).toBe(true);
    const throttled = await raw(emulator, 'PUT', poolPath(clusters[20]!, 'user'), userPool);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('TooManyRequestsReceived');
    expect(throttled.headers.get('retry-after')).toBe('60');
    expect(emulator.counters()['agentPools.throttled']).toBeGreaterThanOrEqual(1);

    // Other subscriptions and other writes are unaffected; a virtual minute brings one token back.
    expect((await raw(emulator, 'PUT', withApi(clusterPath('rg', 'c-other')), { location: 'eastus', properties: { dnsPrefix: 'o', agentPoolProfiles: [{ name: 'sys', mode: 'System', count: 1, vmSize: 'Standard_D2s_v5' }] } })).status).toBeLessThan(300);
    emulator.advanceClock(60);
    expect((await raw(emulator, 'PUT', poolPath(clusters[20]!, 'user'), userPool)).status).toBeLessThan(300);
    expect((await raw(emulator, 'PUT', poolPath(clusters[21]!, 'user'), userPool)).status).toBe(429);
  });

  it('can be turned off or resized through the admin API, and reset turns it back on', async () => {
    await createClusters('c-admin-a', 'c-admin-b');
    const admin = await raw(emulator, 'PUT', '/_emulator/throttling', { agentPoolWrites: { bucket: 1 } });
    expect(admin.body.agentPoolWrites).toEqual({ enabled: true, bucket: 1, refillPerSecond: 1 / 60 });
    expect((await raw(emulator, 'PUT', poolPath('c-admin-a', 'user'), userPool)).status).toBeLessThan(300);
    expect((await raw(emulator, 'PUT', poolPath('c-admin-b', 'user'), userPool)).status).toBe(429);
    emulator.setThrottling({ agentPoolWrites: { enabled: false, bucket: 1, refillPerSecond: 1 / 60 } });
    expect((await raw(emulator, 'PUT', poolPath('c-admin-b', 'user'), userPool)).status).toBeLessThan(300);
    expect((await raw(emulator, 'PUT', '/_emulator/throttling', { agentPoolWrites: { bucket: 0 } })).status).toBe(400);
    emulator.reset();
    expect(emulator.throttling().agentPoolWrites.enabled).toBe(true);
  });
});

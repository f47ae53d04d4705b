import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import type { WireJson } from './harness';
import { SUB, basicCluster, clusterPath, raw, startTestEmulator, withApi } from './harness';

/**
 * The workload simulation closes the autoscale loop: a spike makes pods pending and the pool's nodes hot, Log
 * Analytics shows the pending pods, and once the pool's count rises the pending pods schedule and it settles.
 */
const T0 = Date.parse('2026-11-27T00:00:00Z');
const RG = 'rg-loop';
const NAME = 'loop';

describe('the emulator closes the autoscale loop', () => {
  let emulator: RunningAksEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: T0, seed: 7 });
    const spec = basicCluster({}, { vmSize: 'Standard_D4s_v5', count: 1 });
    spec.properties.agentPoolProfiles.push({ name: 'user', mode: 'User', osType: 'Linux', vmSize: 'Standard_D4s_v5', count: 2 });
    expect((await raw(emulator, 'PUT', withApi(clusterPath(RG, NAME)), spec)).status).toBe(201);
    emulator.advanceClock(600);
    // Spikes of 3x load for the first 10 minutes of every hour; the HPA of "web" follows with up to 12 replicas.
    emulator.workload.set(SUB, RG, NAME, {
      profile: { kind: 'spike', intensity: 1, spikeEveryMinutes: 60, spikeMinutes: 10, spikeMultiplier: 3 },
      deployments: [{ namespace: 'shop', name: 'web', replicas: 4, maxReplicas: 12, cpuRequestMillicores: 1000, memoryRequestBytes: 1024 ** 3, cpuUtilisation: 0.6, nodeSelector: { os: 'linux', pool: 'user' } }],
    });
  });
  afterAll(() => emulator?.close());

  const snapshot = () => emulator.workload.snapshot(SUB, RG, NAME);
  const userNodes = () => snapshot().nodes.filter((node) => node.pool === 'user');
  const cpuPercent = () => {
    const nodes = userNodes().filter((node) => node.ready);
    return (100 * nodes.reduce((sum, n) => sum + n.usage.cpuMillicores, 0)) / nodes.reduce((sum, n) => sum + n.allocatable.cpuMillicores, 0);
  };

  it('before the spike, everything runs and the user pool is moderately busy', () => {
    emulator.advanceClock(3_600 - ((emulator.workload.snapshot(SUB, RG, NAME).atMs / 1000) % 3_600) + 15 * 60); // minute 15 of an hour
    expect(snapshot().pendingPods).toBe(0);
    expect(cpuPercent()).toBeLessThan(70);
  });

  it('in a spike, pods wait (also in KubePodInventory) and the user nodes run hot', () => {
    emulator.advanceClock(3_600 - 15 * 60 + 60); // minute 1 of the next hour: in the spike
    const during = snapshot();
    expect(during.load).toBe(3);
    expect(during.pendingPods).toBeGreaterThan(0);
    expect(cpuPercent()).toBeGreaterThan(80);
    const now = during.atMs;
    const rows = emulator.workload.tableRows(SUB, RG, NAME, 'KubePodInventory', { from: now - 60_000, to: now + 1 }).rows as WireJson[];
    const pending = new Set(rows.filter((row) => row.PodStatus === 'Pending').map((row) => row.PodUid));
    expect(pending.size).toBe(during.pendingPods);
  });

  it('when the pool grows, the pending pods schedule onto the new nodes and the simulation settles', async () => {
      const before = snapshot().pendingPods;
    const hotBefore = cpuPercent();
    const pool = { properties: { mode: 'User', osType: 'Linux', vmSize: 'Standard_D4s_v5', count: 2 + Math.ceil(before / 3) + 1 } };
    expect((await raw(emulator, 'PUT', withApi(`${clusterPath(RG, NAME)}/agentPools/user`), pool)).status).toBeLessThan(300);
    emulator.advanceClock(300);
    const after = snapshot();
    expect(after.load).toBe(3);
    expect(after.pendingPods).toBe(0);
    expect(userNodes().filter((node) => node.ready)).toHaveLength(pool.properties.count);
    expect(cpuPercent()).toBeLessThan(hotBefore);
    emulator.advanceClock(60);
    expect(snapshot().pendingPods).toBe(0);
  });
});

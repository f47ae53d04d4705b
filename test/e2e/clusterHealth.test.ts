import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../emulator/harness';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import type { StartedHost } from '../support/localHost';

const AUDIENCE = 'api://fleetplane-health-e2e';
const OWNER = '0e000000-0000-4000-8000-000000000001';
const RESOURCE_GROUP = 'rg-health';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-health-e2e`;
const HEALTH = `subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/clusters/shop/health`;
const MINUTE = 60_000;
const SPIKE_EVERY_MINUTES = 120;
const GIB = 1024 ** 3;

/**
 * The web deployment on two Standard_D4s_v5 nodes (3860 m allocatable each): 3 replicas of 1000 m at nominal load fit
 * on one node; a spike (×3) makes the HPA want 9, so 6 run at 1200 m each (93 % CPU) and 3 are pending. With four
 * nodes all 9 run and the pool's average CPU is 70 %.
 */
const SPIKY_WORKLOAD = {
  profile: { kind: 'spike', intensity: 1, spikeMultiplier: 3, spikeEveryMinutes: SPIKE_EVERY_MINUTES, spikeMinutes: 60 },
  deployments: [
    { namespace: 'shop', name: 'web', replicas: 3, maxReplicas: 12, cpuRequestMillicores: 1000, memoryRequestBytes: GIB / 2, cpuUtilisation: 0.4, memoryUtilisation: 0.5 },
  ],
};

interface Answer {
  status: number;
  body: any;
}

/**
 * Health through the local host with real dev-issuer tokens; the emulator serves ARM, Azure Monitor metrics and Log
 * Analytics. Its clock is frozen and set hours in the past, so every window is given with `until`.
 */
describe('cluster and fleet health through the local host', () => {
  let stack: FleetStack;
  let emulator: RunningAksEmulator;
  let host: StartedHost;
  let owner: string;

  async function call(route: string, method = 'GET'): Promise<Answer> {
    const response = await fetch(`${host.origin}/api/${route}`, { method, headers: { authorization: `Bearer ${owner}` } });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  const virtualNow = () => Date.parse(emulator.now());
  const at = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
  const advanceTo = (ms: number) => emulator.advanceClock(Math.max(0, (ms - virtualNow()) / 1000));
  const nextSpikeAfter = (ms: number) => Math.ceil(ms / (SPIKE_EVERY_MINUTES * MINUTE)) * SPIKE_EVERY_MINUTES * MINUTE;
  const counted = () => emulator.counters();

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      emulator: { speed: 0, clockStart: Date.now() - 12 * 3_600_000 },
      monitoring: true,
      prepare: async (emulator) => {
        expect((await raw(emulator, 'PUT', `${WORKSPACE}?api-version=2023-09-01`, { location: 'eastus', properties: {} })).status).toBe(201);
        const monitoring = { addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } } } };
        const created = await raw(emulator, 'PUT', withApi(clusterPath(RESOURCE_GROUP, 'shop')), basicCluster({ ...monitoring, dnsPrefix: 'shop' }, { vmSize: 'Standard_D4s_v5', count: 2 }));
        expect(created.status).toBeLessThan(300);
        emulator.advanceClock(30 * 60);
        emulator.workload.set(SUB, RESOURCE_GROUP, 'shop', SPIKY_WORKLOAD);
      },
    });
    ({ emulator, host } = stack);
    owner = await stack.token({ role: 'Owner', oid: OWNER });
  }, 120_000);

  afterAll(() => stack?.stop());

  it('a spike turns the cluster Degraded with the reasons; after the pool is scaled up it is Healthy again', async () => {
    const spike = nextSpikeAfter(virtualNow() + 20 * MINUTE);
    advanceTo(spike - MINUTE);
    const calm = await call(`${HEALTH}?until=${at(spike - MINUTE)}`);
    expect(calm.status).toBe(200);
    expect(calm.body).toMatchObject({ status: 'Healthy', reasons: [], monitoring: 'enabled', pods: { pending: 0, failed: 0, restartingContainers: 0 } });
    expect(calm.body.nodePools).toMatchObject([{ name: 'system', nodeCount: 2, readyNodes: 2 }]);

    advanceTo(spike + 20 * MINUTE);
    const spiking = await call(`${HEALTH}?until=${at(spike + 20 * MINUTE)}`);
    expect(spiking.status).toBe(200);
    expect(spiking.body.status).toBe('Degraded');
    expect(spiking.body.reasons.map((reason: { code: string }) => reason.code).sort()).toEqual(['CpuPressure', 'PodsPending']);
    expect(spiking.body.reasons.find((reason: { code: string }) => reason.code === 'CpuPressure')).toMatchObject({ pool: 'system', status: 'Degraded' });
    expect(spiking.body.pods.pending).toBe(3);
    expect(spiking.body.nodePools[0].cpuPercent.average).toBeCloseTo((100 * 3 * 1200) / 3860, 0);
    expect(spiking.body.warningEvents).toEqual([]); // the pods turned Pending when the spike began, before this window
    const sinceSpikeBegan = await call(`${HEALTH}?until=${at(spike + 20 * MINUTE)}&window=PT30M`);
    expect(sinceSpikeBegan.body.warningEvents).toEqual([expect.objectContaining({ reason: 'FailedScheduling', count: 3 })]);

    const scaled = await raw(emulator, 'PUT', withApi(`${clusterPath(RESOURCE_GROUP, 'shop')}/agentPools/system`), {
      properties: { mode: 'System', osType: 'Linux', vmSize: 'Standard_D4s_v5', count: 4 },
    });
    expect(scaled.status).toBeLessThan(300);
    emulator.advanceClock(10 * 60);
    const scaledAt = virtualNow();
    expect(scaledAt).toBeLessThan(spike + 60 * MINUTE - 16 * MINUTE);
    const after = scaledAt + 16 * MINUTE;
    advanceTo(after);
    const healthy = await call(`${HEALTH}?until=${at(after)}`);
    expect(healthy.status).toBe(200);
    expect(healthy.body).toMatchObject({ status: 'Healthy', reasons: [], pods: { pending: 0 } });
    expect(healthy.body.nodePools).toMatchObject([{ name: 'system', nodeCount: 4, readyNodes: 4 }]);
    expect(healthy.body.nodePools[0].cpuPercent.average).toBeCloseTo((100 * 9 * 1200) / (4 * 3860), 0);
  });

  it('fleet health: the inventory’s clusters, one metrics batch and one log batch, no ARM call per cluster; a metrics outage is Unknown, not a 500', async () => {
    expect((await call('clusters/sync', 'POST')).status).toBe(200);
    const until = at(virtualNow());
    const before = counted();
    const fleet = await call(`fleetHealth?until=${until}&location=eastus`);
    expect(fleet.status).toBe(200);
    const after = counted();
    const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    expect(delta('metrics.getBatch')).toBe(1);
    expect(delta('logAnalytics.batch')).toBe(1);
    expect(delta('managedClusters.get')).toBe(0);
    expect(fleet.body.value).toMatchObject([{ name: 'shop', status: 'Healthy', nodePools: [{ nodeCount: 4, readyNodes: 4 }] }]);
    expect(fleet.body.counts).toEqual({ Healthy: 1, Unknown: 0, Degraded: 0, Unhealthy: 0 });

    emulator.injectFault({ kind: 'error', operation: 'metrics.getBatch', status: 503, code: 'ServiceUnavailable', remaining: 100 });
    try {
      const outage = await call(`fleetHealth?until=${until}`);
      expect(outage.status).toBe(200);
      expect(outage.body.value[0].status).toBe('Unknown');
      expect(outage.body.value[0].reasons).toEqual([expect.objectContaining({ code: 'MetricsUnavailable', status: 'Unknown', message: expect.stringContaining('eastus') })]);
    } finally {
      emulator.clearFaults();
    }
    expect((await call(`fleetHealth?until=${until}&status=Degraded`)).body).toMatchObject({ value: [], counts: { Healthy: 1 } });
  }, 60_000);

  it('refuses a window in the future', async () => {
    const answer = await call(`${HEALTH}?until=${at(Date.now() + 3_600_000)}`);
    expect(answer.status).toBe(400);
  });
});

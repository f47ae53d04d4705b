import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import type { WireJson } from './harness';
import { SUB, basicCluster, clusterPath, raw, startTestEmulator, withApi } from './harness';

const T0 = Date.parse('2026-11-27T00:00:00Z');
const RG = 'rg-wl';
const ADMIN = (name: string): string => `/_emulator/clusters/${SUB}/${RG}/${name}/workload`;

async function cluster(emulator: RunningAksEmulator, name: string, count = 2): Promise<void> {
  expect((await raw(emulator, 'PUT', withApi(clusterPath(RG, name)), basicCluster({}, { vmSize: 'Standard_D4s_v5', count }))).status).toBe(201);
  emulator.advanceClock(600);
}

const metricAt = async (emulator: RunningAksEmulator, name: string, query: string): Promise<WireJson> =>
  (await raw(emulator, 'GET', `${clusterPath(RG, name)}/providers/Microsoft.Insights/metrics?api-version=2024-02-01&${query}`)).body;

describe('workload admin API', () => {
  let emulator: RunningAksEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: T0, seed: 7 });
    await cluster(emulator, 'wl1');
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('gives a new cluster a seeded default workload, the same for the same seed', async () => {
    const got = await raw(emulator, 'GET', ADMIN('wl1'));
    expect(got.status).toBe(200);
    expect(got.body.effectiveFrom).toBe(new Date(T0).toISOString());
    const spec = got.body.spec;
    expect(['steady', 'diurnal', 'spike']).toContain(spec.profile.kind);
    expect(spec.deployments.filter((d: WireJson) => d.namespace === 'kube-system').map((d: WireJson) => d.name)).toEqual(['coredns', 'metrics-server', 'konnectivity-agent']);
    expect(spec.deployments.filter((d: WireJson) => d.namespace !== 'kube-system').length).toBeGreaterThan(0);
    expect(spec.podDisruptionBudgets.map((p: WireJson) => p.name)).toContain('coredns-pdb');
    expect(spec.daemonSets.map((d: WireJson) => d.name)).toContain('kube-proxy');

    const twin = await startTestEmulator({ speed: 0, clockStart: T0, seed: 7 });
    const other = await startTestEmulator({ speed: 0, clockStart: T0, seed: 8 });
    try {
      await cluster(twin, 'wl1');
      await cluster(other, 'wl1');
      expect((await raw(twin, 'GET', ADMIN('wl1'))).body).toEqual(got.body);
      expect((await raw(other, 'GET', ADMIN('wl1'))).body).not.toEqual(got.body);
      const at = new Date(T0 + 900_000).toISOString();
      expect((await raw(twin, 'GET', `${ADMIN('wl1')}/snapshot?at=${at}`)).body).toEqual((await raw(emulator, 'GET', `${ADMIN('wl1')}/snapshot?at=${at}`)).body);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('refuses an invalid workload and replaces a valid one from now, keeping the past', async () => {
    const bad = await raw(emulator, 'PUT', ADMIN('wl1'), { deployments: [{ namespace: 'x', name: 'y', replicas: -1, cpuRequestMillicores: 1, memoryRequestBytes: 1 }] });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'InvalidRequestContent']);
    expect(bad.body.error.message).toMatch(/deployments\.0\.replicas/);

    const before = new Date(Date.parse(emulator.now()) - 60_000).toISOString();
    const put = await raw(emulator, 'PUT', ADMIN('wl1'), { profile: { kind: 'steady', intensity: 1 }, deployments: [{ namespace: 'shop', name: 'api', replicas: 9, cpuRequestMillicores: 1000, memoryRequestBytes: 1024 ** 3 }] });
    expect(put.status).toBe(200);
    expect(put.body.effectiveFrom).toBe(emulator.now().replace('Z', '.000Z'));
    emulator.advanceClock(60);
    const now = await raw(emulator, 'GET', `${ADMIN('wl1')}/snapshot`);
    // Two D4s_v5 nodes hold three 1000 m pods each: 6 run, 3 wait.
    expect(now.body.pendingPods).toBe(3);
    expect(now.body.pods.filter((p: WireJson) => p.owner.name === 'api' && p.phase === 'Running')).toHaveLength(6);
    const past = await raw(emulator, 'GET', `${ADMIN('wl1')}/snapshot?at=${before}`);
    expect(past.body.pods.some((p: WireJson) => p.namespace === 'kube-system')).toBe(true);
  });

  it('patches the profile: higher intensity means busier nodes from then on', async () => {
    const cpu = async (): Promise<number> => (await metricAt(emulator, 'wl1', 'timespan=PT1M&interval=PT1M&metricnames=node_cpu_usage_millicores&aggregation=total')).value[0].timeseries[0].data[0].total;
    emulator.advanceClock(60);
    const atOne = await cpu();
    expect(atOne).toBe(6 * 1000 * 0.5);
    const patched = await raw(emulator, 'PATCH', ADMIN('wl1'), { profile: { intensity: 1.5 } });
    expect(patched.body.spec.profile).toMatchObject({ kind: 'steady', intensity: 1.5 });
    expect(patched.body.spec.deployments).toHaveLength(1);
    emulator.advanceClock(60);
    expect(await cpu()).toBe(6 * 1000 * 0.5 * 1.5);
  });

  it('forces nodes NotReady: their pods move or wait, and the node condition metric counts them', async () => {
    const nodes = emulator.nodes(SUB, RG, 'wl1')[0]!.nodes.map((n) => n.name);
    await raw(emulator, 'PATCH', ADMIN('wl1'), { notReadyNodes: [nodes[0]] });
    emulator.advanceClock(120);
    const snapshot = (await raw(emulator, 'GET', `${ADMIN('wl1')}/snapshot`)).body;
    expect(snapshot.nodes.map((n: WireJson) => n.ready)).toEqual([false, true]);
    expect(snapshot.pendingPods).toBe(6);
    const body = await metricAt(emulator, 'wl1', "timespan=PT1M&interval=PT1M&metricnames=kube_node_status_condition&aggregation=average&$filter=condition eq 'Ready' and status eq '*'");
    const byStatus = Object.fromEntries(body.value[0].timeseries.map((s: WireJson) => [s.metadatavalues[1].value, s.data[0].average]));
    expect(byStatus).toEqual({ true: 1, false: 1, unknown: 0 });
    await raw(emulator, 'PATCH', ADMIN('wl1'), { notReadyNodes: [] });
  });

  it('evaluates PodDisruptionBudgets and names the ones that block draining a node', async () => {
    await cluster(emulator, 'pdb1', 1);
    emulator.workload.set(SUB, RG, 'pdb1', {
      deployments: [
        { namespace: 'shop', name: 'strict', replicas: 2, cpuRequestMillicores: 100, memoryRequestBytes: 1024 ** 2 },
        { namespace: 'shop', name: 'relaxed', replicas: 3, cpuRequestMillicores: 100, memoryRequestBytes: 1024 ** 2 },
      ],
      podDisruptionBudgets: [
        { namespace: 'shop', name: 'strict-pdb', deployment: 'strict', minAvailable: 2 },
        { namespace: 'shop', name: 'relaxed-pdb', deployment: 'relaxed', minAvailable: 0 },
      ],
    });
    const node = emulator.nodes(SUB, RG, 'pdb1')[0]!.nodes[0]!.name;
    expect(emulator.workload.disruptionBudgets(SUB, RG, 'pdb1')).toEqual([
      { namespace: 'shop', name: 'strict-pdb', deployment: 'strict', minAvailable: 2, currentHealthy: 2, disruptionsAllowed: 0 },
      { namespace: 'shop', name: 'relaxed-pdb', deployment: 'relaxed', minAvailable: 0, currentHealthy: 3, disruptionsAllowed: 3 },
    ]);
    const blockers = await raw(emulator, 'GET', `${ADMIN('pdb1')}/nodes/${node}/drainBlockers`);
    expect(blockers.body.value.map((b: WireJson) => b.name)).toEqual(['strict-pdb']);
  });

  it('emits no metrics while the cluster is stopped', async () => {
    expect((await raw(emulator, 'POST', withApi(`${clusterPath(RG, 'pdb1')}/stop`))).status).toBe(202);
    emulator.advanceClock(600);
    const body = await metricAt(emulator, 'pdb1', 'timespan=PT5M&interval=PT5M&metricnames=node_cpu_usage_percentage,kube_pod_status_phase&aggregation=average');
    for (const metric of body.value) expect(metric.timeseries[0].data.every((p: WireJson) => Object.keys(p).join() === 'timeStamp')).toBe(true);
  });

  it('answers 404 for a cluster that does not exist', async () => {
    const missing = await raw(emulator, 'GET', ADMIN('nope'));
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ResourceNotFound']);
  });
});

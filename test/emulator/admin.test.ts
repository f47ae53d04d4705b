import { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { DEMO_SUBSCRIPTIONS } from '../../local/aks-emulator';
import { SUB, basicCluster, clusterPath, dummyCredential, raw, startTestEmulator, withApi } from './harness';

describe('admin API and demo fleet', () => {
  let emulator: RunningAksEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, demoFleet: true });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('seeds a demo fleet across two subscriptions and two regions with Windows, GPU and confidential pools', async () => {
    const clusters = [];
    for (const sub of DEMO_SUBSCRIPTIONS) {
      const client = new ContainerServiceClient(dummyCredential, sub, { endpoint: emulator.baseUrl });
      for await (const mc of client.managedClusters.list()) clusters.push(mc);
    }
    expect(clusters.length).toBeGreaterThanOrEqual(4);
    expect(new Set(clusters.map((c) => c.location))).toEqual(new Set(['eastus', 'westeurope']));
    expect(clusters.every((c) => c.provisioningState === 'Succeeded')).toBe(true);
    const pools = clusters.flatMap((c) => c.agentPoolProfiles ?? []);
    expect(pools.some((p) => p.osType === 'Windows')).toBe(true);
    expect(pools.some((p) => /^Standard_N/.test(p.vmSize ?? ''))).toBe(true);
    const sgx = clusters.find((c) => c.agentPoolProfiles?.some((p) => /^Standard_DC/.test(p.vmSize ?? '')));
    expect(sgx?.addonProfiles?.['ACCSGXDevicePlugin']?.enabled).toBe(true);
    const versions = (await raw(emulator, 'GET', withApi(`/subscriptions/${DEMO_SUBSCRIPTIONS[0]}/providers/Microsoft.ContainerService/locations/eastus/kubernetesVersions`))).body as {
      values: { version: string; capabilities: { supportPlan: string[] } }[];
    };
    const outOfSupport = clusters.filter((c) => {
      const minor = versions.values.find((v) => c.currentKubernetesVersion?.startsWith(`${v.version}.`));
      return !minor?.capabilities.supportPlan.includes(c.supportPlan ?? 'KubernetesOfficial');
    });
    expect(outOfSupport.map((c) => c.name)).toEqual(['legacy-weu-01']);
    const upgradable = clusters.filter((c) => (c.currentKubernetesVersion ?? '') < '1.37.1');
    expect(upgradable.length).toBeGreaterThanOrEqual(3);
  });

  it('answers health without a token and reports the clock', async () => {
    const res = await fetch(`${emulator.listenUrl}/_emulator/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', baseUrl: emulator.baseUrl });
    const clock = await raw(emulator, 'GET', '/_emulator/clock');
    const advanced = await raw(emulator, 'POST', '/_emulator/clock/advance', { seconds: 3600 });
    expect(Date.parse(advanced.body.now) - Date.parse(clock.body.now)).toBe(3600_000);
  });

  it('injects and clears faults, sets quotas, declares PDBs and lists nodes over HTTP', async () => {
    const fault = await raw(emulator, 'POST', '/_emulator/faults', { kind: 'error', operation: 'managedClusters.get', status: 500, remaining: 1 });
    expect(fault.status).toBe(201);
    expect((await raw(emulator, 'GET', withApi(clusterPath('rg', 'none')))).status).toBe(500);
    expect((await raw(emulator, 'GET', withApi(clusterPath('rg', 'none')))).status).toBe(404);
    await raw(emulator, 'POST', '/_emulator/faults', { kind: 'latency', operation: '*', latencyMs: 1 });
    expect((await raw(emulator, 'GET', '/_emulator/faults')).body.value).toHaveLength(1);
    expect((await raw(emulator, 'DELETE', '/_emulator/faults')).status).toBe(204);

    const quota = await raw(emulator, 'PUT', '/_emulator/quotas', { subscriptionId: SUB, location: 'eastus', family: 'standardDSv5Family', limit: 2 });
    expect(quota.body.overrides).toEqual({ [`${SUB}/eastus/standardDSv5Family`.toLowerCase()]: 2 });
    const refused = await raw(emulator, 'PUT', withApi(clusterPath('rg-admin', 'q1')), basicCluster({}, { count: 2 }));
    expect(refused.body.error.code).toBe('QuotaExceeded');
    await raw(emulator, 'PUT', '/_emulator/quotas', { subscriptionId: SUB, location: 'eastus', family: 'standardDSv5Family', limit: 500 });

    expect((await raw(emulator, 'PUT', withApi(clusterPath('rg-admin', 'q1')), basicCluster())).status).toBe(201);
    const pdb = await raw(emulator, 'POST', `/_emulator/clusters/${SUB}/rg-admin/q1/pdbs`, { namespace: 'ns', name: 'p', pools: ['system'] });
    expect(pdb.body).toEqual({ namespace: 'ns', name: 'p', pools: ['system'], minAvailable: 1 });
    expect((await raw(emulator, 'DELETE', `/_emulator/clusters/${SUB}/rg-admin/q1/pdbs`)).status).toBe(204);
    const nodes = await raw(emulator, 'GET', `/_emulator/clusters/${SUB}/rg-admin/q1/nodes`);
    const pools = nodes.body.value as { nodes: { status: string }[] }[];
    expect(pools[0]?.nodes.map((n) => n.status)).toEqual(['Provisioning', 'Provisioning']);
  });

  it('publishes Kubernetes versions and node images', async () => {
    expect((await raw(emulator, 'POST', '/_emulator/kubernetes-versions', { version: '1.39.0', isPreview: true })).status).toBe(204);
    const versions = await raw(emulator, 'GET', withApi(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/locations/eastus/kubernetesVersions`));
    expect((versions.body.values as unknown[]).at(-1)).toMatchObject({ version: '1.39', isPreview: true });
    const images = await raw(emulator, 'POST', '/_emulator/node-images', { version: '202701.02.0', family: 'AKSAzureLinux-V3gen2' });
    expect(images.body['AKSAzureLinux-V3gen2']).toBe('AKSAzureLinux-V3gen2-202701.02.0');
    expect((await raw(emulator, 'POST', '/_emulator/node-images', { version: 'x', family: 'nope' })).status).toBe(400);
  });

  it('resets everything and can reseed the demo fleet', async () => {
    expect((await raw(emulator, 'POST', '/_emulator/reset')).status).toBe(204);
    expect((await raw(emulator, 'GET', withApi(`/subscriptions/${DEMO_SUBSCRIPTIONS[0]}/providers/Microsoft.ContainerService/managedClusters`))).body.value).toEqual([]);
    const seeded = await raw(emulator, 'POST', '/_emulator/demo-fleet');
    expect(seeded.body.clusters).toHaveLength(5);
  });

  it('is deterministic under a seed', async () => {
    const a = await startTestEmulator({ seed: 7, demoFleet: true, clockStart: '2026-11-01T00:00:00Z', speed: 0 });
    const b = await startTestEmulator({ seed: 7, demoFleet: true, clockStart: '2026-11-01T00:00:00Z', speed: 0 });
    try {
      const path = withApi(`/subscriptions/${DEMO_SUBSCRIPTIONS[1]}/providers/Microsoft.ContainerService/managedClusters`);
      const [ra, rb] = await Promise.all([raw(a, 'GET', path), raw(b, 'GET', path)]);
      expect(ra.body).toEqual(rb.body);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { TABLE_SCHEMAS } from '../../local/aks-emulator/workload/tables/tableSchemas';
import type { WireJson } from './harness';
import { SUB, basicCluster, clusterPath, raw, startTestEmulator, withApi } from './harness';

/**
 * The rows the simulation offers for the Log Analytics tables. One Standard_D4s_v5 node (3860 m allocatable) and six
 * pods of 1000 m: three run, three are Pending until the pool grows to two nodes.
 */

const T0 = Date.parse('2026-11-27T00:00:00Z');
const RG = 'rg-tables';
const NAME = 'tables1';
const workload = {
  deployments: [{ namespace: 'shop', name: 'app', replicas: 6, cpuRequestMillicores: 1000, memoryRequestBytes: 1024 ** 3, cpuUtilisation: 0.5, logLinesPerMinute: 3 }],
  apiClients: [
    { userAgent: 'health/1.0', user: 'system:serviceaccount:ops:health', verb: 'list', group: '', version: 'v1', resource: 'componentstatuses', callsPerHour: 60 },
    { userAgent: 'tuner/1.0', user: 'system:serviceaccount:ops:tuner', verb: 'list', group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta3', resource: 'flowschemas', callsPerHour: 12 },
    { userAgent: 'deployer/1.0', user: 'deployer@contoso.com', verb: 'patch', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'shop', callsPerHour: 6 },
  ],
};

async function scenario(emulator: RunningAksEmulator): Promise<{ setAt: number; scaledAt: number }> {
  expect((await raw(emulator, 'PUT', withApi(clusterPath(RG, NAME)), basicCluster({}, { vmSize: 'Standard_D4s_v5', count: 1 }))).status).toBe(201);
  emulator.advanceClock(600);
  emulator.workload.set(SUB, RG, NAME, workload);
  const setAt = Date.parse(emulator.now());
  emulator.advanceClock(1800);
  const scaledAt = Date.parse(emulator.now());
  expect((await raw(emulator, 'PUT', withApi(`${clusterPath(RG, NAME)}/agentPools/system`), { properties: { vmSize: 'Standard_D4s_v5', count: 2, mode: 'System' } })).status).toBe(200);
  emulator.advanceClock(1800);
  return { setAt, scaledAt };
}

describe('workload log tables', () => {
  let emulator: RunningAksEmulator;
  let times: { setAt: number; scaledAt: number };
  const rows = (table: string, from = times.setAt, to = Date.parse(emulator.now())) => emulator.workload.tableRows(SUB, RG, NAME, table, { from, to }).rows as WireJson[];

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: T0, seed: 11 });
    times = await scenario(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('gives every row exactly its table’s documented columns, typed', () => {
    for (const [table, columns] of Object.entries(TABLE_SCHEMAS)) {
      const all = rows(table);
      expect(all.length, table).toBeGreaterThan(0);
      for (const row of all) {
        expect(Object.keys(row).sort(), table).toEqual(columns.map((c) => c.name).sort());
        expect(row.Type).toBe(table);
        expect(row._ResourceId).toBe(clusterPath(RG, NAME).toLowerCase());
        for (const column of columns) {
          const value = row[column.name];
          if (column.type === 'datetime' && value !== '') expect(Number.isFinite(Date.parse(value)), `${table}.${column.name}`).toBe(true);
          if (['long', 'int', 'real'].includes(column.type)) expect(typeof value, `${table}.${column.name}`).toBe('number');
          if (column.type === 'string') expect(typeof value, `${table}.${column.name}`).toBe('string');
        }
      }
    }
  });

  it('inventories three running and three pending pods, then six running after the pool grew', () => {
    const pods = rows('KubePodInventory');
    const statusAt = (at: number) => pods.filter((r) => Date.parse(r.TimeGenerated) === at).map((r) => r.PodStatus).sort();
    expect(statusAt(times.setAt)).toEqual(['Pending', 'Pending', 'Pending', 'Running', 'Running', 'Running']);
    expect(statusAt(Date.parse(emulator.now()) - 60_000)).toEqual(Array(6).fill('Running'));
    const nodes = rows('KubeNodeInventory');
    expect(new Set(nodes.filter((r) => Date.parse(r.TimeGenerated) === times.setAt).map((r) => r.Computer)).size).toBe(1);
    expect(nodes.at(-1)).toMatchObject({ Status: 'Ready', KubeletVersion: 'v1.35.3', OperatingSystem: 'Ubuntu 22.04.5 LTS' });
  });

  it('records scheduling failures, the new node and the pods it took as Kubernetes events', () => {
    const events = rows('KubeEvents', times.setAt - 60_000);
    const failed = events.filter((e) => e.Reason === 'FailedScheduling');
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatchObject({ KubeEventType: 'Warning', SourceComponent: 'default-scheduler', ObjectKind: 'Pod', Namespace: 'shop' });
    expect(failed[0].Message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
    const after = events.filter((e) => Date.parse(e.TimeGenerated) > times.scaledAt);
    expect(after.filter((e) => e.Reason === 'RegisteredNode')).toHaveLength(1);
    expect(after.filter((e) => e.Reason === 'NodeReady')).toHaveLength(1);
    expect(new Set(after.filter((e) => e.Reason === 'Scheduled').map((e) => e.Name))).toEqual(new Set(failed.map((e) => e.Name)));
    const scheduler = rows('AKSControlPlane').filter((r) => r.Category === 'kube-scheduler');
    expect(scheduler.filter((r) => r.Message.includes('Unable to schedule pod'))).toHaveLength(3);
    expect(scheduler[0].Message).toMatch(/^I1127 \d{2}:\d{2}:\d{2}\.\d{6} {7}1 schedule_one\.go:\d+\] /);
  });

  it('writes logLinesPerMinute lines per running pod and minute, and node counters from the usage formulas', () => {
    const from = times.setAt;
    const to = times.setAt + 10 * 60_000;
    const logs = rows('ContainerLogV2', from, to);
    expect(logs).toHaveLength(3 * 3 * 10);
    expect(logs.every((l) => l.PodNamespace === 'shop' && typeof l.LogMessage === 'object')).toBe(true);
    const cpu = rows('Perf', from, to).filter((r) => r.ObjectName === 'K8SNode' && r.CounterName === 'cpuUsageNanoCores');
    expect(cpu.map((r) => r.CounterValue)).toEqual(Array(10).fill(3 * 1000 * 0.5 * 1e6));
    const allocatable = rows('Perf', from, to).find((r) => r.CounterName === 'cpuAllocatableNanoCores');
    expect(allocatable.CounterValue).toBe(3860 * 1e6);
  });

  it('audits API calls, marking deprecated versions and failing removed ones', () => {
    const audit = rows('AKSAudit', times.setAt, times.setAt + 3_600_000);
    const by = (agent: string) => audit.filter((r) => r.UserAgent === agent);
    expect(by('health/1.0')).toHaveLength(60);
    expect(by('health/1.0')[0]).toMatchObject({ Verb: 'list', RequestUri: '/api/v1/componentstatuses?limit=500', ResponseStatus: { code: 200 }, Annotations: { 'k8s.io/deprecated': 'true' } });
    expect(by('health/1.0')[0].Annotations['k8s.io/removed-release']).toBeUndefined();
    expect(by('tuner/1.0')).toHaveLength(12);
    expect(by('tuner/1.0')[0]).toMatchObject({ RequestUri: '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas?limit=500', ResponseStatus: { code: 404, reason: 'NotFound' } });
    expect(by('tuner/1.0')[0].Annotations['k8s.io/deprecated']).toBeUndefined();
    const admin = rows('AKSAuditAdmin', times.setAt, times.setAt + 3_600_000);
    expect(admin.map((r) => r.Verb)).toEqual(Array(6).fill('patch'));
    expect(admin[0]).toMatchObject({ RequestUri: '/apis/apps/v1/namespaces/shop/deployments/deployment-0', User: { username: 'deployer@contoso.com', groups: ['system:authenticated'] } });
    expect(rows('AKSControlPlane', times.setAt, times.setAt + 3_600_000).filter((r) => r.Category === 'kube-apiserver')).toHaveLength(12);
  });

  it('produces the same rows from the same seed and virtual time', async () => {
    const twin = await startTestEmulator({ speed: 0, clockStart: T0, seed: 11 });
    try {
      const twinTimes = await scenario(twin);
      expect(twinTimes).toEqual(times);
      for (const table of ['ContainerLogV2', 'KubePodInventory', 'AKSAudit', 'KubeEvents']) {
        expect(twin.workload.tableRows(SUB, RG, NAME, table, { from: times.setAt, to: times.scaledAt + 600_000 }).rows, table).toEqual(rows(table, times.setAt, times.scaledAt + 600_000));
      }
    } finally {
      await twin.close();
    }
  });

  it('serves the rows over the admin API', async () => {
    const base = `/_emulator/clusters/${SUB}/${RG}/${NAME}/workload/tables`;
    const perf = await raw(emulator, 'GET', `${base}/perf?from=${new Date(times.setAt).toISOString()}&to=${new Date(times.setAt + 60_000).toISOString()}`);
    expect(perf.status).toBe(200);
    expect(perf.body.table).toBe('Perf');
    expect(perf.body.columns).toContainEqual({ name: 'CounterValue', type: 'real' });
    expect(perf.body.rows.length).toBeGreaterThan(0);
    expect((await raw(emulator, 'GET', `${base}/Nope?from=2026-11-27T00:00:00Z&to=2026-11-27T01:00:00Z`)).status).toBe(404);
    const tooLong = await raw(emulator, 'GET', `${base}/Perf?from=2026-11-25T00:00:00Z&to=2026-11-27T01:00:00Z`);
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'InvalidRequestContent']);
  });
});

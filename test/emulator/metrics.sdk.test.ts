import { ContainerServiceClient } from '@azure/arm-containerservice';
import { MetricsClient } from '@azure/monitor-query-metrics';
import type { MetricsQueryResult } from '@azure/monitor-query-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, basicCluster, clusterPath, dummyCredential, expectArmError, fast, raw, startTestEmulator, withApi } from './harness';

/**
 * MetricsClient.queryResources (@azure/monitor-query-metrics, unmodified) against the emulator's metrics:getBatch.
 * Expected values are computed here from the documented formulas, not read back from the emulator:
 * - Standard_D4s_v5 (4 vCPU, 16 GiB, maxPods 110): allocatable CPU = 4000 − (60 + 40 + 20 + 20) = 3860 m;
 *   allocatable memory = 16 GiB − (min(20 MiB × 110 + 50 MiB, 4 GiB) + 100 MiB) = 14034 MiB;
 * - pods of 1000 m / 1 GiB: three fit per node (CPU binds), first fit fills nodes in age order;
 * - each running pod uses 1000 m × cpuUtilisation 0.5 × load 1 = 500 m.
 */

const NAMESPACE = 'Microsoft.ContainerService/managedClusters';
const T0 = Date.parse('2026-11-27T00:00:00Z');
const CLUSTERS = 120;
const ALLOCATABLE_CPU_M = 3860;
const PODS_PER_NODE = 3;
const POD_CPU_USAGE_M = 500;

const nodesOf = (i: number): number => 1 + (i % 4);
const replicasOf = (i: number): number => 2 + ((i * 5) % 13);
const nameOf = (i: number): string => `metrics-${String(i).padStart(3, '0')}`;
const idOf = (i: number): string => clusterPath('rg-metrics', nameOf(i));

function expectedFor(nodes: number, replicas: number) {
  const running = Math.min(replicas, nodes * PODS_PER_NODE);
  const busiest = Math.min(replicas, PODS_PER_NODE);
  return {
    pending: replicas - running,
    averageCpuPercent: (100 * POD_CPU_USAGE_M * running) / (nodes * ALLOCATABLE_CPU_M),
    maximumCpuPercent: (100 * POD_CPU_USAGE_M * busiest) / ALLOCATABLE_CPU_M,
    allocatableCores: (nodes * ALLOCATABLE_CPU_M) / 1000,
  };
}

const simpleWorkload = (replicas: number) => ({
  profile: { kind: 'steady', intensity: 1 },
  deployments: [
    { namespace: 'shop', name: 'app', replicas, cpuRequestMillicores: 1000, memoryRequestBytes: 1024 ** 3, cpuUtilisation: 0.5, memoryUtilisation: 0.5 },
  ],
});

function metricsClient(emulator: RunningAksEmulator, region = 'eastus'): MetricsClient {
  return new MetricsClient(`${emulator.baseUrl}/regions/${region}`, dummyCredential, { retryOptions: { maxRetries: 0 } });
}

function dataOf(result: MetricsQueryResult, metricId: string) {
  const metric = result.metrics.find((m) => m.id.endsWith(`/metrics/${metricId}`));
  if (!metric) throw new Error(`no ${metricId} for ${result.resourceId}`);
  return metric.timeseries[0]!.data!;
}

describe('Azure Monitor metrics through MetricsClient.queryResources', () => {
  let emulator: RunningAksEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: T0, defaultVcpuQuota: 100_000 });
    for (let i = 0; i < CLUSTERS; i += 1) {
      const put = await raw(emulator, 'PUT', withApi(idOf(i)), basicCluster({}, { vmSize: 'Standard_D4s_v5', count: nodesOf(i), enableAutoScaling: true, minCount: 1, maxCount: 10 }));
      expect(put.status).toBe(201);
    }
    emulator.advanceClock(600);
    for (let i = 0; i < CLUSTERS; i += 1) emulator.workload.set(SUB, 'rg-metrics', nameOf(i), simpleWorkload(replicasOf(i)));
    emulator.advanceClock(1800);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers 120 clusters in 3 calls with the values of the simulation', async () => {
    const client = metricsClient(emulator);
    const ids = Array.from({ length: CLUSTERS }, (_, i) => idOf(i));
    emulator.resetCounters();
    const results: MetricsQueryResult[] = [];
    for (let start = 0; start < ids.length; start += 50) {
      results.push(
        ...(await client.queryResources(ids.slice(start, start + 50), ['node_cpu_usage_percentage', 'cluster_autoscaler_unschedulable_pods_count', 'kube_node_status_allocatable_cpu_cores'], NAMESPACE, {
          startTime: new Date(T0 + 600_000),
          endTime: new Date(T0 + 2_400_000),
          interval: 'PT5M',
          aggregation: 'Average,Maximum',
        })),
      );
    }
    expect(emulator.counters()).toEqual({ 'metrics.getBatch': 3 });
    expect(results).toHaveLength(CLUSTERS);
    for (let i = 0; i < CLUSTERS; i += 1) {
      const result = results.find((r) => r.resourceId === idOf(i))!;
      const expected = expectedFor(nodesOf(i), replicasOf(i));
      expect(result.resourceRegion).toBe('eastus');
      expect(result.granularity).toBe('PT5M');
      const cpu = dataOf(result, 'node_cpu_usage_percentage');
      expect(cpu).toHaveLength(6);
      expect(cpu[0]!.timeStamp).toEqual(new Date(T0 + 600_000));
      for (const point of cpu) {
        expect(point.average).toBeCloseTo(expected.averageCpuPercent, 9);
        expect(point.maximum).toBeCloseTo(expected.maximumCpuPercent, 9);
      }
      for (const point of dataOf(result, 'cluster_autoscaler_unschedulable_pods_count')) expect(point.average).toBe(expected.pending);
      for (const point of dataOf(result, 'kube_node_status_allocatable_cpu_cores')) expect(point.average).toBeCloseTo(expected.allocatableCores, 9);
    }
  });

  it('reacts to a pool scaled through ARM: fewer pending pods and less busy nodes afterwards, history unchanged', async () => {
    const i = [...Array(CLUSTERS).keys()].find((k) => expectedFor(nodesOf(k), replicasOf(k)).pending >= 3)!;
    const before = expectedFor(nodesOf(i), replicasOf(i));
    const after = expectedFor(nodesOf(i) + 2, replicasOf(i));
    expect(after.pending).toBeLessThan(before.pending);

    const arm = new ContainerServiceClient(dummyCredential, SUB, { endpoint: emulator.baseUrl, retryOptions: { maxRetries: 0 } });
    const scaleStart = Date.parse(emulator.now());
    const pool = await arm.agentPools.get('rg-metrics', nameOf(i), 'system');
    const poller = arm.agentPools.createOrUpdate('rg-metrics', nameOf(i), 'system', { ...pool, count: nodesOf(i) + 2 }, fast);
    await poller.submitted();
    emulator.advanceClock(300);
    expect((await poller).count).toBe(nodesOf(i) + 2);
    emulator.advanceClock(1200);

    const [result] = await metricsClient(emulator).queryResources([idOf(i)], ['cluster_autoscaler_unschedulable_pods_count', 'node_cpu_usage_percentage'], NAMESPACE, {
      startTime: new Date(scaleStart - 600_000),
      endTime: new Date(scaleStart + 1_200_000),
      interval: 'PT5M',
      aggregation: 'Average',
    });
    const pending = dataOf(result!, 'cluster_autoscaler_unschedulable_pods_count').map((p) => p.average);
    const cpu = dataOf(result!, 'node_cpu_usage_percentage').map((p) => p.average);
    expect(pending.slice(0, 2)).toEqual([before.pending, before.pending]);
    expect(pending.at(-1)).toBe(after.pending);
    expect(cpu[0]).toBeCloseTo(before.averageCpuPercent, 9);
    expect(cpu.at(-1)).toBeCloseTo(after.averageCpuPercent, 9);
  });

  it('splits by node with the filter and keeps the top series by orderby', async () => {
    const i = [...Array(CLUSTERS).keys()].find((k) => nodesOf(k) === 4 && replicasOf(k) >= 7 && replicasOf(k) <= 9)!;
    const [result] = await metricsClient(emulator).queryResources([idOf(i)], ['node_cpu_usage_millicores'], NAMESPACE, {
      startTime: new Date(T0 + 600_000),
      endTime: new Date(T0 + 1_200_000),
      interval: 'PT5M',
      aggregation: 'Average',
      filter: "node eq '*'",
      top: 2,
      orderBy: 'average asc',
    });
    const series = result!.metrics[0]!.timeseries;
    const running = Math.min(replicasOf(i), 12);
    const perNode = [0, 1, 2, 3].map((k) => POD_CPU_USAGE_M * Math.max(0, Math.min(PODS_PER_NODE, running - PODS_PER_NODE * k)));
    expect(series).toHaveLength(2);
    expect(series.map((s) => s.data![0]!.average)).toEqual([...perNode].sort((a, b) => a - b).slice(0, 2));
    expect(series[0]!.metadatavalues![0]).toMatchObject({ name: 'node', value: expect.stringMatching(/^aks-system-\d{8}-vmss00000[0-3]$/) });
  });

  it('refuses what the batch API refuses, with its error envelope', async () => {
    const client = metricsClient(emulator);
    const opts = { startTime: new Date(T0 + 600_000), endTime: new Date(T0 + 1_200_000), interval: 'PT5M' };
    const many = Array.from({ length: 51 }, (_, i) => idOf(i % CLUSTERS).replace(/metrics-\d+$/, `many-${i}`));
    await expectArmError(client.queryResources(many, ['node_cpu_usage_percentage'], NAMESPACE, opts), 400, 'BadRequest', /51 resource ids; at most 50/);
    await expectArmError(client.queryResources([idOf(0)], ['node_cpu_usage'], NAMESPACE, opts), 400, 'BadRequest', /^Failed to find metric configuration for provider: Microsoft\.ContainerService, resource Type: managedClusters, metric: node_cpu_usage, Valid metrics: .*node_cpu_usage_percentage/);
    await expectArmError(client.queryResources([idOf(0)], ['node_cpu_usage_percentage'], NAMESPACE, { ...opts, filter: "node eq 'a' or nodepool eq 'b'" }), 400, 'BadRequest', /'or' can only combine conditions on the same dimension/);
    await expectArmError(client.queryResources([idOf(0)], ['node_cpu_usage_percentage'], NAMESPACE, { ...opts, filter: "node gt 'a'" }), 400, 'BadRequest', /only eq is supported/);
    await expectArmError(client.queryResources([idOf(0)], ['kube_pod_status_phase'], NAMESPACE, { ...opts, filter: "nodepool eq '*'" }), 400, 'BadRequest', /does not support requested dimension combination/);
    await expectArmError(client.queryResources([idOf(0)], ['cluster_autoscaler_unschedulable_pods_count'], NAMESPACE, { ...opts, interval: 'PT1M' }), 400, 'BadRequest', /time grain PT1M is not supported/);
    await expectArmError(metricsClient(emulator, 'westeurope').queryResources([idOf(0)], ['node_cpu_usage_percentage'], NAMESPACE, opts), 400, 'BadRequest', /in region 'eastus', but this endpoint serves region 'westeurope'/);

    const weu = await raw(emulator, 'PUT', withApi(clusterPath('rg-metrics', 'weu-1')), { ...basicCluster(), location: 'westeurope' });
    expect(weu.status).toBe(201);
    await expectArmError(metricsClient(emulator).queryResources([idOf(0), clusterPath('rg-metrics', 'weu-1')], ['node_cpu_usage_percentage'], NAMESPACE, opts), 400, 'BadRequest', /same region; the request has resources in eastus, westeurope/);
  });

  it('reads the batch wire format: api%2Dversion, starttime/endtime only, the data-plane error body', async () => {
    const path = `/subscriptions/${SUB}/metrics:getBatch?api%2Dversion=2024-02-01&metricnamespace=Microsoft.ContainerService%2FmanagedClusters&metricnames=kube_pod_status_phase&timespan=PT1H`;
    const refused = await raw(emulator, 'POST', path, { resourceids: [idOf(0)] });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-ms-error-code')).toBe('BadRequest');
    expect(refused.body.error).toMatchObject({
      code: 'BadRequest',
      message: 'Detected invalid time range parameters for API version 2024-02-01. Please use only starttime and endtime to specify a time range.',
      additionalInfo: [{ type: 'string', info: expect.stringMatching(/^TraceId=/) }, { type: 'string', info: expect.stringMatching(/^ExceptionType=/) }],
    });
    const wrongVersion = await raw(emulator, 'POST', path.replace('2024-02-01', '2026-06-01').replace('&timespan=PT1H', ''), { resourceids: [idOf(0)] });
    expect(wrongVersion.body.error.code).toBe('InvalidApiVersionParameter');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { structuralDifferences } from './fixtureStructure';
import type { WireJson } from './harness';
import { SUB, basicCluster, clusterPath, raw, startTestEmulator, withApi } from './harness';

/**
 * The ARM metrics API (GET {cluster}/providers/Microsoft.Insights/metrics and /metricDefinitions) over raw HTTPS:
 * no installed SDK covers it (@azure/monitor-query-metrics only has MetricsClient for the batch API, and
 * @azure/arm-monitor is not installed). Shapes are compared with the REST examples in test/fixtures/monitor-metrics.
 *
 * Workload: 5 pods of 500 m / 512 MiB on pool "apps" (Standard_D2s_v5: allocatable 2000 − 100 = 1900 m,
 * 8 GiB − (min(20 MiB × 110 + 50 MiB, 2 GiB) + 100 MiB) = 6044 MiB), cpuUtilisation 0.4, memoryUtilisation 0.5,
 * steady load 1: three pods per node by CPU, so the nodes hold 3, 2 and 0 pods.
 */

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'monitor-metrics');
const example = (name: string): WireJson => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
const T0 = Date.parse('2026-11-27T00:00:00Z');
const CLUSTER = clusterPath('rg-armmetrics', 'am1');
const WINDOW = 'timespan=2026-11-27T01:00:00Z/2026-11-27T02:00:00Z';
const APPS_CPU_M = 1900;
const APPS_MEMORY_MIB = 6044;

describe('ARM metrics API conformance', () => {
  let emulator: RunningAksEmulator;
  let appsNodes: string[];
  const metrics = (query: string, apiVersion = '2024-02-01'): Promise<{ status: number; headers: Headers; body: WireJson }> =>
    raw(emulator, 'GET', `${CLUSTER}/providers/Microsoft.Insights/metrics?api-version=${apiVersion}&${query}`);

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: T0 });
    expect((await raw(emulator, 'PUT', withApi(CLUSTER), basicCluster())).status).toBe(201);
    emulator.advanceClock(600);
    const pool = await raw(emulator, 'PUT', withApi(`${CLUSTER}/agentPools/apps`), { properties: { vmSize: 'Standard_D2s_v5', count: 3, mode: 'User', enableAutoScaling: true, minCount: 1, maxCount: 5 } });
    expect(pool.status).toBe(201);
    emulator.advanceClock(600);
    emulator.workload.set(SUB, 'rg-armmetrics', 'am1', {
      deployments: [
        { namespace: 'web', name: 'front', replicas: 5, cpuRequestMillicores: 500, memoryRequestBytes: 512 * 1024 ** 2, cpuUtilisation: 0.4, memoryUtilisation: 0.5, nodeSelector: { pool: 'apps' } },
      ],
    });
    emulator.advanceClock(7200);
    appsNodes = emulator.nodes(SUB, 'rg-armmetrics', 'am1').find((p) => p.pool === 'apps')!.nodes.map((n) => n.name);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers like GetMetric.json: split by node, top and orderby, only the requested aggregations', async () => {
    const res = await metrics(`${WINDOW}&interval=PT15M&metricnames=node_cpu_usage_percentage&aggregation=average,minimum,maximum&$filter=nodepool eq 'apps' and node eq '*'&top=2&orderby=average desc`);
    expect(res.status).toBe(200);
    expect(structuralDifferences(example('GetMetric.json').responses['200'].body, res.body)).toEqual([]);
    expect(res.body).toMatchObject({ timespan: '2026-11-27T01:00:00Z/2026-11-27T02:00:00Z', interval: 'PT15M', namespace: 'microsoft.containerservice/managedclusters', resourceregion: 'eastus' });
    const [metric] = res.body.value;
    expect(metric).toMatchObject({ id: `${CLUSTER}/providers/Microsoft.Insights/metrics/node_cpu_usage_percentage`, name: { value: 'node_cpu_usage_percentage', localizedValue: 'CPU Usage Percentage' }, unit: 'Percent', errorCode: 'Success' });
    expect(metric.timeseries.map((s: WireJson) => s.metadatavalues.map((m: WireJson) => [m.name.value, m.value]))).toEqual([
      [['nodepool', 'apps'], ['node', appsNodes[0]]],
      [['nodepool', 'apps'], ['node', appsNodes[1]]],
    ]);
    const expected = [(100 * 3 * 200) / APPS_CPU_M, (100 * 2 * 200) / APPS_CPU_M];
    metric.timeseries.forEach((series: WireJson, i: number) => {
      expect(series.data).toHaveLength(4);
      for (const point of series.data) {
        expect(Object.keys(point).sort()).toEqual(['average', 'maximum', 'minimum', 'timeStamp']);
        expect(point.average).toBeCloseTo(expected[i]!, 9);
      }
    });
  });

  it('rolls the or-ed values of a dimension up into one series', async () => {
    const res = await metrics(`${WINDOW}&interval=PT1H&metricnames=node_memory_working_set_percentage,node_memory_working_set_bytes&aggregation=average,count&$filter=node eq '${appsNodes[0]}' or node eq '${appsNodes[1]}'&rollupby=node`);
    const [percent, bytes] = res.body.value;
    expect(percent.timeseries).toHaveLength(1);
    expect(percent.timeseries[0].metadatavalues).toEqual([]);
    const workingSetMiB = [3, 2].map((pods) => pods * 512 * 0.5);
    expect(percent.timeseries[0].data[0].average).toBeCloseTo((100 * (workingSetMiB[0]! + workingSetMiB[1]!)) / 2 / APPS_MEMORY_MIB, 9);
    expect(percent.timeseries[0].data[0].count).toBe(2 * 60);
    expect(bytes.timeseries[0].data[0].average).toBeCloseTo(((workingSetMiB[0]! + workingSetMiB[1]!) / 2) * 1024 ** 2, 3);
  });

  it('counts pods by phase and sums Count metrics per minute', async () => {
    emulator.workload.patch(SUB, 'rg-armmetrics', 'am1', { deployments: [{ namespace: 'web', name: 'front', replicas: 12, cpuRequestMillicores: 500, memoryRequestBytes: 512 * 1024 ** 2, nodeSelector: { pool: 'apps' } }] });
    emulator.advanceClock(3600);
    const res = await metrics(`timespan=PT30M&interval=FULL&metricnames=kube_pod_status_phase,cluster_autoscaler_unschedulable_pods_count&aggregation=average,total&$filter=phase eq '*'&ValidateDimensions=false`);
    const [phases, unschedulable] = res.body.value;
    const byPhase = Object.fromEntries(phases.timeseries.map((s: WireJson) => [s.metadatavalues[0].value, s.data[0]]));
    expect(byPhase.Running.average).toBe(9);
    expect(byPhase.Pending).toEqual({ timeStamp: expect.any(String), average: 3, total: 3 * 30 });
    expect(byPhase.Failed.average).toBe(0);
    expect(unschedulable.timeseries[0].data[0]).toMatchObject({ average: 3, total: 90 });
  });

  it('answers resultType=metadata like GetMetricMetadata.json', async () => {
    const res = await metrics(`${WINDOW}&metricnames=kube_pod_status_ready&resultType=metadata&$filter=condition eq '*'`);
    expect(structuralDifferences(example('GetMetricMetadata.json').responses['200'].body, res.body)).toEqual([]);
    expect(res.body.value[0].timeseries.every((s: WireJson) => !('data' in s))).toBe(true);
  });

  it('lists metric definitions like GetMetricDefinitions.json', async () => {
    const res = await raw(emulator, 'GET', `${CLUSTER}/providers/Microsoft.Insights/metricDefinitions?api-version=2023-10-01&metricnamespace=Microsoft.ContainerService/managedClusters`);
    expect(res.status).toBe(200);
    const sample = example('GetMetricDefinitions.json').responses['200'].body;
    expect(structuralDifferences({ value: [sample.value[0]] }, res.body)).toEqual([]);
    const byName = Object.fromEntries(res.body.value.map((d: WireJson) => [d.name.value, d]));
    expect(Object.keys(byName)).toHaveLength(25);
    expect(byName.node_cpu_usage_percentage.dimensions.map((d: WireJson) => d.value)).toEqual(['node', 'nodepool']);
    expect(byName.cluster_autoscaler_unschedulable_pods_count.metricAvailabilities[0].timeGrain).toBe('PT5M');
    expect(byName.kube_pod_status_phase.id).toBe(`${CLUSTER}/providers/microsoft.insights/metricdefinitions/kube_pod_status_phase`);
  });

  it('answers the batch API like MetricBatchExample.json', async () => {
    const res = await raw(
      emulator,
      'POST',
      `/subscriptions/${SUB}/metrics:getBatch?api-version=2024-02-01&starttime=2026-11-27T01:00:00.123Z&endtime=2026-11-27T02:00:00Z&interval=PT15M&metricnamespace=Microsoft.ContainerService%2FmanagedClusters&metricnames=node_cpu_usage_percentage&aggregation=average,minimum,maximum&top=10&orderby=average desc&filter=node eq '*'`,
      { resourceids: [CLUSTER] },
    );
    expect(res.status).toBe(200);
    expect(structuralDifferences(example('MetricBatchExample.json').responses['200'].body, res.body)).toEqual([]);
    expect(res.body.values[0]).toMatchObject({ starttime: '2026-11-27T01:00:00.123Z', endtime: '2026-11-27T02:00:00Z', interval: 'PT15M', resourceid: CLUSTER, resourceregion: 'eastus' });
    expect(res.body.values[0].value[0].timeseries).toHaveLength(5);
  });

  it('refuses with the flat error body of the metrics API', async () => {
    const unknown = await metrics('metricnames=node_cpu_usage_percentage,nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ code: 'BadRequest', message: expect.stringMatching(/^Failed to find metric configuration for provider: Microsoft\.ContainerService, resource Type: managedClusters, metric: nope, Valid metrics: apiserver_cpu_usage_percentage,/) });
    expect((await metrics("metricnames=node_cpu_usage_percentage&$filter=node eq 'a' and")).body.message).toMatch(/^Invalid \$filter/);
    expect((await metrics('metricnames=node_cpu_usage_percentage&metricnamespace=Microsoft.Compute/virtualMachines')).body.message).toMatch(/not valid for resource type/);
    expect((await metrics('metricnames=node_cpu_usage_percentage&aggregation=median')).body.code).toBe('BadRequest');
    const version = await metrics('metricnames=node_cpu_usage_percentage', '2026-06-01');
    expect(version.body.error).toMatchObject({ code: 'InvalidApiVersionParameter', message: expect.stringContaining("'2018-01-01,2019-07-01,2021-05-01,2023-10-01,2024-02-01'") });
    const missing = await raw(emulator, 'GET', `${clusterPath('rg-armmetrics', 'nope')}/providers/Microsoft.Insights/metrics?api-version=2024-02-01&metricnames=node_cpu_usage_percentage`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ResourceNotFound']);
  });

  it('tolerates the deprecated client’s leading // and counts calls per API', async () => {
    emulator.resetCounters();
    const res = await raw(emulator, 'GET', `/${CLUSTER}/providers/microsoft.insights/metrics?api-version=2024-02-01&metricnames=kube_node_status_allocatable_cpu_cores&timespan=PT5M&interval=PT5M`);
    expect(res.status).toBe(200);
    expect(res.body.value[0].timeseries[0].data[0].average).toBeCloseTo((5 * APPS_CPU_M) / 1000, 9);
    await raw(emulator, 'GET', `${CLUSTER}/providers/Microsoft.Insights/metricDefinitions?api-version=2024-02-01`);
    expect(emulator.counters()).toEqual({ 'metrics.list': 1, 'metricDefinitions.list': 1 });
  });
});

import { MetricsClient } from '@azure/monitor-query-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, basicCluster, clusterPath, dummyCredential, expectArmError, raw, startTestEmulator, withApi } from './harness';

/**
 * Custom metrics: published through the admin control in Azure Monitor's ingestion body, read back with
 * MetricsClient.queryResources (unmodified) from the metric's own namespace, split by a dimension or not.
 */

const T0 = Date.parse('2026-11-27T00:00:00Z');
const NAMESPACE = 'Shop/Queues';
const RG = 'rg-custom';
const ids = [clusterPath(RG, 'custom-a'), clusterPath(RG, 'custom-b')];
const publishPath = (name: string) => `/_emulator/clusters/${SUB}/${RG}/${name}/customMetrics`;
const body = (time: number, metric: string, dimNames: string[], series: { dimValues: string[]; min: number; max: number; sum: number; count: number }[]) => ({
  time: new Date(time).toISOString(),
  data: { baseData: { metric, namespace: NAMESPACE, dimNames, series } },
});
const sample = (dimValues: string[], values: number[]) => ({ dimValues, min: Math.min(...values), max: Math.max(...values), sum: values.reduce((a, b) => a + b, 0), count: values.length });

describe('custom metrics (ingestion body in, MetricsClient.queryResources out)', () => {
  let emulator: RunningAksEmulator;
  let client: MetricsClient;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: T0 });
    for (const id of ids) expect((await raw(emulator, 'PUT', withApi(id), basicCluster())).status).toBe(201);
    emulator.advanceClock(600);
    client = new MetricsClient(`${emulator.baseUrl}/regions/eastus`, dummyCredential, { retryOptions: { maxRetries: 0 } });
  });
  afterAll(() => emulator?.close());

  it('answers the published minutes per series: Average is sum / count, split by the dimension with the filter', async () => {
    const now = Date.parse(emulator.now());
    const minute = Math.floor(now / 60_000) * 60_000;
    for (const [offset, values] of [[-2, [10, 20]], [-1, [30, 50]]] as const) {
      const published = await raw(emulator, 'POST', publishPath('custom-a'), body(minute + offset * 60_000, 'queue_depth', ['nodepool'], [sample(['user'], [...values]), sample(['batch'], [1])]));
      expect(published.status).toBe(200);
    }
    expect((await raw(emulator, 'POST', publishPath('custom-b'), body(minute - 60_000, 'queue_depth', ['nodepool'], [sample(['user'], [7])]))).status).toBe(200);

    const window = { startTime: new Date(minute - 5 * 60_000), endTime: new Date(now), interval: 'PT1M', aggregation: 'average,count' };
    const split = await client.queryResources(ids, ['queue_depth'], NAMESPACE, { ...window, filter: "nodepool eq '*'" });
    const userOfA = split.find((r) => r.resourceId?.toLowerCase() === ids[0]!.toLowerCase())!.metrics[0]!.timeseries.find((s) => s.metadatavalues?.[0]?.value === 'user')!;
    expect(userOfA.data!.map((p) => p.average)).toEqual([undefined, undefined, undefined, 15, 40]);
    expect(userOfA.data!.map((p) => p.count)).toEqual([undefined, undefined, undefined, 2, 2]);
    const b = split.find((r) => r.resourceId?.toLowerCase() === ids[1]!.toLowerCase())!;
    expect(b.metrics[0]!.timeseries.map((s) => [s.metadatavalues?.[0]?.value, s.data!.at(-1)!.average])).toEqual([['user', 7]]);

    const whole = await client.queryResources([ids[0]!], ['queue_depth'], NAMESPACE, window);
    expect(whole[0]!.metrics[0]!.timeseries).toHaveLength(1);
    expect(whole[0]!.metrics[0]!.timeseries[0]!.data!.at(-1)).toMatchObject({ average: 81 / 3, count: 3 }); // user's and batch's samples pooled
    expect(whole[0]!.metrics[0]!.timeseries[0]!.data!.at(-2)).toMatchObject({ average: 31 / 3, count: 3 });
  });

  it('refuses an unknown metric or namespace with the service\'s errors, and a body the ingestion API refuses', async () => {
    const now = Date.parse(emulator.now());
    const window = { startTime: new Date(now - 5 * 60_000), endTime: new Date(now), interval: 'PT1M' };
    await expectArmError(client.queryResources([ids[0]!], ['queue_length'], NAMESPACE, window), 400, 'BadRequest', /^Failed to find metric configuration for provider: Microsoft\.ContainerService, resource Type: managedClusters, metric: queue_length, Valid metrics: queue_depth/);
    await expectArmError(client.queryResources([ids[0]!], ['queue_depth'], 'Nobody/Published', window), 400, 'BadRequest', /Metric namespace 'Nobody\/Published' is not valid .* Valid metric namespaces: Microsoft\.ContainerService\/managedClusters, Shop\/Queues/);
    await expectArmError(client.queryResources([ids[0]!], ['queue_depth'], NAMESPACE, { ...window, filter: "zone eq '*'" }), 400, 'BadRequest', /does not support requested dimension combination: zone, supported ones are: nodepool/);

    const stale = await raw(emulator, 'POST', publishPath('custom-a'), body(now - 30 * 60_000, 'queue_depth', [], [sample([], [1])]));
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toMatch(/within the last 20 minutes/);
    const mismatched = await raw(emulator, 'POST', publishPath('custom-a'), body(now, 'queue_depth', ['nodepool'], [sample([], [1])]));
    expect(mismatched.body.error.message).toMatch(/dimValues has 0 values for 1 dimNames/);
    const platform = await raw(emulator, 'POST', publishPath('custom-a'), { ...body(now, 'x', [], [sample([], [1])]), data: { baseData: { metric: 'x', namespace: 'Microsoft.ContainerService/managedClusters', series: [sample([], [1])] } } });
    expect(platform.body.error.message).toMatch(/custom metrics need their own namespace/);
  });
});

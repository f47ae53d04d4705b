import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelaySeconds, subscriptionWants, toCloudEvent } from '../../../shared/domain/webhooks';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-a/providers/Microsoft.ContainerService/managedClusters/c1';

describe('retry schedule', () => {
  it('grows by 4 from the base, capped, with half of each delay random', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, DEFAULT_RETRY_POLICY, 1))).toEqual([5, 20, 80, 320]);
    expect(retryDelaySeconds(2, DEFAULT_RETRY_POLICY, 0)).toBe(10);
    expect(retryDelaySeconds(40, DEFAULT_RETRY_POLICY, 1)).toBe(36_000);
  });

  it("honours a receiver's Retry-After up to the longest delay", () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const at = (retryAfterSeconds: number) => nextAttemptAt({ firstAttemptAt: now, failedAttempts: 1, now, retryAfterSeconds }, DEFAULT_RETRY_POLICY, 1)!.getTime() - now.getTime();
    expect(at(0)).toBe(5_000);
    expect(at(120)).toBe(120_000);
    expect(at(10 ** 7)).toBe(36_000_000);
  });

  it('keeps trying for about three days, then gives up', () => {
    const first = new Date('2026-01-01T00:00:00Z');
    let now = first;
    let failed = 0;
    for (;;) {
      failed += 1;
      const next = nextAttemptAt({ firstAttemptAt: first, failedAttempts: failed, now }, DEFAULT_RETRY_POLICY, 0.5);
      if (!next) break;
      now = next;
    }
    const hours = (now.getTime() - first.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(60);
    expect(hours).toBeLessThanOrEqual(72);
    expect(failed).toBeGreaterThan(10);
  });
});

describe('subscriptionWants', () => {
  const event = { type: 'fleetplane.cluster.updated', subject: CLUSTER, data: { tags: { env: 'prod' } } };

  it('matches the type, the scope (case-insensitive, node pools lie in their cluster) and the tags', () => {
    expect(subscriptionWants({ eventTypes: ['fleetplane.cluster.updated'], scope: 'tenant' }, event)).toBe(true);
    expect(subscriptionWants({ eventTypes: ['fleetplane.cluster.created'], scope: 'tenant' }, event)).toBe(false);
    expect(subscriptionWants({ eventTypes: ['fleetplane.cluster.updated'], scope: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG-A' }, event)).toBe(true);
    expect(subscriptionWants({ eventTypes: ['fleetplane.cluster.updated'], scope: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-b' }, event)).toBe(false);
    const pool = { ...event, subject: `${CLUSTER}/agentPools/p1` };
    expect(subscriptionWants({ eventTypes: ['fleetplane.cluster.updated'], scope: CLUSTER }, pool)).toBe(true);
    expect(subscriptionWants({ eventTypes: ['fleetplane.cluster.updated'], scope: 'tenant', tags: { env: 'prod' } }, event)).toBe(true);
    expect(subscriptionWants({ eventTypes: ['fleetplane.cluster.updated'], scope: 'tenant', tags: { env: 'dev' } }, event)).toBe(false);
  });

  it('a subject that is no Azure resource reaches only tenant-wide subscriptions', () => {
    const run = { type: 'fleetplane.updateRun.started', subject: '/updateRuns/r1', data: {} };
    expect(subscriptionWants({ eventTypes: ['fleetplane.updateRun.started'], scope: 'tenant' }, run)).toBe(true);
    expect(subscriptionWants({ eventTypes: ['fleetplane.updateRun.started'], scope: '/subscriptions/00000000-0000-0000-0000-000000000001' }, run)).toBe(false);
  });
});

describe('toCloudEvent', () => {
  it('is a CloudEvents 1.0 event with the sequence and partition key extensions', () => {
    const body = toCloudEvent(
      { id: 'e1', type: 'fleetplane.cluster.created', subject: CLUSTER, time: '2026-01-01T00:00:00.000Z', data: { a: 1 }, orderingKey: CLUSTER, sequence: 42 },
      'urn:fleetplane',
    );
    expect(body).toEqual({
      specversion: '1.0',
      id: 'e1',
      source: 'urn:fleetplane',
      type: 'fleetplane.cluster.created',
      subject: CLUSTER,
      time: '2026-01-01T00:00:00.000Z',
      datacontenttype: 'application/json',
      sequence: '0000000000000042',
      partitionkey: CLUSTER,
      data: { a: 1 },
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ReadinessReport } from '../../../shared/features/health/health.api';
import { ReadinessCache } from '../../../shared/features/health/readinessCache';

const report = (status: ReadinessReport['status']): ReadinessReport => ({ status, checkedAt: '2026-01-01T00:00:00.000Z', mode: 'local', checks: {} });

function probeCounting(results: ReadinessReport['status'][]) {
  let calls = 0;
  const probe = () => {
    const status = results[Math.min(calls, results.length - 1)]!;
    calls += 1;
    return new Promise<ReadinessReport>((resolve) => setTimeout(() => resolve(report(status)), 5));
  };
  return { probe, calls: () => calls };
}

describe('readiness cache', () => {
  it('shares one probe among concurrent callers and reuses its report until it expires', async () => {
    let now = 1_000_000;
    const { probe, calls } = probeCounting(['notReady', 'ready']);
    const cache = new ReadinessCache(probe, 10_000, () => now);

    const first = await Promise.all(Array.from({ length: 100 }, () => cache.current()));
    expect(calls()).toBe(1);
    expect(first.every(({ report: r }) => r.status === 'notReady')).toBe(true);
    expect(first[0]!.retryAfterSeconds).toBe(10);

    now += 9_500;
    expect((await cache.current()).report.status).toBe('notReady');
    expect((await cache.current()).retryAfterSeconds).toBe(1);
    expect(calls()).toBe(1);

    now += 500;
    expect((await cache.current()).report.status).toBe('ready');
    expect(calls()).toBe(2);
  });

  it('probes again after a probe that threw, instead of caching the throw', async () => {
    let calls = 0;
    const cache = new ReadinessCache(
      () => (++calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(report('ready'))),
      10_000,
      () => 0,
    );
    await expect(cache.current()).rejects.toThrow('boom');
    expect((await cache.current()).report.status).toBe('ready');
  });
});

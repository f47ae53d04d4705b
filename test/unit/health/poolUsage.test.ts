import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodesInLatestMinute, observePools, summarizeUsage, type MetricPoint } from '../../../shared/domain/health';

describe('pool usage from node metrics split by node pool', () => {
  it('weights each minute by its samples, keeps the highest sample, counts the latest minute’s nodes', () => {
    const cpu: MetricPoint[] = [
      { average: 20, maximum: 30, count: 2 },
      { average: 80, maximum: 95, count: 4 },
      {},
    ];
    const [system, user] = observePools(
      [
        { name: 'System', count: 4 },
        { name: 'user', count: 2 },
      ],
      { cpu: new Map([['system', cpu]]), memory: new Map([['SYSTEM', [{ average: 50, maximum: 60, count: 4 }]]]) },
    );
    expect(system).toEqual({ name: 'System', nodeCount: 4, readyNodes: 4, cpu: { average: 60, maximum: 95 }, memory: { average: 50, maximum: 60 } });
    expect(user).toEqual({ name: 'user', nodeCount: 2, readyNodes: 0 });
  });

  it('no data: no summary and no ready node', () => {
    expect(summarizeUsage([{}, { count: 0, average: 10 }])).toBeUndefined();
    expect(nodesInLatestMinute([])).toBe(0);
  });

  it('the average lies between the lowest point average and the maximum', () => {
    const point = fc.record({ average: fc.double({ min: 0, max: 100, noNaN: true }), count: fc.integer({ min: 1, max: 20 }) }).map((p) => ({ ...p, maximum: p.average }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 30 }), (points) => {
        const summary = summarizeUsage(points)!;
        const lowest = Math.min(...points.map((p) => p.average));
        expect(summary.average).toBeGreaterThanOrEqual(lowest - 1e-9);
        expect(summary.average).toBeLessThanOrEqual(summary.maximum + 1e-9);
      }),
    );
  });
});

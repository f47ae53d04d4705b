import { describe, expect, it } from 'vitest';
import { replayWhatIf } from '../../../shared/domain/autoscale/whatIf';
import { loadFactorAt } from '../../../shared/domain/autoscale/whatIf/loadProfile';
import { modelPool } from '../../../shared/domain/autoscale/whatIf/nodeModel';
import { whatIfRequestSchema } from '../../../shared/domain/autoscale/whatIf/whatIfSchema';
import { effectivePolicyOf } from '../../../shared/domain/autoscale/policy';
import { ScheduleTimeline } from '../../../shared/features/autoscalePolicies';

function replay(body: unknown) {
  const request = whatIfRequestSchema.parse(body);
  const selected = { source: { kind: 'pool' as const }, policy: request.policy };
  const timeline = new ScheduleTimeline(request.policy.schedules);
  return replayWhatIf(request, (at) => effectivePolicyOf(selected, timeline.openWindowsAt(at).map((window) => window.schedule)));
}

const policy = { minNodes: 2, maxNodes: 20, targets: { cpuUtilizationPercent: 60, pendingPods: true } };
const spike = { kind: 'spike', intensity: 1, spikeEveryMinutes: 60, spikeMinutes: 10, spikeMultiplier: 2.5 };

describe('the load curves (the emulator\'s documented formulas)', () => {
  it.each([
    [{ kind: 'steady', intensity: 2 }, '2026-03-02T05:00:00Z', 2],
    [{ kind: 'diurnal', intensity: 1, peakHourUtc: 12 }, '2026-03-02T12:00:00Z', 1],
    [{ kind: 'diurnal', intensity: 1, peakHourUtc: 12 }, '2026-03-02T00:00:00Z', 0.2],
    [{ kind: 'spike', intensity: 1, spikeEveryMinutes: 60, spikeMinutes: 10, spikeMultiplier: 2.5 }, '2026-03-02T10:09:00Z', 2.5],
    [{ kind: 'spike', intensity: 1, spikeEveryMinutes: 60, spikeMinutes: 10, spikeMultiplier: 2.5 }, '2026-03-02T10:10:00Z', 1],
  ])('%o at %s is %d', (profile, at, expected) => {
    const full = { peakHourUtc: 12, spikeEveryMinutes: 60, spikeMinutes: 10, spikeMultiplier: 2.5, ...profile } as Parameters<typeof loadFactorAt>[0];
    expect(loadFactorAt(full, Date.parse(at))).toBeCloseTo(expected, 10);
  });

  it('the node model: demand over capacity waits as quarter-node pods', () => {
    expect(modelPool({ cpuNodes: 2.5, memoryNodes: 1 }, 2)).toEqual({ cpuPercent: 100, memoryPercent: 50, pendingPods: 2 });
    expect(modelPool({ cpuNodes: 1, memoryNodes: 1 }, 0)).toEqual({ cpuPercent: 0, memoryPercent: 0, pendingPods: 4 });
  });
});

describe('what-if replay', () => {
  it('a spike scales the pool up at once and back down only once the 300 s stabilisation window has passed', () => {
    const result = replay({ policy, series: { kind: 'generated', start: '2026-03-02T09:55:00Z', minutes: 60, profile: spike, demandAtNominalLoad: { cpuNodes: 2, memoryNodes: 1 }, initialNodeCount: 4 } });
    const ups = result.decisions.filter((d) => d.action.type === 'SetCount' && d.action.to > d.action.from);
    const downs = result.decisions.filter((d) => d.action.type === 'SetCount' && d.action.to < d.action.from);
    expect(ups[0]?.at).toBe('2026-03-02T10:00:00.000Z');
    // The spike's last high recommendation is at 10:09; it leaves the window when exactly 300 s old (as the HPA's cutoff).
    expect(downs[0]?.at).toBe('2026-03-02T10:14:00.000Z');
    expect(result.peakNodes).toBeGreaterThanOrEqual(9);
    expect(result.evaluations).toBe(60);
    expect(result.points).toHaveLength(60);
  });

  it('node-hours and minutes above target compare two policies', () => {
    const series = { kind: 'generated', start: '2026-03-02T00:00:00Z', minutes: 24 * 60, profile: { kind: 'diurnal', intensity: 1, peakHourUtc: 12 }, demandAtNominalLoad: { cpuNodes: 6, memoryNodes: 3 }, initialNodeCount: 10 };
    const tight = replay({ policy: { ...policy, targets: { cpuUtilizationPercent: 80 } }, series });
    const loose = replay({ policy: { ...policy, targets: { cpuUtilizationPercent: 40 } }, series });
    expect(tight.nodeHours).toBeLessThan(loose.nodeHours);
    expect(loose.peakNodes).toBeGreaterThan(tight.peakNodes);
    expect(tight.decisions.length).toBeGreaterThan(0);
  });

  it('a recorded series keeps its demand while the node count follows the policy', () => {
    const minutes = Array.from({ length: 10 }, () => ({ cpuPercent: 90, memoryPercent: 30, nodeCount: 2 }));
    const result = replay({ policy, series: { kind: 'recorded', start: '2026-03-02T10:00:00Z', minutes } });
    expect(result.points[0]).toMatchObject({ nodeCount: 2, cpuPercent: 90 });
    expect(result.points[1]).toMatchObject({ nodeCount: 3, cpuPercent: 60 });
    expect(result.minutesAboveTarget).toBe(1);
  });

  it('a ScaleToZero night: no node-hours while the window is open', () => {
    const night = { name: 'night', cron: '0 0 20 * * *', timeZone: 'Europe/Berlin', durationMinutes: 660, action: { type: 'ScaleToZero' } };
    const result = replay({
      policy: { ...policy, minNodes: 1, schedules: [night] },
      series: { kind: 'generated', start: '2026-03-02T18:00:00Z', minutes: 14 * 60, profile: { kind: 'steady', intensity: 0.5 }, demandAtNominalLoad: { cpuNodes: 1, memoryNodes: 1 }, initialNodeCount: 1 },
    });
    expect(result.decisions.map((d) => [d.at, d.action])).toEqual([
      ['2026-03-02T19:00:00.000Z', { type: 'SetCount', from: 1, to: 0 }],
      ['2026-03-03T06:00:00.000Z', { type: 'SetCount', from: 0, to: 1 }],
    ]);
    expect(result.nodeHours).toBe(3);
  });

  it('refuses more than 7 days of minutes', () => {
    const body = { policy, series: { kind: 'generated', start: '2026-03-02T00:00:00Z', minutes: 7 * 24 * 60 + 1, profile: spike, demandAtNominalLoad: { cpuNodes: 1, memoryNodes: 1 }, initialNodeCount: 1 } };
    expect(whatIfRequestSchema.safeParse(body).error?.issues.map((i) => i.path.join('.'))).toEqual(['series.minutes']);
  });
});

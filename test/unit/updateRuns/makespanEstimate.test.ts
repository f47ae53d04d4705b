import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateMakespan, memberUpgradeSeconds, poolRollSeconds, type EstimatedStage } from '../../../shared/domain/updateRuns';

const member = (seconds: number, notBeforeSeconds = 0) => ({ seconds, notBeforeSeconds });
const stage = (name: string, groups: EstimatedStage['groups'], options: Partial<EstimatedStage> = {}): EstimatedStage => ({
  name,
  maxConcurrency: 50,
  groups,
  afterStageWaitSeconds: 0,
  gateSeconds: 0,
  ...options,
});
const group = (maxConcurrency: number, members: { seconds: number; notBeforeSeconds: number }[], gateSeconds = 0) => ({ maxConcurrency, members, gateSeconds });

describe('upgrade durations (the emulator’s documented seconds)', () => {
  it.each([
    ['3 nodes, 1 surge node', { nodes: 3, surgeNodes: 1, unavailableNodes: 0, soakMinutes: 0 }, 90 + 3 * 180 + 30],
    ['10 nodes, 3 surge nodes: 4 batches', { nodes: 10, surgeNodes: 3, unavailableNodes: 0, soakMinutes: 0 }, 90 + 4 * 180 + 30],
    ['in place, 2 unavailable at a time: no surge nodes', { nodes: 4, surgeNodes: 0, unavailableNodes: 2, soakMinutes: 0 }, 2 * 180],
    ['a soak of 5 minutes per batch', { nodes: 2, surgeNodes: 1, unavailableNodes: 0, soakMinutes: 5 }, 90 + 2 * (180 + 300) + 30],
    ['a stopped pool (no nodes roll)', { nodes: 0, surgeNodes: 1, unavailableNodes: 0, soakMinutes: 0 }, 0],
  ])('%s', (_name, pool, seconds) => {
    expect(poolRollSeconds(pool)).toBe(seconds);
  });

  it('a member’s steps add up: each control-plane move, then each pool after the other', () => {
    const pool = { nodes: 3, surgeNodes: 1, unavailableNodes: 0, soakMinutes: 0 };
    expect(memberUpgradeSeconds([{ controlPlane: true, pools: [pool, pool] }, { controlPlane: true, pools: [] }])).toBe(480 + 2 * 660 + 480);
  });
});

describe('estimateMakespan', () => {
  it.each<[string, EstimatedStage[], number, number]>([
    ['one group, 4 equal members, 2 at a time', [stage('s', [group(2, [member(600), member(600), member(600), member(600)])])], 20, 20],
    ['unequal members: the greedy schedule, and the bound by total work', [stage('s', [group(2, [member(1200), member(600), member(600)])])], 20, 20],
    ['a closed window holds its member back', [stage('s', [group(2, [member(600), member(600, 3600)])])], 70, 10],
    ['stages run one after another with their wait', [stage('a', [group(1, [member(600)])], { afterStageWaitSeconds: 300 }), stage('b', [group(1, [member(600)])])], 25, 25],
    ['two groups at once in a stage, or one after the other', [stage('s', [group(1, [member(600)]), group(1, [member(600)])], { maxConcurrency: 1 })], 20, 20],
    ['a health gate’s soak holds the group', [stage('s', [group(1, [member(600)], 600)])], 20, 20],
  ])('%s', (_name, stages, makespan, lowerBound) => {
    expect(estimateMakespan(stages)).toMatchObject({ makespanMinutes: makespan, lowerBoundMinutes: lowerBound });
  });

  const groupArbitrary = fc.record({
    maxConcurrency: fc.integer({ min: 1, max: 6 }),
    members: fc.array(fc.record({ seconds: fc.integer({ min: 0, max: 7200 }), notBeforeSeconds: fc.constantFrom(0, 0, 0, 1800, 86_400) }), { minLength: 1, maxLength: 12 }),
    gateSeconds: fc.constantFrom(0, 600),
  });
  const stagesArbitrary = fc.array(
    fc.record({
      name: fc.constantFrom('a', 'b', 'c'),
      maxConcurrency: fc.integer({ min: 1, max: 4 }),
      groups: fc.array(groupArbitrary, { minLength: 1, maxLength: 4 }),
      afterStageWaitSeconds: fc.constantFrom(0, 300),
      gateSeconds: fc.constantFrom(0, 900),
    }),
    { minLength: 1, maxLength: 3 },
  );

  it('never promises less than the lower bound, nor less than the longest member (property)', () => {
    fc.assert(
      fc.property(stagesArbitrary, (stages) => {
        const estimate = estimateMakespan(stages);
        const longest = Math.max(...stages.flatMap((s) => s.groups.flatMap((g) => g.members.map((m) => m.seconds))));
        expect(estimate.makespanMinutes).toBeGreaterThanOrEqual(estimate.lowerBoundMinutes - 0.1);
        expect(estimate.lowerBoundMinutes).toBeGreaterThanOrEqual(Math.round((longest / 60) * 10) / 10 - 0.1);
        expect(estimate.perStage.reduce((sum, s) => sum + s.minutes, 0)).toBeCloseTo(estimate.makespanMinutes, 0);
      }),
    );
  });

  it('with enough slots and open windows the estimate is the bound (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 60, max: 7200 }), { minLength: 1, maxLength: 10 }), (durations) => {
        const estimate = estimateMakespan([stage('s', [group(durations.length, durations.map((seconds) => member(seconds)))])]);
        expect(estimate.makespanMinutes).toBe(estimate.lowerBoundMinutes);
      }),
    );
  });
});

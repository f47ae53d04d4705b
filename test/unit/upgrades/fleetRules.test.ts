import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import {
  groupOutcome,
  resolveMaxAllowedFailures,
  resolveMaxConcurrency,
} from '../../../shared/domain/upgrades';

describe('resolveMaxConcurrency (kubernetes-fleet concepts-update-orchestration.md, "Maximum concurrency")', () => {
  it.each<[string, string | null, number, 'stage' | 'group', number]>([
    // The doc's "Example 3: Percentage-based rollout": 20 clusters, group A 8, group B 12.
    ['stage 25% of 20 clusters', '25%', 20, 'stage', 5],
    ['group A 50% of 8 clusters', '50%', 8, 'group', 4],
    ['group B 25% of 12 clusters', '25%', 12, 'group', 3],
    ['a fixed count', '3', 20, 'group', 3],
    ['a percentage rounds down', '30%', 5, 'group', 1],
    ['at least 1', '1%', 10, 'group', 1],
    ['no value: a stage takes 50', null, 200, 'stage', 50],
    ['no value: a group takes 1', null, 12, 'group', 1],
    ['a stage never above the system cap of 50', '100%', 200, 'stage', 50],
  ])('%s', (_case, value, members, level, expected) => {
    expect(resolveMaxConcurrency({ value, members, level })).toBe(expected);
  });

  it.each(['0%', '101%', 'all', '2.5'])('refuses %j', (value) => {
    expect(() => resolveMaxConcurrency({ value, members: 10, level: 'group' })).toThrow(ValidationError);
  });

  it('rounds a percentage down, never below 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 100 }), (members, percent) => {
        const resolved = resolveMaxConcurrency({ value: `${percent}%`, members, level: 'group' });
        expect(resolved).toBeGreaterThanOrEqual(1);
        if (resolved > 1) {
          expect(resolved * 100).toBeLessThanOrEqual(members * percent);
          expect((resolved + 1) * 100).toBeGreaterThan(members * percent);
        } else expect(members * percent).toBeLessThan(200);
      }),
    );
  });
});

describe('resolveMaxAllowedFailures and groupOutcome (update-orchestration maxAllowedFailures, upgrades.md §5.1)', () => {
  it.each<[string | null, number, number]>([
    [null, 10, 0],
    ['2', 10, 2],
    ['25%', 10, 3],
    ['10%', 5, 1],
    ['0%', 5, 0],
  ])('%j of %i members allows %i failures', (value, members, expected) => {
    expect(resolveMaxAllowedFailures({ value, members })).toBe(expected);
  });

  it.each<[string, number, string | null, number, 'Completed' | 'Failed']>([
    ['all 4 of 4 failed with a threshold of "4" still completes', 4, '4', 4, 'Completed'],
    ['the default fails fast on the first failure', 4, null, 1, 'Failed'],
    ['no failures complete', 4, null, 0, 'Completed'],
    ['25% of 10 allows 3 failures', 10, '25%', 3, 'Completed'],
    ['25% of 10 fails on the 4th', 10, '25%', 4, 'Failed'],
  ])('%s', (_case, members, maxAllowedFailures, failed, state) => {
    expect(groupOutcome({ members, maxAllowedFailures, failed })).toEqual({ state, failureCount: failed });
  });

  it('rounds a percentage up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 }), (members, percent) => {
        const allowed = resolveMaxAllowedFailures({ value: `${percent}%`, members });
        expect(allowed * 100).toBeGreaterThanOrEqual(members * percent);
        expect((allowed - 1) * 100).toBeLessThan(members * percent);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { autoscalePolicySchema, effectivePolicyOf, type Schedule } from '../../../shared/domain/autoscale/policy';
import { poolRangeOf } from '../../../shared/domain/autoscale/evaluation/poolRange';
import { pool } from './support/poolFixtures';

const selected = { source: { kind: 'pool' as const }, policy: autoscalePolicySchema.parse({ minNodes: 2, maxNodes: 6, targets: { cpuUtilizationPercent: 60 } }) };
const override = (name: string, bounds: { minNodes?: number; maxNodes?: number }): Schedule => ({
  name,
  cron: '0 0 8 * * *',
  timeZone: 'UTC',
  durationMinutes: 60,
  action: { type: 'OverrideRange', ...bounds },
});

describe('the effective policy and the pool range', () => {
  it.each([
    ['no window', [], { minNodes: 2, maxNodes: 6, rangeSchedule: undefined }],
    ['both bounds', [override('a', { minNodes: 4, maxNodes: 10 })], { minNodes: 4, maxNodes: 10, rangeSchedule: 'a' }],
    ['only min, above the policy max: max widens', [override('a', { minNodes: 8 })], { minNodes: 8, maxNodes: 8 }],
    ['only max, below the policy min: min narrows', [override('a', { maxNodes: 1 })], { minNodes: 1, maxNodes: 1 }],
    ['two windows: the first listed sets the range', [override('first', { minNodes: 3 }), override('second', { minNodes: 5 })], { minNodes: 3, rangeSchedule: 'first' }],
  ])('%s', (_case, open, expected) => {
    expect(effectivePolicyOf(selected, open)).toMatchObject(expected);
  });

  it('a System pool keeps one node whatever the window says, and the range says why', () => {
    const effective = effectivePolicyOf(selected, [override('drain', { minNodes: 0, maxNodes: 3 })]);
    expect(poolRangeOf(effective, pool({ mode: 'System' }))).toEqual({ minNodes: 1, maxNodes: 3, rule: 'schedule:drain', note: 'a System pool keeps at least one node' });
    expect(poolRangeOf(effective, pool({ mode: 'User' }))).toMatchObject({ minNodes: 0, maxNodes: 3 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../shared/domain/autoscale';
import { applyLegacyLimits } from '../../../shared/domain/autoscale';
import { ValidationError } from '../../../shared/domain/errors';

/**
 * horizontal_test.go TestConvertDesiredReplicasWithRules. Upstream's test init raises scaleUpLimitFactor
 * to 8; the last row's expectation is calculateScaleUpLimit(3), which with the production factor of 2 is
 * max(2 × 3, 4) = 6.
 */
const rows: {
  name: string;
  current: number;
  desired: number;
  min: number;
  max: number;
  expected: number;
  condition: Condition;
}[] = [
  {
    name: 'prenormalized desired replicas within range',
    current: 5,
    desired: 7,
    min: 3,
    max: 8,
    expected: 7,
    condition: 'DesiredWithinRange',
  },
  {
    name: 'prenormalized desired replicas < minReplicas',
    current: 3,
    desired: 1,
    min: 2,
    max: 8,
    expected: 2,
    condition: 'TooFewReplicas',
  },
  {
    name: 'prenormalized desired zeroed replicas within range',
    current: 1,
    desired: 0,
    min: 0,
    max: 10,
    expected: 0,
    condition: 'DesiredWithinRange',
  },
  {
    name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit',
    current: 20,
    desired: 1000,
    min: 1,
    max: 10,
    expected: 10,
    condition: 'TooManyReplicas',
  },
  {
    name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas',
    current: 3,
    desired: 1000,
    min: 1,
    max: 2000,
    expected: 6,
    condition: 'ScaleUpLimit',
  },
];

describe('applyLegacyLimits — upstream TestConvertDesiredReplicasWithRules rows', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(
      applyLegacyLimits({
        currentReplicas: row.current,
        desiredReplicas: row.desired,
        minReplicas: row.min,
        maxReplicas: row.max,
      }),
    ).toEqual({ desiredReplicas: row.expected, condition: row.condition });
  });

  it('grows to at least 4 from a small count (the scale-up minimum)', () => {
    expect(
      applyLegacyLimits({ currentReplicas: 1, desiredReplicas: 100, minReplicas: 1, maxReplicas: 100 }),
    ).toEqual({
      desiredReplicas: 4,
      condition: 'ScaleUpLimit',
    });
  });

  it('throws a ValidationError on invalid counts', () => {
    expect(() =>
      applyLegacyLimits({ currentReplicas: 1, desiredReplicas: -3, minReplicas: 1, maxReplicas: 5 }),
    ).toThrow(ValidationError);
  });
});

describe('applyLegacyLimits — properties', () => {
  it('from a count within range, stays within [minReplicas, maxReplicas] and grows at most to max(2 × current, 4)', () => {
    // The reconcile loop only gets here with minReplicas <= current <= maxReplicas.
    fc.assert(
      fc.property(fc.nat(100), fc.nat(1000), fc.nat(5000), fc.nat(1000), (min, above, desired, spread) => {
        const max = min + spread;
        const current = Math.min(min + above, max);
        const { desiredReplicas } = applyLegacyLimits({
          currentReplicas: current,
          desiredReplicas: desired,
          minReplicas: min,
          maxReplicas: max,
        });
        expect(desiredReplicas).toBeGreaterThanOrEqual(min);
        expect(desiredReplicas).toBeLessThanOrEqual(max);
        expect(desiredReplicas).toBeLessThanOrEqual(Math.max(2 * current, 4, min));
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../../../shared/domain/autoscale';
import { stabilizeRecommendation, stabilizeRecommendationLegacy } from '../../../shared/domain/autoscale';
import { ValidationError } from '../../../shared/domain/errors';

const minutes = (m: number): number => m * 60;
const recs = (...pairs: [replicas: number, ageSeconds: number][]): Recommendation[] =>
  pairs.map(([replicas, ageSeconds]) => ({ replicas, ageSeconds }));

/**
 * horizontal_test.go TestNormalizeDesiredReplicasWithBehavior (stabilizeRecommendationWithBehaviors).
 * Upstream leaves unset windows at Go's zero value, so they are 0 here too. Upstream compares the stored
 * recommendation values only; the new one is the entry of age 0.
 */
const behaviorRows = [
  {
    name: 'empty recommendations for scaling down',
    log: recs(),
    current: 100,
    desired: 5,
    up: 0,
    down: 0,
    expected: 5,
    stored: [5],
  },
  {
    name: 'simple scale down stabilization',
    log: recs([4, minutes(2)], [5, minutes(1)]),
    current: 100,
    desired: 3,
    up: 0,
    down: minutes(3),
    expected: 5,
    stored: [4, 5, 3],
  },
  {
    name: 'simple scale up stabilization',
    log: recs([4, minutes(2)], [5, minutes(1)]),
    current: 1,
    desired: 7,
    up: minutes(5),
    down: 0,
    expected: 4,
    stored: [4, 5, 7],
  },
  {
    name: 'no scale down stabilization',
    log: recs([1, minutes(2)], [2, minutes(1)]),
    current: 100,
    desired: 3,
    up: minutes(5),
    down: 0,
    expected: 3,
    stored: [1, 2, 3],
  },
  {
    name: 'no scale up stabilization',
    log: recs([4, minutes(2)], [5, minutes(1)]),
    current: 1,
    desired: 3,
    up: 0,
    down: minutes(5),
    expected: 3,
    stored: [4, 5, 3],
  },
  {
    name: 'no scale down stabilization, reuse recommendation element',
    log: recs([10, minutes(10)], [9, minutes(9)]),
    current: 100,
    desired: 3,
    up: 0,
    down: 0,
    expected: 3,
    stored: [10, 3],
  },
  {
    name: 'no scale up stabilization, reuse recommendation element',
    log: recs([10, minutes(10)], [9, minutes(9)]),
    current: 1,
    desired: 100,
    up: 0,
    down: 0,
    expected: 100,
    stored: [10, 100],
  },
  {
    name: 'scale down stabilization, reuse one of obsolete recommendation element',
    log: recs([10, minutes(10)], [4, minutes(1)], [5, minutes(2)], [9, minutes(9)]),
    current: 100,
    desired: 3,
    up: 0,
    down: minutes(3),
    expected: 5,
    stored: [10, 4, 5, 3],
  },
  {
    name: 'scale up stabilization, reuse one of obsolete recommendation element',
    log: recs([10, minutes(100)], [6, minutes(1)], [5, minutes(2)], [9, minutes(3)]),
    current: 1,
    desired: 100,
    up: 300,
    down: 0,
    expected: 5,
    stored: [100, 6, 5, 9],
  },
  {
    name: 'scale up and down stabilization, do not scale up when prenormalized rec goes down',
    log: recs([2, minutes(100)], [3, minutes(3)]),
    current: 2,
    desired: 1,
    up: 300,
    down: 300,
    expected: 2,
    stored: null,
  },
  {
    name: 'scale up and down stabilization, do not scale down when prenormalized rec goes up',
    log: recs([2, minutes(100)], [1, minutes(3)]),
    current: 2,
    desired: 3,
    up: 300,
    down: 300,
    expected: 2,
    stored: null,
  },
];

/** horizontal_test.go TestNormalizeDesiredReplicas (stabilizeRecommendation, downscale window 5 min). */
const legacyRows = [
  { name: 'empty log', log: recs(), desired: 5, expected: 5, logLength: 1 },
  { name: 'stabilize', log: recs([4, minutes(2)], [5, minutes(1)]), desired: 3, expected: 5, logLength: 3 },
  {
    name: 'no stabilize',
    log: recs([1, minutes(2)], [2, minutes(1)]),
    desired: 3,
    expected: 3,
    logLength: 3,
  },
  {
    name: 'no stabilize - old recommendations',
    log: recs([10, minutes(10)], [9, minutes(9)]),
    desired: 3,
    expected: 3,
    logLength: 2,
  },
  {
    name: 'stabilize - old recommendations',
    log: recs([10, minutes(10)], [4, minutes(1)], [5, minutes(2)], [9, minutes(9)]),
    desired: 3,
    expected: 5,
    logLength: 4,
  },
];

describe('stabilizeRecommendation — upstream TestNormalizeDesiredReplicasWithBehavior rows', () => {
  it.each(behaviorRows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const result = stabilizeRecommendation({
      currentReplicas: row.current,
      desiredReplicas: row.desired,
      recommendations: row.log,
      scaleUpWindowSeconds: row.up,
      scaleDownWindowSeconds: row.down,
    });
    expect(result.replicas).toBe(row.expected);
    if (row.stored !== null) expect(result.recommendations.map((r) => r.replicas)).toEqual(row.stored);
    expect(
      result.recommendations.filter((r) => r.ageSeconds === 0 && r.replicas === row.desired).length,
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('stabilizeRecommendationLegacy — upstream TestNormalizeDesiredReplicas rows', () => {
  it.each(legacyRows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const result = stabilizeRecommendationLegacy({
      desiredReplicas: row.desired,
      recommendations: row.log,
      windowSeconds: minutes(5),
    });
    expect(result.replicas).toBe(row.expected);
    expect(result.recommendations).toHaveLength(row.logLength);
  });
});

describe('stabilization — window edges and inputs', () => {
  it('a recommendation exactly as old as the window is neither inside it nor obsolete', () => {
    const result = stabilizeRecommendation({
      currentReplicas: 10,
      desiredReplicas: 2,
      recommendations: recs([8, 300]),
      scaleUpWindowSeconds: 300,
      scaleDownWindowSeconds: 300,
    });
    expect(result.replicas).toBe(2);
    expect(result.recommendations).toEqual(recs([8, 300], [2, 0]));
  });

  it('the legacy window still counts a recommendation exactly as old as the window', () => {
    const result = stabilizeRecommendationLegacy({
      desiredReplicas: 2,
      recommendations: recs([8, 300]),
      windowSeconds: 300,
    });
    expect(result.replicas).toBe(8);
  });

  it('does not change the caller’s log', () => {
    const log = recs([10, 900], [4, 10]);
    stabilizeRecommendation({
      currentReplicas: 5,
      desiredReplicas: 3,
      recommendations: log,
      scaleUpWindowSeconds: 0,
      scaleDownWindowSeconds: 300,
    });
    expect(log).toEqual(recs([10, 900], [4, 10]));
  });

  it('throws a ValidationError on negative ages or counts', () => {
    expect(() =>
      stabilizeRecommendation({
        currentReplicas: -1,
        desiredReplicas: 1,
        recommendations: [],
        scaleUpWindowSeconds: 0,
        scaleDownWindowSeconds: 0,
      }),
    ).toThrow(ValidationError);
    expect(() =>
      stabilizeRecommendationLegacy({
        desiredReplicas: 1,
        recommendations: recs([1, -5]),
        windowSeconds: 300,
      }),
    ).toThrow(ValidationError);
  });
});

const logArbitrary = fc.array(fc.record({ replicas: fc.nat(50), ageSeconds: fc.nat(900) }), {
  maxLength: 12,
});
const windowArbitrary = fc.constantFrom(0, 15, 60, 150, 300, 600);

describe('stabilization — properties', () => {
  it('is idempotent: the same tick twice (no time passing) gives the same count', () => {
    fc.assert(
      fc.property(
        logArbitrary,
        fc.nat(50),
        fc.nat(50),
        windowArbitrary,
        windowArbitrary,
        (log, current, desired, up, down) => {
          const tick = (recommendations: Recommendation[]) =>
            stabilizeRecommendation({
              currentReplicas: current,
              desiredReplicas: desired,
              recommendations,
              scaleUpWindowSeconds: up,
              scaleDownWindowSeconds: down,
            });
          const first = tick(log);
          expect(tick(first.recommendations).replicas).toBe(first.replicas);
        },
      ),
    );
  });

  it('the legacy window is idempotent too', () => {
    fc.assert(
      fc.property(logArbitrary, fc.nat(50), windowArbitrary, (log, desired, window) => {
        const first = stabilizeRecommendationLegacy({
          desiredReplicas: desired,
          recommendations: log,
          windowSeconds: window,
        });
        const second = stabilizeRecommendationLegacy({
          desiredReplicas: desired,
          recommendations: first.recommendations,
          windowSeconds: window,
        });
        expect(second.replicas).toBe(first.replicas);
      }),
    );
  });

  it('lands between the current and the desired count (never overshoots either)', () => {
    fc.assert(
      fc.property(
        logArbitrary,
        fc.nat(50),
        fc.nat(50),
        windowArbitrary,
        windowArbitrary,
        (log, current, desired, up, down) => {
          const { replicas } = stabilizeRecommendation({
            currentReplicas: current,
            desiredReplicas: desired,
            recommendations: log,
            scaleUpWindowSeconds: up,
            scaleDownWindowSeconds: down,
          });
          expect(replicas).toBeGreaterThanOrEqual(Math.min(current, desired));
          expect(replicas).toBeLessThanOrEqual(Math.max(current, desired));
        },
      ),
    );
  });

  it('keeps the log bounded: it grows by one only when nothing is obsolete', () => {
    fc.assert(
      fc.property(
        logArbitrary,
        fc.nat(50),
        fc.nat(50),
        windowArbitrary,
        windowArbitrary,
        (log, current, desired, up, down) => {
          const { recommendations } = stabilizeRecommendation({
            currentReplicas: current,
            desiredReplicas: desired,
            recommendations: log,
            scaleUpWindowSeconds: up,
            scaleDownWindowSeconds: down,
          });
          const anyObsolete = log.some((r) => r.ageSeconds > up && r.ageSeconds > down);
          expect(recommendations).toHaveLength(anyObsolete ? log.length : log.length + 1);
        },
      ),
    );
  });

  it('the legacy result is the highest recommendation of the window, never below the desired count', () => {
    fc.assert(
      fc.property(logArbitrary, fc.nat(50), windowArbitrary, (log, desired, window) => {
        const { replicas } = stabilizeRecommendationLegacy({
          desiredReplicas: desired,
          recommendations: log,
          windowSeconds: window,
        });
        const inWindow = log.filter((r) => r.ageSeconds <= window).map((r) => r.replicas);
        expect(replicas).toBe(Math.max(desired, ...inWindow));
      }),
    );
  });
});

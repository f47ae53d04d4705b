import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TooManyRequestsError } from '../../../shared/domain/errors';
import { ArmReadBudget, type ArmReader } from '../../../shared/platform/arm/armReadBudget';
import { TokenBucket } from '../../../shared/platform/arm/tokenBucket';

const SUB = '00000000-0000-0000-0000-000000000000';
const ARM = { capacity: 250, refillPerSecond: 25 };
const alice: ArmReader = { kind: 'caller', id: 'tenant/alice' };
const bob: ArmReader = { kind: 'caller', id: 'tenant/bob' };
const system: ArmReader = { kind: 'system' };

function budgetAt(limits: Partial<ConstructorParameters<typeof ArmReadBudget>[0]> = {}) {
  const clock = { now: 0 };
  const budget = new ArmReadBudget({ arm: ARM, instances: 1, systemShare: 0.2, callerShare: 0.25, ...limits }, () => clock.now);
  const granted = (reader: ArmReader, times: number) => {
    let ok = 0;
    for (let i = 0; i < times; i++) {
      try {
        budget.spend(SUB, reader);
        ok += 1;
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) throw error;
      }
    }
    return ok;
  };
  return { clock, budget, granted };
}

describe('token bucket', () => {
  it('starts full, refills continuously up to its capacity, and says when the next token is back', () => {
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2 }, 0);
    expect([bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0)]).toEqual([true, true, true, false]);
    expect(bucket.secondsUntilToken(0)).toBe(1);
    expect(bucket.tryTake(499)).toBe(false);
    expect(bucket.tryTake(500)).toBe(true);
    expect(bucket.remaining(60_000)).toBe(3);
    expect(bucket.isFull(60_000)).toBe(true);
  });
});

describe('ARM read budget', () => {
  it.each([
    // [instances, system share, caller share] → [system, callers' part, one caller] capacities and rates
    [1, 0.2, 0.25, { capacity: 50, refillPerSecond: 5 }, { capacity: 200, refillPerSecond: 20 }, { capacity: 50, refillPerSecond: 5 }],
    [4, 0.2, 0.5, { capacity: 12, refillPerSecond: 1.25 }, { capacity: 50, refillPerSecond: 5 }, { capacity: 25, refillPerSecond: 2.5 }],
    [1000, 0.5, 1, { capacity: 1, refillPerSecond: 0.0125 }, { capacity: 1, refillPerSecond: 0.0125 }, { capacity: 1, refillPerSecond: 0.0125 }],
  ])('%i instances, system %f, caller %f: splits ARM’s bucket', (instances, systemShare, callerShare, sys, callers, one) => {
    const { budget } = budgetAt({ instances, systemShare, callerShare });
    expect(budget.system).toEqual(sys);
    expect(budget.callers).toEqual(callers);
    expect(budget.perCaller).toEqual(one);
  });

  it('refuses a caller past its share with 429 and a Retry-After, while others and the system still read', () => {
    const { budget, granted } = budgetAt();
    expect(granted(alice, 80)).toBe(50);
    try {
      budget.spend(SUB, alice);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TooManyRequestsError);
      expect(error).toMatchObject({ code: 'ArmReadBudgetExceeded', retryAfterSeconds: 1 });
    }
    expect(granted(bob, 10)).toBe(10);
    expect(() => granted(system, 500)).not.toThrow();
  });

  it('keeps the system reserve out of the callers’ reach: many callers together get at most the callers’ part', () => {
    const { granted } = budgetAt();
    const total = Array.from({ length: 10 }, (_, i) => granted({ kind: 'caller', id: `c${i}` }, 100)).reduce((a, b) => a + b, 0);
    expect(total).toBe(200);
  });

  it('counts subscriptions apart and caller ids exactly', () => {
    const { budget, granted } = budgetAt();
    expect(granted(alice, 50)).toBe(50);
    expect(() => budget.spend('11111111-1111-1111-1111-111111111111', alice)).not.toThrow();
    expect(() => budget.spend(SUB.toUpperCase(), alice)).toThrow(TooManyRequestsError);
  });

  it('property: over any schedule, no caller exceeds capacity + rate × time, callers together neither, and the system is never refused', () => {
    const event = fc.record({ advanceMs: fc.integer({ min: 0, max: 2_000 }), who: fc.integer({ min: -1, max: 4 }), times: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const { clock, budget, granted } = budgetAt();
        const perCaller = new Map<number, number>();
        let callersTotal = 0;
        for (const { advanceMs, who, times } of events) {
          clock.now += advanceMs;
          if (who < 0) {
            expect(() => granted(system, times)).not.toThrow();
            continue;
          }
          const ok = granted({ kind: 'caller', id: `c${who}` }, times);
          perCaller.set(who, (perCaller.get(who) ?? 0) + ok);
          callersTotal += ok;
        }
        const seconds = clock.now / 1000;
        for (const total of perCaller.values()) expect(total).toBeLessThanOrEqual(budget.perCaller.capacity + budget.perCaller.refillPerSecond * seconds);
        expect(callersTotal).toBeLessThanOrEqual(budget.callers.capacity + budget.callers.refillPerSecond * seconds);
      }),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, ScaleEvent, ScalingPolicy, ScalingRules } from '../../../shared/domain/autoscale';
import {
  applyRateLimits,
  replicasChangedWithin,
  scaleDownLimit,
  scaleUpLimit,
} from '../../../shared/domain/autoscale';
import {
  withScaleDownDefaults,
  withScaleUpDefaults,
} from '../../../shared/domain/autoscale/scalingRuleDefaults';
import { ValidationError } from '../../../shared/domain/errors';

/** horizontal_test.go's generateScalingRules: a zero value leaves that policy out; selectPolicy Max. */
function generateScalingRules(
  pods: number,
  podsPeriod: number,
  percent: number,
  percentPeriod: number,
  window: number,
): ScalingRules {
  const policies: ScalingPolicy[] = [];
  if (pods !== 0) policies.push({ type: 'Pods', value: pods, periodSeconds: podsPeriod });
  if (percent !== 0) policies.push({ type: 'Percent', value: percent, periodSeconds: percentPeriod });
  return { stabilizationWindowSeconds: window, selectPolicy: 'Max', policies };
}

/** horizontal_test.go's generateEventsUniformDistribution: events centred in equal slices of the period. */
function uniformEvents(changes: number[], periodSeconds: number): ScaleEvent[] {
  const slice = periodSeconds / changes.length;
  return changes.map((replicaChange, index) => ({
    replicaChange,
    ageSeconds: periodSeconds - slice * (index + 1) + slice / 2,
  }));
}

interface Row {
  name: string;
  current: number;
  desired: number;
  min: number;
  max: number;
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
  scaleUpEvents?: ScaleEvent[];
  scaleDownEvents?: ScaleEvent[];
  expected: number;
  condition: Condition;
}

const e159 = uniformEvents([1, 5, 9], 120);
const e8_12_9_11 = uniformEvents([8, 12, 9, 11], 120);

/** horizontal_test.go TestScalingWithRules (convertDesiredReplicasWithBehaviorRate), all 42 rows. */
const rows: Row[] = [
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
    name: 'prenormalized desired replicas within range when minReplicas is 0',
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
    name: 'desired replica count is more than the maximum replica count',
    current: 100,
    desired: 1000,
    min: 100,
    max: 150,
    expected: 150,
    condition: 'TooManyReplicas',
  },
  {
    name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies',
    current: 3,
    desired: 1000,
    min: 1,
    max: 2000,
    scaleUp: generateScalingRules(0, 0, 1, 60, 0),
    expected: 4,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies (skipped upstream: testThis)',
    current: 1000,
    desired: 3,
    min: 3,
    max: 2000,
    scaleDown: generateScalingRules(20, 60, 0, 0, 0),
    expected: 980,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'scaleUp with default behavior',
    current: 10,
    desired: 50,
    min: 1,
    max: 1000,
    expected: 20,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleUp with pods policy larger than percent policy',
    current: 10,
    desired: 500,
    min: 1,
    max: 1000,
    scaleUp: generateScalingRules(100, 60, 100, 60, 0),
    expected: 110,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleUp with percent policy larger than pods policy',
    current: 10,
    desired: 500,
    min: 1,
    max: 1000,
    scaleUp: generateScalingRules(2, 60, 100, 60, 0),
    expected: 20,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleUp with spec MaxReplicas limitation with large pod policy',
    current: 10,
    desired: 50,
    min: 1,
    max: 1000,
    scaleUp: generateScalingRules(100, 60, 0, 0, 0),
    expected: 50,
    condition: 'DesiredWithinRange',
  },
  {
    name: 'scaleUp with spec MaxReplicas limitation with large percent policy',
    current: 10,
    desired: 50,
    min: 1,
    max: 1000,
    scaleUp: generateScalingRules(10000, 60, 0, 0, 0),
    expected: 50,
    condition: 'DesiredWithinRange',
  },
  {
    name: 'scaleUp with pod policy limitation',
    current: 10,
    desired: 50,
    min: 1,
    max: 1000,
    scaleUp: generateScalingRules(30, 60, 0, 0, 0),
    expected: 40,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleUp with percent policy limitation',
    current: 10,
    desired: 50,
    min: 1,
    max: 1000,
    scaleUp: generateScalingRules(0, 0, 200, 60, 0),
    expected: 30,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleDown with percent policy larger than pod policy',
    current: 100,
    desired: 2,
    min: 1,
    max: 1000,
    scaleDown: generateScalingRules(20, 60, 1, 60, 300),
    expected: 80,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'scaleDown with pod policy larger than percent policy',
    current: 100,
    desired: 2,
    min: 1,
    max: 1000,
    scaleDown: generateScalingRules(2, 60, 1, 60, 300),
    expected: 98,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy',
    current: 10,
    desired: 0,
    min: 1,
    max: 1000,
    scaleDown: generateScalingRules(100, 60, 0, 0, 300),
    expected: 1,
    condition: 'TooFewReplicas',
  },
  {
    name: 'scaleDown with spec MinReplicas limitation with large pod policy',
    current: 10,
    desired: 0,
    min: 1,
    max: 1000,
    scaleDown: generateScalingRules(100, 60, 0, 0, 300),
    expected: 1,
    condition: 'TooFewReplicas',
  },
  {
    name: 'scaleDown with spec MinReplicas limitation with large percent policy',
    current: 10,
    desired: 2,
    min: 5,
    max: 1000,
    scaleDown: generateScalingRules(0, 0, 100, 60, 300),
    expected: 5,
    condition: 'TooFewReplicas',
  },
  {
    name: 'scaleDown with pod policy limitation',
    current: 10,
    desired: 2,
    min: 1,
    max: 1000,
    scaleDown: generateScalingRules(5, 60, 0, 0, 300),
    expected: 5,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'scaleDown with percent policy limitation',
    current: 10,
    desired: 5,
    min: 1,
    max: 1000,
    scaleDown: generateScalingRules(0, 0, 50, 60, 300),
    expected: 5,
    condition: 'DesiredWithinRange',
  },
  {
    name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events',
    current: 100,
    desired: 500,
    min: 1,
    max: 200,
    scaleUpEvents: e159,
    scaleUp: generateScalingRules(300, 60, 0, 0, 0),
    expected: 200,
    condition: 'TooManyReplicas',
  },
  {
    name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events',
    current: 100,
    desired: 500,
    min: 1,
    max: 200,
    scaleUpEvents: e159,
    scaleUp: generateScalingRules(0, 0, 10000, 60, 0),
    expected: 200,
    condition: 'TooManyReplicas',
  },
  {
    name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events',
    current: 100,
    desired: 500,
    min: 1,
    max: 1000,
    scaleUpEvents: e159,
    scaleUp: generateScalingRules(5, 120, 0, 0, 0),
    expected: 100,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleUp with pod policy and previous scale up events',
    current: 100,
    desired: 500,
    min: 1,
    max: 1000,
    scaleUpEvents: e159,
    scaleUp: generateScalingRules(150, 120, 0, 0, 0),
    expected: 235,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleUp with percent policy and previous scale up events',
    current: 100,
    desired: 500,
    min: 1,
    max: 1000,
    scaleUpEvents: e159,
    scaleUp: generateScalingRules(0, 0, 200, 120, 0),
    expected: 255,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleUp with percent policy and previous scale up and down events',
    current: 6,
    desired: 24,
    min: 1,
    max: 1000,
    scaleUpEvents: uniformEvents([4], 120),
    scaleDownEvents: uniformEvents([2], 120),
    scaleUp: generateScalingRules(0, 0, 300, 300, 0),
    expected: 16,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'scaleDown with default policy and previous events',
    current: 10,
    desired: 5,
    min: 1,
    max: 1000,
    scaleDownEvents: e159,
    expected: 5,
    condition: 'DesiredWithinRange',
  },
  {
    name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events',
    current: 100,
    desired: 0,
    min: 1,
    max: 1000,
    scaleDownEvents: e159,
    scaleDown: generateScalingRules(115, 120, 0, 0, 300),
    expected: 1,
    condition: 'TooFewReplicas',
  },
  {
    name: 'scaleDown with spec MinReplicas limitation with large pod policy and previous events',
    current: 100,
    desired: 0,
    min: 5,
    max: 1000,
    scaleDownEvents: e159,
    scaleDown: generateScalingRules(130, 120, 0, 0, 300),
    expected: 5,
    condition: 'TooFewReplicas',
  },
  {
    name: 'scaleDown with spec MinReplicas limitation with large percent policy and previous events',
    current: 100,
    desired: 2,
    min: 5,
    max: 1000,
    scaleDownEvents: e159,
    scaleDown: generateScalingRules(0, 0, 100, 120, 300),
    expected: 5,
    condition: 'TooFewReplicas',
  },
  {
    name: 'scaleDown with pod policy limitation and previous events',
    current: 100,
    desired: 2,
    min: 1,
    max: 1000,
    scaleDownEvents: e159,
    scaleDown: generateScalingRules(5, 120, 0, 0, 300),
    expected: 100,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'scaleDown with percent policy limitation and previous events',
    current: 100,
    desired: 0,
    min: 1,
    max: 1000,
    scaleDownEvents: uniformEvents([2, 4, 6], 120),
    scaleDown: generateScalingRules(0, 0, 50, 120, 300),
    expected: 56,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'scaleDown with percent policy and previous scale up and down events',
    current: 10,
    desired: 1,
    min: 1,
    max: 1000,
    scaleUpEvents: uniformEvents([2], 120),
    scaleDownEvents: uniformEvents([4], 120),
    scaleDown: generateScalingRules(0, 0, 50, 180, 0),
    expected: 6,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'scaleDown with previous events preventing further scale down',
    current: 100,
    desired: 0,
    min: 1,
    max: 1000,
    scaleDownEvents: uniformEvents([10, 10, 10], 120),
    scaleDown: generateScalingRules(0, 0, 10, 120, 300),
    expected: 100,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'scaleDown with with previous events still allowing more scale down',
    current: 10,
    desired: 5,
    min: 1,
    max: 1000,
    scaleDownEvents: uniformEvents([10, 10, 10], 120),
    scaleDown: generateScalingRules(0, 0, 1000, 120, 300),
    expected: 5,
    condition: 'DesiredWithinRange',
  },
  {
    name: "check 'outdated' flag for events for one behavior for up",
    current: 100,
    desired: 200,
    min: 1,
    max: 1000,
    scaleUpEvents: e8_12_9_11,
    scaleUp: generateScalingRules(1000, 60, 0, 0, 0),
    expected: 200,
    condition: 'DesiredWithinRange',
  },
  {
    name: "check that events were not marked 'outdated' for two different policies in the behavior for up",
    current: 100,
    desired: 200,
    min: 1,
    max: 1000,
    scaleUpEvents: e8_12_9_11,
    scaleUp: generateScalingRules(1000, 120, 100, 60, 0),
    expected: 200,
    condition: 'DesiredWithinRange',
  },
  {
    name: "check that events were marked 'outdated' for two different policies in the behavior for up",
    current: 100,
    desired: 200,
    min: 1,
    max: 1000,
    scaleUpEvents: e8_12_9_11,
    scaleUp: generateScalingRules(1000, 30, 100, 60, 0),
    expected: 200,
    condition: 'DesiredWithinRange',
  },
  {
    name: "check 'outdated' flag for events for one behavior for down",
    current: 100,
    desired: 5,
    min: 1,
    max: 1000,
    scaleDownEvents: e8_12_9_11,
    scaleDown: generateScalingRules(1000, 60, 0, 0, 300),
    expected: 5,
    condition: 'DesiredWithinRange',
  },
  {
    name: "check that events were not marked 'outdated' for two different policies in the behavior for down",
    current: 100,
    desired: 5,
    min: 1,
    max: 1000,
    scaleDownEvents: e8_12_9_11,
    scaleDown: generateScalingRules(1000, 120, 100, 60, 300),
    expected: 5,
    condition: 'DesiredWithinRange',
  },
  {
    name: "check that events were marked 'outdated' for two different policies in the behavior for down",
    current: 100,
    desired: 5,
    min: 1,
    max: 1000,
    scaleDownEvents: e8_12_9_11,
    scaleDown: generateScalingRules(1000, 30, 100, 60, 300),
    expected: 5,
    condition: 'DesiredWithinRange',
  },
];

describe('applyRateLimits — upstream TestScalingWithRules rows', () => {
  it('has all 42 rows', () => expect(rows).toHaveLength(42));

  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const result = applyRateLimits({
      currentReplicas: row.current,
      desiredReplicas: row.desired,
      minReplicas: row.min,
      maxReplicas: row.max,
      scaleUp: row.scaleUp ?? null,
      scaleDown: row.scaleDown ?? null,
      scaleUpEvents: row.scaleUpEvents ?? [],
      scaleDownEvents: row.scaleDownEvents ?? [],
    });
    expect(result).toEqual({ desiredReplicas: row.expected, condition: row.condition });
  });
});

describe('scaleUpLimit / scaleDownLimit — upstream single cases', () => {
  const minChange: ScalingRules = {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Min',
    policies: [
      { type: 'Pods', value: 2, periodSeconds: 60 },
      { type: 'Percent', value: 50, periodSeconds: 60 },
    ],
  };

  it('TestCalculateScaleUpLimitWithScalingRules: Min of {+2 pods, +50 %} from 1 is 2', () => {
    expect(
      scaleUpLimit({ currentReplicas: 1, rules: minChange, scaleUpEvents: [], scaleDownEvents: [] }),
    ).toBe(2);
  });

  it('TestCalculateScaleDownLimitWithBehaviors: Min of {-2 pods, -50 %} from 5 is 3', () => {
    expect(
      scaleDownLimit({ currentReplicas: 5, rules: minChange, scaleUpEvents: [], scaleDownEvents: [] }),
    ).toBe(3);
  });

  it('Disabled keeps the current count in both directions', () => {
    const disabled: ScalingRules = { selectPolicy: 'Disabled' };
    expect(
      scaleUpLimit({ currentReplicas: 7, rules: disabled, scaleUpEvents: [], scaleDownEvents: [] }),
    ).toBe(7);
    expect(
      scaleDownLimit({ currentReplicas: 7, rules: disabled, scaleUpEvents: [], scaleDownEvents: [] }),
    ).toBe(7);
  });

  it('the Percent proposal is computed in float64 as upstream does (100 × 1.1 = 110.00000000000001, so 111)', () => {
    const tenPercent: ScalingRules = { policies: [{ type: 'Percent', value: 10, periodSeconds: 15 }] };
    expect(
      scaleUpLimit({ currentReplicas: 100, rules: tenPercent, scaleUpEvents: [], scaleDownEvents: [] }),
    ).toBe(111);
  });
});

/** horizontal_test.go TestStoreScaleEvents: getReplicasChangePerPeriod(60, previous events) per row. */
const storedEventRows: { name: string; events: ScaleEvent[]; expected: number }[] = [
  { name: 'empty entries with default behavior', events: [], expected: 0 },
  { name: 'empty entries with two-policy-behavior', events: [], expected: 0 },
  {
    name: 'one outdated entry to be kept untouched without behavior',
    events: [{ replicaChange: 7, ageSeconds: 61 }],
    expected: 0,
  },
  {
    name: 'one outdated entry to be replaced with behavior',
    events: [{ replicaChange: 7, ageSeconds: 61 }],
    expected: 0,
  },
  {
    name: 'one actual entry to be not touched with behavior',
    events: [{ replicaChange: 7, ageSeconds: 58 }],
    expected: 7,
  },
  {
    name: 'two entries, one of them to be replaced',
    events: [
      { replicaChange: 7, ageSeconds: 61 },
      { replicaChange: 6, ageSeconds: 59 },
    ],
    expected: 6,
  },
  {
    name: 'replace one entry, use policies with different periods',
    events: [
      { replicaChange: 8, ageSeconds: 29 },
      { replicaChange: 6, ageSeconds: 59 },
      { replicaChange: 7, ageSeconds: 61 },
      { replicaChange: 9, ageSeconds: 61 },
    ],
    expected: 14,
  },
  {
    name: 'two entries, both actual',
    events: [
      { replicaChange: 7, ageSeconds: 58 },
      { replicaChange: 6, ageSeconds: 59 },
    ],
    expected: 13,
  },
];

describe('replicasChangedWithin — upstream TestStoreScaleEvents rows (the 60 s sum)', () => {
  it.each(storedEventRows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(replicasChangedWithin({ periodSeconds: 60, events: row.events })).toBe(row.expected);
  });

  it('an event exactly as old as the period no longer counts', () => {
    expect(replicasChangedWithin({ periodSeconds: 60, events: [{ replicaChange: 3, ageSeconds: 60 }] })).toBe(
      0,
    );
  });
});

/** pkg/apis/autoscaling/v2 defaults_test.go TestGenerateScaleDownRules and TestGenerateScaleUpRules. */
describe('API defaults — upstream TestGenerateScaleUpRules / TestGenerateScaleDownRules rows', () => {
  const pods = (value: number, periodSeconds: number): ScalingPolicy => ({
    type: 'Pods',
    value,
    periodSeconds,
  });
  const percent = (value: number, periodSeconds: number): ScalingPolicy => ({
    type: 'Percent',
    value,
    periodSeconds,
  });

  it.each([
    [
      'Default values',
      null,
      { stabilizationWindowSeconds: null, selectPolicy: 'Max', policies: [percent(100, 15)] },
    ],
    [
      'All parameters are specified',
      { stabilizationWindowSeconds: 25, selectPolicy: 'Max', policies: [pods(1, 2), percent(3, 4)] },
      { stabilizationWindowSeconds: 25, selectPolicy: 'Max', policies: [pods(1, 2), percent(3, 4)] },
    ],
    [
      'Percent policy is specified',
      { selectPolicy: 'Min', policies: [percent(1, 2)] },
      { stabilizationWindowSeconds: null, selectPolicy: 'Min', policies: [percent(1, 2)] },
    ],
    [
      'Pods policy is specified',
      { policies: [pods(3, 4)] },
      { stabilizationWindowSeconds: null, selectPolicy: 'Max', policies: [pods(3, 4)] },
    ],
  ] as const)('scale down: %s', (_name, rules, expected) => {
    expect(withScaleDownDefaults(rules as ScalingRules | null)).toEqual(expected);
  });

  it.each([
    [
      'Default values',
      null,
      { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [pods(4, 15), percent(100, 15)] },
    ],
    [
      'All parameters are specified',
      { stabilizationWindowSeconds: 25, selectPolicy: 'Max', policies: [pods(1, 2), percent(3, 4)] },
      { stabilizationWindowSeconds: 25, selectPolicy: 'Max', policies: [pods(1, 2), percent(3, 4)] },
    ],
    [
      'Pod policy is specified',
      { selectPolicy: 'Min', policies: [pods(1, 2)] },
      { stabilizationWindowSeconds: 0, selectPolicy: 'Min', policies: [pods(1, 2)] },
    ],
    [
      'Percent policy is specified',
      { policies: [percent(7, 10)] },
      { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [percent(7, 10)] },
    ],
    [
      'Pod policy and stabilization window are specified',
      { stabilizationWindowSeconds: 25, policies: [pods(4, 2)] },
      { stabilizationWindowSeconds: 25, selectPolicy: 'Max', policies: [pods(4, 2)] },
    ],
    [
      'Percent policy and stabilization window are specified',
      { stabilizationWindowSeconds: 25, policies: [percent(7, 60)] },
      { stabilizationWindowSeconds: 25, selectPolicy: 'Max', policies: [percent(7, 60)] },
    ],
  ] as const)('scale up: %s', (_name, rules, expected) => {
    expect(withScaleUpDefaults(rules as ScalingRules | null)).toEqual(expected);
  });

  it('an empty policy list is kept (no policy), as a set field', () => {
    expect(withScaleUpDefaults({ policies: [] }).policies).toEqual([]);
  });
});

describe('rate limits — inputs', () => {
  it.each([
    ['a negative count', { currentReplicas: -1 }],
    ['a zero policy period', { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 0 }] } }],
    ['an unknown select policy', { scaleUp: { selectPolicy: 'Fastest' } }],
    ['NaN desired', { desiredReplicas: Number.NaN }],
  ])('throws a ValidationError on %s', (_name, override) => {
    const input = {
      currentReplicas: 1,
      desiredReplicas: 2,
      minReplicas: 1,
      maxReplicas: 5,
      scaleUp: null,
      scaleDown: null,
      scaleUpEvents: [],
      scaleDownEvents: [],
      ...override,
    };
    expect(() => applyRateLimits(input as Parameters<typeof applyRateLimits>[0])).toThrow(ValidationError);
  });
});

const policyArbitrary = fc.record({
  type: fc.constantFrom('Pods' as const, 'Percent' as const),
  value: fc.integer({ min: 1, max: 200 }),
  periodSeconds: fc.constantFrom(15, 30, 60, 120),
});

describe('rate limits — properties', () => {
  it('a scale-up policy is never exceeded: replicas added within any trailing period stay within its budget', () => {
    // One Pods policy and scale-ups only: the sum of additions younger than the period never passes the value.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(15, 30, 60, 120),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }),
        (value, periodSeconds, start, wishes) => {
          const rules: ScalingRules = {
            selectPolicy: 'Max',
            policies: [{ type: 'Pods', value, periodSeconds }],
          };
          let current = start;
          let events: ScaleEvent[] = [];
          for (const wish of wishes) {
            const { desiredReplicas } = applyRateLimits({
              currentReplicas: current,
              desiredReplicas: current + wish,
              minReplicas: 1,
              maxReplicas: 100_000,
              scaleUp: rules,
              scaleDown: null,
              scaleUpEvents: events,
              scaleDownEvents: [],
            });
            if (desiredReplicas > current)
              events.push({ replicaChange: desiredReplicas - current, ageSeconds: 0 });
            current = desiredReplicas;
            expect(replicasChangedWithin({ periodSeconds, events })).toBeLessThanOrEqual(value);
            events = events.map((event) => ({ ...event, ageSeconds: event.ageSeconds + 15 }));
          }
        },
      ),
    );
  });

  it('the result never passes the desired count, the range, or the direction’s policy limit', () => {
    fc.assert(
      fc.property(
        fc.nat(300),
        fc.nat(300),
        fc.nat(50),
        fc.integer({ min: 1, max: 400 }),
        fc.array(policyArbitrary, { maxLength: 3 }),
        fc.constantFrom('Max' as const, 'Min' as const, 'Disabled' as const),
        fc.array(fc.record({ replicaChange: fc.integer({ min: 1, max: 30 }), ageSeconds: fc.nat(200) }), {
          maxLength: 5,
        }),
        (current, desired, min, spread, policies, selectPolicy, events) => {
          const max = min + spread;
          const rules: ScalingRules = { selectPolicy, policies };
          const common = { currentReplicas: current, rules, scaleUpEvents: events, scaleDownEvents: [] };
          const result = applyRateLimits({
            currentReplicas: current,
            desiredReplicas: desired,
            minReplicas: min,
            maxReplicas: max,
            scaleUp: rules,
            scaleDown: rules,
            scaleUpEvents: events,
            scaleDownEvents: [],
          });
          if (desired > current) {
            expect(result.desiredReplicas).toBeLessThanOrEqual(desired);
            expect(result.desiredReplicas).toBeLessThanOrEqual(max);
            expect(result.desiredReplicas).toBeLessThanOrEqual(Math.max(current, scaleUpLimit(common)));
          } else if (desired < current) {
            expect(result.desiredReplicas).toBeGreaterThanOrEqual(desired);
            expect(result.desiredReplicas).toBeGreaterThanOrEqual(min);
            expect(result.desiredReplicas).toBeGreaterThanOrEqual(Math.min(current, scaleDownLimit(common)));
          } else {
            expect(result).toEqual({ desiredReplicas: desired, condition: 'DesiredWithinRange' });
          }
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExpansionOption } from '../../../shared/domain/autoscale';
import { leastWaste } from '../../../shared/domain/autoscale';
import { ValidationError } from '../../../shared/domain/errors';

/** cluster-autoscaler/expander/waste/waste_test.go (release-1.37) TestLeastWaste, its four steps. */
const cpuPerPod = 500;
const memoryPerPod = 1000 * 1024 * 1024;
const pod = { cpuMilli: cpuPerPod, memoryBytes: memoryPerPod };
const option = (nodeGroup: string, cpuMilli: number, memoryBytes: number): ExpansionOption => ({
  nodeGroup,
  nodeCount: 1,
  nodeCapacity: { cpuMilli, memoryBytes },
});
const balanced = option('balanced', 16 * cpuPerPod, 16 * memoryPerPod);
const highmem = option('highmem', 16 * cpuPerPod, 32 * memoryPerPod);
const lowcpu = option('lowcpu', 8 * cpuPerPod, 16 * memoryPerPod);

describe('leastWaste — upstream TestLeastWaste steps', () => {
  it('without any pods, one node info', () => {
    expect(leastWaste({ pods: [], options: [balanced] }).best).toEqual(['balanced']);
  });

  it('with one pod, one node info', () => {
    expect(leastWaste({ pods: [pod], options: [balanced] }).best).toEqual(['balanced']);
  });

  it('with one pod, two node infos, one that has lots of RAM one that has less', () => {
    expect(leastWaste({ pods: [pod], options: [balanced, highmem] }).best).toEqual(['balanced']);
  });

  it('with one pod, three node infos, one that has lots of RAM one that has less, and one that has less CPU', () => {
    const result = leastWaste({ pods: [pod], options: [balanced, highmem, lowcpu] });
    expect(result.best).toEqual(['lowcpu']);
    expect(result.scores).toEqual({ balanced: 1.875, highmem: 1.90625, lowcpu: 1.8125 });
  });
});

describe('leastWaste — details', () => {
  it('keeps every option of the lowest score, in input order', () => {
    const twin = { ...balanced, nodeGroup: 'balanced-b' };
    expect(leastWaste({ pods: [pod], options: [highmem, balanced, twin] }).best).toEqual([
      'balanced',
      'balanced-b',
    ]);
  });

  it('counts capacity times node count', () => {
    const two = { ...lowcpu, nodeGroup: 'two-lowcpu', nodeCount: 2 };
    expect(leastWaste({ pods: [pod, pod], options: [two] }).scores['two-lowcpu']).toBe(0.875 + 0.9375);
  });

  it('no options: nothing to pick', () => {
    expect(leastWaste({ pods: [pod], options: [] })).toEqual({ best: [], scores: {} });
  });

  it('throws a ValidationError on a node count of 0, zero capacity, or a repeated node group', () => {
    expect(() => leastWaste({ pods: [pod], options: [{ ...balanced, nodeCount: 0 }] })).toThrow(
      ValidationError,
    );
    expect(() => leastWaste({ pods: [pod], options: [option('x', 0, 1)] })).toThrow(ValidationError);
    expect(() => leastWaste({ pods: [pod], options: [balanced, balanced] })).toThrow(ValidationError);
  });
});

const optionsArbitrary = fc.uniqueArray(
  fc.record({
    nodeGroup: fc.string({ minLength: 1, maxLength: 6 }),
    nodeCount: fc.integer({ min: 1, max: 10 }),
    nodeCapacity: fc.record({
      cpuMilli: fc.integer({ min: 1, max: 64_000 }),
      memoryBytes: fc.integer({ min: 1, max: 2 ** 36 }),
    }),
  }),
  { selector: (o) => o.nodeGroup, maxLength: 6 },
);
const podsArbitrary = fc.array(fc.record({ cpuMilli: fc.nat(4000), memoryBytes: fc.nat(2 ** 33) }), {
  maxLength: 6,
});

describe('leastWaste — properties', () => {
  it('the best options are exactly those of the minimum score', () => {
    fc.assert(
      fc.property(podsArbitrary, optionsArbitrary, (pods, options) => {
        const { best, scores } = leastWaste({ pods, options });
        const lowest = Math.min(...Object.values(scores));
        expect(best).toEqual(options.filter((o) => scores[o.nodeGroup] === lowest).map((o) => o.nodeGroup));
      }),
    );
  });

  it('more requested resources never raise an option’s waste', () => {
    fc.assert(
      fc.property(
        podsArbitrary,
        optionsArbitrary,
        fc.record({ cpuMilli: fc.nat(4000), memoryBytes: fc.nat(2 ** 33) }),
        (pods, options, extra) => {
          const before = leastWaste({ pods, options }).scores;
          const after = leastWaste({ pods: [...pods, extra], options }).scores;
          for (const o of options) expect(after[o.nodeGroup]).toBeLessThanOrEqual(before[o.nodeGroup]!);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EstimateNodesInput, NodeTemplate, PodGroup } from '../../../shared/domain/autoscale';
import { estimateNodes } from '../../../shared/domain/autoscale';
import { ValidationError } from '../../../shared/domain/errors';

const MiB = 1024 * 1024;

/** binpacking_estimator_test.go's makeNode: memory in MiB, allocatable = capacity. */
const template = (cpuMilli: number, memoryMiB: number, pods: number): NodeTemplate => ({
  allocatableCpuMilli: cpuMilli,
  allocatableMemoryBytes: memoryMiB * MiB,
  allocatablePods: pods,
});

/** BuildTestPod(name, cpu, mem): millicores and bytes. */
const group = (count: number, cpuMilli: number, memoryBytes: number): PodGroup => ({
  count,
  cpuMilli,
  memoryBytes,
});

/**
 * cluster-autoscaler/estimator/binpacking_estimator_test.go (release-1.37) TestBinpackingEstimate and
 * BenchmarkBinpackingEstimate. Not transcribed: the hostPort and topology-spreading rows (no ports or
 * spread constraints in this contract); upstream also runs each single-group row through its fast path
 * and expects the same answer.
 */
const rows: { name: string; input: EstimateNodesInput; nodeCount: number; scheduledPodCount: number }[] = [
  {
    name: 'simple resource-based binpacking',
    input: {
      nodeTemplate: template(350 * 3 - 50, 2 * 1000, 10),
      podGroups: [group(10, 350, 1000)],
      maxNodes: 0,
    },
    nodeCount: 5,
    scheduledPodCount: 10,
  },
  {
    name: 'pods-per-node bound binpacking',
    input: { nodeTemplate: template(10000, 20000, 10), podGroups: [group(20, 10, 100)], maxNodes: 0 },
    nodeCount: 2,
    scheduledPodCount: 20,
  },
  {
    name: 'limiter cuts binpacking',
    input: { nodeTemplate: template(1000, 5000, 10), podGroups: [group(20, 500, 1000)], maxNodes: 5 },
    nodeCount: 5,
    scheduledPodCount: 10,
  },
  {
    name: 'decreasing ordered pods are processed first (the ten scheduled pods are the 500m ones)',
    input: {
      nodeTemplate: template(1000, 5000, 10),
      podGroups: [group(10, 50, 1000), group(10, 500, 1000)],
      maxNodes: 5,
    },
    nodeCount: 5,
    scheduledPodCount: 10,
  },
  {
    name: 'BenchmarkBinpackingEstimate: 1,000 pods of 95m and 50,000 of 50m on 1000m/5000MiB/100-pod nodes',
    input: {
      nodeTemplate: template(1000, 5000, 100),
      podGroups: [group(50000, 50, 100), group(1000, 95, 190)],
      maxNodes: 3000,
    },
    nodeCount: 2595,
    scheduledPodCount: 51000,
  },
];

describe('estimateNodes — upstream TestBinpackingEstimate rows', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(estimateNodes(row.input)).toEqual({
      nodeCount: row.nodeCount,
      scheduledPodCount: row.scheduledPodCount,
    });
  });
});

describe('estimateNodes — behaviour beyond the upstream rows', () => {
  it('a pod bigger than the template schedules nowhere and adds no counted node', () => {
    expect(
      estimateNodes({ nodeTemplate: template(1000, 1000, 10), podGroups: [group(3, 2000, 10)], maxNodes: 0 }),
    ).toEqual({
      nodeCount: 0,
      scheduledPodCount: 0,
    });
  });

  it('smaller groups fill the gaps the bigger ones left before new nodes are added', () => {
    // 3 × 700m need 3 nodes; 3 × 300m then fit in the 300m gaps, so no fourth node.
    expect(
      estimateNodes({
        nodeTemplate: template(1000, 1000, 10),
        podGroups: [group(3, 300, 1), group(3, 700, 1)],
        maxNodes: 0,
      }),
    ).toEqual({
      nodeCount: 3,
      scheduledPodCount: 6,
    });
  });

  it('after the limiter refuses a node, later groups only fill nodes already added', () => {
    const result = estimateNodes({
      nodeTemplate: template(1000, 1000, 10),
      podGroups: [group(4, 600, 1), group(5, 300, 1)],
      maxNodes: 2,
    });
    expect(result).toEqual({ nodeCount: 2, scheduledPodCount: 4 });
  });

  it('pods without requests are bound by the pod slots only', () => {
    expect(
      estimateNodes({ nodeTemplate: template(1000, 1000, 110), podGroups: [group(250, 0, 0)], maxNodes: 0 }),
    ).toEqual({
      nodeCount: 3,
      scheduledPodCount: 250,
    });
  });

  it('throws a ValidationError on negative or fractional counts', () => {
    expect(() =>
      estimateNodes({ nodeTemplate: template(1000, 1000, 10), podGroups: [group(-1, 1, 1)], maxNodes: 0 }),
    ).toThrow(ValidationError);
    expect(() =>
      estimateNodes({ nodeTemplate: template(1000, 1000, 10), podGroups: [group(1, 1, 1)], maxNodes: 1.5 }),
    ).toThrow(ValidationError);
  });
});

const templateArbitrary = fc.record({
  allocatableCpuMilli: fc.integer({ min: 1, max: 16000 }),
  allocatableMemoryBytes: fc.integer({ min: 1, max: 64 * 1024 }).map((mib) => mib * MiB),
  allocatablePods: fc.integer({ min: 1, max: 250 }),
});
const groupArbitrary = fc.record({
  count: fc.nat(300),
  cpuMilli: fc.integer({ min: 0, max: 8000 }),
  memoryBytes: fc.integer({ min: 0, max: 32 * 1024 }).map((mib) => mib * MiB),
});

describe('estimateNodes — properties', () => {
  it('never schedules more than the counted nodes can hold', () => {
    fc.assert(
      fc.property(
        templateArbitrary,
        fc.array(groupArbitrary, { minLength: 1, maxLength: 4 }),
        fc.nat(40),
        (nodeTemplate, podGroups, maxNodes) => {
          const { nodeCount, scheduledPodCount } = estimateNodes({ nodeTemplate, podGroups, maxNodes });
          const cheapestCpu = Math.min(...podGroups.map((g) => g.cpuMilli));
          const cheapestMemory = Math.min(...podGroups.map((g) => g.memoryBytes));
          expect(scheduledPodCount).toBeLessThanOrEqual(podGroups.reduce((sum, g) => sum + g.count, 0));
          expect(scheduledPodCount).toBeLessThanOrEqual(nodeCount * nodeTemplate.allocatablePods);
          expect(scheduledPodCount * cheapestCpu).toBeLessThanOrEqual(
            nodeCount * nodeTemplate.allocatableCpuMilli,
          );
          expect(scheduledPodCount * cheapestMemory).toBeLessThanOrEqual(
            nodeCount * nodeTemplate.allocatableMemoryBytes,
          );
          if (maxNodes > 0) expect(nodeCount).toBeLessThanOrEqual(maxNodes);
        },
      ),
    );
  });

  it('one group: exactly what the nodes hold, and no node more than needed', () => {
    fc.assert(
      fc.property(templateArbitrary, groupArbitrary, (nodeTemplate, podGroup) => {
        const { nodeCount, scheduledPodCount } = estimateNodes({
          nodeTemplate,
          podGroups: [podGroup],
          maxNodes: 0,
        });
        const perNode = Math.min(
          nodeTemplate.allocatablePods,
          podGroup.cpuMilli > 0 ? Math.floor(nodeTemplate.allocatableCpuMilli / podGroup.cpuMilli) : Infinity,
          podGroup.memoryBytes > 0
            ? Math.floor(nodeTemplate.allocatableMemoryBytes / podGroup.memoryBytes)
            : Infinity,
        );
        expect(scheduledPodCount).toBe(perNode === 0 ? 0 : podGroup.count);
        expect(nodeCount).toBe(perNode === 0 ? 0 : Math.ceil(podGroup.count / perNode));
      }),
    );
  });

  it('without a limit, every group that fits an empty node is scheduled in full', () => {
    fc.assert(
      fc.property(
        templateArbitrary,
        fc.array(groupArbitrary, { maxLength: 4 }),
        (nodeTemplate, podGroups) => {
          const fitting = podGroups.filter(
            (g) =>
              g.cpuMilli <= nodeTemplate.allocatableCpuMilli &&
              g.memoryBytes <= nodeTemplate.allocatableMemoryBytes,
          );
          const { scheduledPodCount } = estimateNodes({ nodeTemplate, podGroups: fitting, maxNodes: 0 });
          expect(scheduledPodCount).toBe(fitting.reduce((sum, g) => sum + g.count, 0));
        },
      ),
    );
  });

  it('the order of the groups does not matter (they are sorted first)', () => {
    fc.assert(
      fc.property(
        templateArbitrary,
        fc.array(groupArbitrary, { maxLength: 4 }),
        fc.nat(20),
        (nodeTemplate, podGroups, maxNodes) => {
          const forward = estimateNodes({ nodeTemplate, podGroups, maxNodes });
          const backward = estimateNodes({ nodeTemplate, podGroups: [...podGroups].reverse(), maxNodes });
          fc.pre(
            new Set(
              podGroups.map(
                (g) =>
                  g.cpuMilli / nodeTemplate.allocatableCpuMilli +
                  g.memoryBytes / nodeTemplate.allocatableMemoryBytes,
              ),
            ).size === podGroups.length,
          );
          expect(backward).toEqual(forward);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodePod } from '../../../shared/domain/autoscale';
import { nodeUtilization } from '../../../shared/domain/autoscale';
import { ValidationError } from '../../../shared/domain/errors';

/**
 * cluster-autoscaler/simulator/utilization/info_test.go (release-1.37) TestCalculate, and the DRA-disabled
 * row of TestCalculateWithDynamicResources. Upstream derives a pod's requests from its containers
 * (PodRequests, which counts sidecars and the largest non-restartable init container); here the caller
 * passes the pod-level result, so the init-container pods appear with their effective requests.
 * Not transcribed: the GPU and DRA rows (this contract has no GPUs or resource slices).
 */
const node = { allocatableCpuMilli: 2000, allocatableMemoryBytes: 2_000_000 };
const pod: NodePod = { cpuMilli: 100, memoryBytes: 200_000, kind: 'regular' };
const pod2: NodePod = { cpuMilli: 0, memoryBytes: 0, kind: 'regular' };
const daemonSetPod: NodePod = { cpuMilli: 100, memoryBytes: 200_000, kind: 'daemonset' };
const mirrorPod: NodePod = { cpuMilli: 100, memoryBytes: 200_000, kind: 'mirror' };
const terminatedPod: NodePod = {
  cpuMilli: 100,
  memoryBytes: 200_000,
  kind: 'regular',
  deletionAgeMinutes: 10,
};
/** 100m/200000 containers plus a 50m/100000 sidecar; the 5m/100 init container is smaller. */
const podWithInitContainers: NodePod = { cpuMilli: 150, memoryBytes: 300_000, kind: 'regular' };
/** A 50000m/100000000 non-restartable init container outweighs the 100m/200000 container. */
const podWithLargeInitContainer: NodePod = { cpuMilli: 50_000, memoryBytes: 100_000_000, kind: 'regular' };

const rows: {
  name: string;
  pods: NodePod[];
  ignoreDaemonSets: boolean;
  ignoreMirrorPods: boolean;
  utilization: number;
  cpu?: number;
}[] = [
  {
    name: 'two pods and one without requests',
    pods: [pod, pod, pod2],
    ignoreDaemonSets: false,
    ignoreMirrorPods: false,
    utilization: 2 / 10,
    cpu: 0.1,
  },
  {
    name: 'init containers: sidecars count, the largest init container dominates',
    pods: [pod, podWithInitContainers, podWithLargeInitContainer],
    ignoreDaemonSets: false,
    ignoreMirrorPods: false,
    utilization: 50.25,
    cpu: 25.125,
  },
  {
    name: 'DaemonSet pods (built-in and custom) factored out when skipped',
    pods: [pod, pod, pod2, daemonSetPod, daemonSetPod],
    ignoreDaemonSets: true,
    ignoreMirrorPods: false,
    utilization: 2.5 / 10,
  },
  {
    name: 'a DaemonSet pod counts when not skipped',
    pods: [pod, pod2, daemonSetPod],
    ignoreDaemonSets: false,
    ignoreMirrorPods: false,
    utilization: 2 / 10,
  },
  {
    name: 'a pod terminating for 10 minutes is left out',
    pods: [pod, pod, pod2, terminatedPod],
    ignoreDaemonSets: false,
    ignoreMirrorPods: false,
    utilization: 2 / 10,
  },
  {
    name: 'a mirror pod factored out when skipped',
    pods: [pod, pod, pod2, mirrorPod],
    ignoreDaemonSets: false,
    ignoreMirrorPods: true,
    utilization: 2 / 9,
  },
  {
    name: 'a mirror pod counts when not skipped',
    pods: [pod, pod2, mirrorPod],
    ignoreDaemonSets: false,
    ignoreMirrorPods: false,
    utilization: 2 / 10,
  },
  {
    name: 'mirror and DaemonSet pods both skipped',
    pods: [pod, mirrorPod, daemonSetPod],
    ignoreDaemonSets: true,
    ignoreMirrorPods: true,
    utilization: 1 / 8,
  },
];

describe('nodeUtilization — upstream TestCalculate rows', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const result = nodeUtilization({
      node,
      pods: row.pods,
      ignoreDaemonSets: row.ignoreDaemonSets,
      ignoreMirrorPods: row.ignoreMirrorPods,
    });
    // upstream: assert.InEpsilon(expected, actual, 0.01) for utilization, exact for CPU
    expect(Math.abs(result.utilization - row.utilization) / row.utilization).toBeLessThanOrEqual(0.01);
    if (row.cpu !== undefined) expect(Math.abs(result.cpu - row.cpu) / row.cpu).toBeLessThanOrEqual(0.005);
  });

  it('the first row’s CPU utilization is exactly 0.1, and memory binds', () => {
    expect(
      nodeUtilization({ node, pods: [pod, pod, pod2], ignoreDaemonSets: false, ignoreMirrorPods: false }),
    ).toEqual({
      utilization: 0.2,
      cpu: 0.1,
      memory: 0.2,
      binding: 'memory',
    });
  });

  it('TestCalculateWithDynamicResources, no DRA: CPU 0.5 binds', () => {
    const small = { allocatableCpuMilli: 1000, allocatableMemoryBytes: 1000 };
    const quarterCore: NodePod = { cpuMilli: 250, memoryBytes: 0, kind: 'regular' };
    expect(
      nodeUtilization({
        node: small,
        pods: [quarterCore, quarterCore],
        ignoreDaemonSets: false,
        ignoreMirrorPods: false,
      }),
    ).toEqual({
      utilization: 0.5,
      cpu: 0.5,
      memory: 0,
      binding: 'cpu',
    });
  });

  it('a node without memory is an error, as upstream ("memory is 0")', () => {
    expect(() =>
      nodeUtilization({
        node: { allocatableCpuMilli: 2000, allocatableMemoryBytes: 0 },
        pods: [pod],
        ignoreDaemonSets: false,
        ignoreMirrorPods: false,
      }),
    ).toThrow(ValidationError);
  });
});

describe('nodeUtilization — edges', () => {
  it('a pod deleted a minute ago still counts; past the 30 s grace period plus 30 s it does not', () => {
    const deleting = (deletionAgeMinutes: number): NodePod => ({ ...pod, deletionAgeMinutes });
    const at = (minutes: number) =>
      nodeUtilization({ node, pods: [deleting(minutes)], ignoreDaemonSets: false, ignoreMirrorPods: false })
        .cpu;
    expect(at(1)).toBe(0.05);
    expect(at(1.01)).toBe(0);
  });

  it('ignored pods taking all of allocatable report the resource as full', () => {
    const all: NodePod = { cpuMilli: 2000, memoryBytes: 10, kind: 'daemonset' };
    expect(nodeUtilization({ node, pods: [all], ignoreDaemonSets: true, ignoreMirrorPods: false }).cpu).toBe(
      1,
    );
  });

  it('a tie between CPU and memory reports memory', () => {
    expect(
      nodeUtilization({
        node,
        pods: [{ cpuMilli: 1000, memoryBytes: 1_000_000, kind: 'regular' }],
        ignoreDaemonSets: false,
        ignoreMirrorPods: false,
      }).binding,
    ).toBe('memory');
  });
});

const podArbitrary: fc.Arbitrary<NodePod> = fc.record(
  {
    cpuMilli: fc.nat(2000),
    memoryBytes: fc.nat(2_000_000),
    kind: fc.constantFrom('regular' as const, 'daemonset' as const, 'mirror' as const),
    deletionAgeMinutes: fc.nat(20),
  },
  { requiredKeys: ['cpuMilli', 'memoryBytes', 'kind'] },
);

describe('nodeUtilization — properties', () => {
  it('is the higher of CPU and memory', () => {
    fc.assert(
      fc.property(
        fc.array(podArbitrary, { maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        (pods, ignoreDaemonSets, ignoreMirrorPods) => {
          fc.pre(pods.reduce((sum, p) => sum + p.cpuMilli, 0) < node.allocatableCpuMilli);
          fc.pre(pods.reduce((sum, p) => sum + p.memoryBytes, 0) < node.allocatableMemoryBytes);
          const result = nodeUtilization({ node, pods, ignoreDaemonSets, ignoreMirrorPods });
          expect(result.utilization).toBe(Math.max(result.cpu, result.memory));
          expect(result.utilization).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('one more running pod never lowers utilization', () => {
    fc.assert(
      fc.property(
        fc.array(podArbitrary, { maxLength: 8 }),
        podArbitrary,
        fc.boolean(),
        fc.boolean(),
        (pods, extra, ignoreDaemonSets, ignoreMirrorPods) => {
          const running: NodePod = {
            cpuMilli: extra.cpuMilli,
            memoryBytes: extra.memoryBytes,
            kind: 'regular',
          };
          fc.pre(
            pods.filter((p) => p.kind !== 'regular').reduce((sum, p) => sum + p.cpuMilli, 0) <
              node.allocatableCpuMilli,
          );
          fc.pre(
            pods.filter((p) => p.kind !== 'regular').reduce((sum, p) => sum + p.memoryBytes, 0) <
              node.allocatableMemoryBytes,
          );
          const before = nodeUtilization({ node, pods, ignoreDaemonSets, ignoreMirrorPods });
          const after = nodeUtilization({
            node,
            pods: [...pods, running],
            ignoreDaemonSets,
            ignoreMirrorPods,
          });
          expect(after.utilization).toBeGreaterThanOrEqual(before.utilization);
        },
      ),
    );
  });
});

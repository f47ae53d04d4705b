import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VM_SIZES } from '../../local/aks-emulator/catalogue/vmSizes';
import type { LoadProfile } from '../../local/aks-emulator/workload/loadProfile';
import { DEFAULT_LOAD_PROFILE, loadFactor } from '../../local/aks-emulator/workload/loadProfile';
import { GIB, MIB, nodeResources, reservedCpuMillicores, reservedMemoryBytes } from '../../local/aks-emulator/workload/nodeCapacity';
import { desiredReplicas, plannedPods } from '../../local/aks-emulator/workload/podPlan';
import type { TopologyNode, TopologyRecord } from '../../local/aks-emulator/workload/topology';
import { placeWorkload, viewWorkload } from '../../local/aks-emulator/workload/workloadSnapshot';
import type { WorkloadSpec } from '../../local/aks-emulator/workload/workloadSpec';
import { parseWorkloadSpec, patchWorkloadSpec } from '../../local/aks-emulator/workload/workloadSpec';
import { ArmError } from '../../local/aks-emulator/errors';

const NOON = Date.parse('2026-11-27T12:00:00Z');

describe('node capacity (AKS reservations)', () => {
  it.each([
    [1, 60],
    [2, 100],
    [4, 140],
    [8, 180],
    [16, 260],
    [32, 420],
    [64, 740],
  ])('reserves the documented CPU for %i cores: %i m', (cores, millicores) => {
    expect(reservedCpuMillicores(cores)).toBe(millicores);
  });

  it('reserves min(20 MiB × maxPods + 50 MiB, 25 % of memory) plus the 100 MiB eviction threshold', () => {
    expect(reservedMemoryBytes(16 * GIB, 110)).toBe(2350 * MIB);
    expect(reservedMemoryBytes(16 * GIB, 250)).toBe(4196 * MIB);
    expect(reservedMemoryBytes(3.5 * GIB, 30)).toBe(650 * MIB + 100 * MIB);
    expect(nodeResources({ vCpus: 4, memoryGb: 16 }, 110)).toEqual({
      capacity: { cpuMillicores: 4000, memoryBytes: 16 * GIB },
      allocatable: { cpuMillicores: 3860, memoryBytes: 14034 * MIB, pods: 110 },
    });
  });
});

describe('load profiles', () => {
  const profile = (overrides: Partial<LoadProfile>): LoadProfile => ({ ...DEFAULT_LOAD_PROFILE, ...overrides });

  it.each([
    ['steady', {}, NOON, 1.5],
    ['diurnal peak', { kind: 'diurnal', peakHourUtc: 12 }, NOON, 1.5],
    ['diurnal trough', { kind: 'diurnal', peakHourUtc: 12 }, NOON + 12 * 3_600_000, 0.3],
    ['diurnal six hours off', { kind: 'diurnal', peakHourUtc: 12 }, NOON + 6 * 3_600_000, 0.9],
    ['spike, first minute', { kind: 'spike' }, NOON, 3.75],
    ['spike, last spike minute', { kind: 'spike' }, NOON + 9 * 60_000, 3.75],
    ['spike, after it', { kind: 'spike' }, NOON + 10 * 60_000, 1.5],
    ['spike every 30 minutes for 5', { kind: 'spike', spikeEveryMinutes: 30, spikeMinutes: 5, spikeMultiplier: 2 }, NOON + 32 * 60_000, 3],
  ] as const)('%s', (_name, overrides, at, expected) => {
    expect(loadFactor(profile({ intensity: 1.5, ...overrides }), at)).toBeCloseTo(expected, 12);
  });

  it('scales with intensity at every instant', () => {
    fc.assert(
      fc.property(fc.constantFrom('steady', 'diurnal', 'spike'), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 0, max: 10 * 86_400_000 }), (kind, a, b, t) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const at = NOON + t;
        expect(loadFactor(profile({ kind, intensity: low }), at)).toBeLessThanOrEqual(loadFactor(profile({ kind, intensity: high }), at) + 1e-12);
      }),
    );
  });
});

describe('replicas and pod plans', () => {
  const deployment = (replicas: number, maxReplicas: number | undefined, followsLoad = true) =>
    parseWorkloadSpec({ deployments: [{ namespace: 'ns', name: 'd', replicas, maxReplicas, cpuRequestMillicores: 100, memoryRequestBytes: MIB, followsLoad }] }).deployments[0]!;

  it.each([
    [4, 8, 1, 4],
    [4, 8, 0.2, 4],
    [4, 8, 1.3, 6],
    [4, 8, 1.25, 5],
    [4, 8, 5, 8],
    [4, undefined, 3, 4],
  ])('replicas %i, max %s, load %f → %i', (replicas, max, load, expected) => {
    expect(desiredReplicas(deployment(replicas, max), load)).toBe(expected);
  });

  it('ignores the load when the deployment does not follow it', () => {
    expect(desiredReplicas(deployment(2, 10, false), 4)).toBe(2);
  });

  it('plans the pods of a lower load as a prefix of those of a higher load', () => {
    fc.assert(
      fc.property(deploymentsArbitrary, fc.double({ min: 0, max: 6, noNaN: true }), fc.double({ min: 0, max: 6, noNaN: true }), (deployments, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowNames = plannedPods('c', deployments, low).map((p) => p.name);
        const highNames = plannedPods('c', deployments, high).map((p) => p.name);
        expect(highNames.slice(0, lowNames.length)).toEqual(lowNames);
      }),
    );
  });
});

describe('the workload spec', () => {
  it('refuses bad names, duplicates and PDBs of unknown deployments with one message', () => {
    let caught: unknown;
    try {
      parseWorkloadSpec({
        deployments: [
          { namespace: 'Bad_NS', name: 'a', replicas: 1, cpuRequestMillicores: 1, memoryRequestBytes: 1 },
          { namespace: 'ns', name: 'b', replicas: 3, maxReplicas: 2, cpuRequestMillicores: 1, memoryRequestBytes: 1 },
        ],
        podDisruptionBudgets: [{ namespace: 'ns', name: 'p', deployment: 'missing', minAvailable: 1 }],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ArmError);
    const e = caught as ArmError;
    expect([e.status, e.code]).toEqual([400, 'InvalidRequestContent']);
    expect(e.message).toMatch(/deployments\.0\.namespace: must be a DNS-1123 label/);
    expect(e.message).toMatch(/maxReplicas cannot be below replicas/);
    expect(e.message).toMatch(/selects unknown deployment missing/);
  });

  it('merges a patch into the profile and replaces other top-level fields', () => {
    const current = parseWorkloadSpec({ profile: { kind: 'diurnal', peakHourUtc: 8 }, notReadyNodes: ['n1'] });
    const patched = patchWorkloadSpec(current, { profile: { intensity: 2 }, notReadyNodes: [] });
    expect(patched.profile).toMatchObject({ kind: 'diurnal', peakHourUtc: 8, intensity: 2 });
    expect(patched.notReadyNodes).toEqual([]);
  });
});

// ---- properties of the scheduler and the usage model, over random topologies and workloads ----

const POOLS = ['sys', 'user', 'win'] as const;
const LINUX_SIZES = VM_SIZES.filter((s) => s.capability === 'general' && s.vCpus <= 16).map((s) => s.name);

const deploymentsArbitrary = fc
  .array(
    fc.record({
      replicas: fc.integer({ min: 0, max: 12 }),
      extra: fc.integer({ min: 0, max: 12 }),
      cpu: fc.integer({ min: 50, max: 4_000 }),
      memMiB: fc.integer({ min: 32, max: 8_192 }),
      cpuUtilisation: fc.double({ min: 0, max: 2, noNaN: true }),
      memoryUtilisation: fc.double({ min: 0, max: 1.5, noNaN: true }),
      followsLoad: fc.boolean(),
      os: fc.constantFrom('linux', 'linux', 'windows'),
      pool: fc.option(fc.constantFrom(...POOLS), { nil: undefined }),
    }),
    { maxLength: 6 },
  )
  .map((drafts) =>
    parseWorkloadSpec({
      deployments: drafts.map((d, i) => ({
        namespace: 'ns',
        name: `d${i}`,
        replicas: d.replicas,
        maxReplicas: d.replicas + d.extra,
        cpuRequestMillicores: d.cpu,
        memoryRequestBytes: d.memMiB * MIB,
        cpuUtilisation: d.cpuUtilisation,
        memoryUtilisation: d.memoryUtilisation,
        followsLoad: d.followsLoad,
        nodeSelector: { os: d.os, ...(d.pool ? { pool: d.pool } : {}) },
      })),
    }).deployments,
  );

const specArbitrary = fc.record({ deployments: deploymentsArbitrary, intensity: fc.double({ min: 0, max: 5, noNaN: true }), withAgents: fc.boolean() }).map(
  ({ deployments, intensity, withAgents }): WorkloadSpec =>
    parseWorkloadSpec({
      profile: { kind: 'steady', intensity },
      deployments,
      daemonSets: withAgents ? [{ name: 'agent', cpuRequestMillicores: 100, memoryRequestBytes: 64 * MIB, cpuUsageMillicores: 10, memoryWorkingSetBytes: 40 * MIB }] : [],
    }),
);

const poolArbitrary = fc.record({
  name: fc.constantFrom(...POOLS),
  vmSize: fc.constantFrom(...LINUX_SIZES),
  count: fc.integer({ min: 0, max: 5 }),
  maxPods: fc.constantFrom(4, 30, 110),
});

function topologyOf(pools: readonly { name: string; vmSize: string; count: number; maxPods: number }[], statuses: readonly TopologyNode['status'][] = []): TopologyRecord {
  const unique = pools.filter((p, i) => pools.findIndex((q) => q.name === p.name) === i);
  let index = 0;
  const nodes = unique.flatMap((pool) =>
    Array.from({ length: pool.count }, (_, i): TopologyNode => ({
      name: `aks-${pool.name}-${i}`,
      pool: pool.name,
      vmSize: pool.vmSize,
      os: pool.name === 'win' ? 'windows' : 'linux',
      mode: pool.name === 'sys' ? 'System' : 'User',
      status: statuses[index++ % Math.max(1, statuses.length)] ?? 'Ready',
      kubernetesVersion: '1.35.3',
      nodeImageVersion: 'img',
      maxPods: pool.maxPods,
    })),
  );
  return {
    running: true,
    location: 'eastus',
    kubernetesVersion: '1.35.3',
    autoscalerEnabled: false,
    pools: unique.map((p) => ({ name: p.name, mode: 'User', os: p.name === 'win' ? 'windows' : 'linux', vmSize: p.vmSize, count: p.count, maxPods: p.maxPods, enableAutoScaling: false })),
    nodes,
  };
}

function viewOf(topology: TopologyRecord, spec: WorkloadSpec, at = NOON) {
  const load = loadFactor(spec.profile, at);
  return viewWorkload({ topology, spec, specFromMs: 0, placement: placeWorkload('cluster', topology, spec, load), placementKey: 'key', load, atMs: at });
}

describe('workload properties', () => {
  it('never has more pending pods after a pool grows', () => {
    fc.assert(
      fc.property(fc.array(poolArbitrary, { minLength: 1, maxLength: 3 }), specArbitrary, fc.nat(), fc.integer({ min: 1, max: 4 }), (pools, spec, which, added) => {
        const before = topologyOf(pools);
        const grown = before.pools[which % before.pools.length]!;
        const after = topologyOf(pools);
        // New nodes join after every existing node (age order).
        for (let i = 0; i < added; i += 1) after.nodes.push({ ...before.nodes.find((n) => n.pool === grown.name) ?? templateNode(grown), name: `aks-${grown.name}-new${i}`, status: 'Ready' });
        expect(viewOf(after, spec).pendingPods).toBeLessThanOrEqual(viewOf(before, spec).pendingPods);
      }),
    );
  });

  it('keeps every node’s usage within [0, allocatable], with RSS below the working set', () => {
    fc.assert(
      fc.property(fc.array(poolArbitrary, { minLength: 1, maxLength: 3 }), specArbitrary, fc.array(fc.constantFrom('Ready', 'Cordoned', 'Provisioning', 'Reimaging'), { maxLength: 4 }), (pools, spec, statuses) => {
        for (const node of viewOf(topologyOf(pools, statuses), spec).nodes) {
          expect(node.usage.cpuMillicores).toBeGreaterThanOrEqual(0);
          expect(node.usage.cpuMillicores).toBeLessThanOrEqual(node.allocatable.cpuMillicores);
          expect(node.usage.memoryWorkingSetBytes).toBeGreaterThanOrEqual(0);
          expect(node.usage.memoryWorkingSetBytes).toBeLessThanOrEqual(node.allocatable.memoryBytes);
          expect(node.usage.memoryRssBytes).toBeLessThanOrEqual(node.usage.memoryWorkingSetBytes);
          expect(node.requested.pods).toBeLessThanOrEqual(node.allocatable.pods + (spec.daemonSets.length > 0 ? 1 : 0));
        }
      }),
    );
  });

  it('is monotone in the profile intensity: no node gets less busy, pending pods do not drop', () => {
    fc.assert(
      fc.property(fc.array(poolArbitrary, { minLength: 1, maxLength: 3 }), specArbitrary, fc.double({ min: 0, max: 3, noNaN: true }), (pools, spec, more) => {
        const topology = topologyOf(pools);
        const higher = patchWorkloadSpec(spec, { profile: { intensity: spec.profile.intensity + more } });
        const low = viewOf(topology, spec);
        const high = viewOf(topology, higher);
        expect(high.pendingPods).toBeGreaterThanOrEqual(low.pendingPods);
        low.nodes.forEach((node, i) => {
          expect(high.nodes[i]!.usage.cpuMillicores).toBeGreaterThanOrEqual(node.usage.cpuMillicores - 1e-6);
          expect(high.nodes[i]!.usage.memoryWorkingSetBytes).toBeGreaterThanOrEqual(node.usage.memoryWorkingSetBytes - 1e-3);
        });
      }),
    );
  });

  it('runs pods only on nodes matching their selector, within allocatable requests', () => {
    fc.assert(
      fc.property(fc.array(poolArbitrary, { minLength: 1, maxLength: 3 }), specArbitrary, (pools, spec) => {
        const topology = topologyOf(pools);
        const view = viewOf(topology, spec);
        for (const pod of view.pods) {
          if (pod.owner.kind !== 'Deployment' || pod.node === undefined) continue;
          const node = topology.nodes.find((n) => n.name === pod.node)!;
          const selector = pod.owner.spec.nodeSelector;
          expect(node.os).toBe(selector.os);
          if (selector.pool !== undefined) expect(node.pool).toBe(selector.pool);
        }
        for (const node of view.nodes) if (spec.daemonSets.length === 0) expect(node.requested.cpuMillicores).toBeLessThanOrEqual(node.allocatable.cpuMillicores);
      }),
    );
  });
});

function templateNode(pool: { name: string; vmSize: string; maxPods: number }): TopologyNode {
  return { name: '', pool: pool.name, vmSize: pool.vmSize, os: pool.name === 'win' ? 'windows' : 'linux', mode: 'User', status: 'Ready', kubernetesVersion: '1.35.3', nodeImageVersion: 'img', maxPods: pool.maxPods };
}

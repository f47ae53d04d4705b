/**
 * The CPU cost of deciding a fleet's autoscaling in process: `evaluatePool` for N pools with a realistic mix
 * (CPU, memory and pending-pod targets, custom metrics, behaviors, stabilisation logs, stale readings,
 * skipped pools, cluster-autoscaler pools) and, separately, folding schedules in (`effectivePolicyAt`, the
 * cron library) for the pools whose policy has schedules. Run alone (`node dist/bench/autoscaleEvaluation.js`)
 * it prints the measure for 10,000 pools; `npm run bench:autoscale` calls `measureEvaluationCpu`.
 * Goal: 10,000 pools under 2 s of CPU on this machine.
 */
import { performance } from 'node:perf_hooks';
import { evaluatePool, type EvaluatePoolInput, type PoolState } from '../shared/domain/autoscale/evaluatePool';
import { autoscalePolicySchema, type AutoscalePolicy, type SelectedPolicy } from '../shared/domain/autoscale/policy';
import { effectivePolicyAt, type WindowCache } from '../shared/features/autoscalePolicies';

const NOW = new Date('2026-03-02T19:30:00Z');
const UNCACHED_SAMPLE = 200;
const NODE = { allocatableCpuMilli: 3860, allocatableMemoryBytes: 12_884_901_888, allocatablePods: 110 };

const POLICIES: AutoscalePolicy[] = [
  autoscalePolicySchema.parse({ minNodes: 1, maxNodes: 20, targets: { cpuUtilizationPercent: 60 } }),
  autoscalePolicySchema.parse({ minNodes: 2, maxNodes: 50, targets: { cpuUtilizationPercent: 70, memoryUtilizationPercent: 75, pendingPods: true } }),
  autoscalePolicySchema.parse({
    minNodes: 0,
    maxNodes: 10,
    targets: { pendingPods: true, customMetric: { name: 'queueDepth', targetAverageValue: 50 } },
    behavior: { scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
    schedules: [
      { name: 'night', cron: '0 0 20 * * MON-FRI', timeZone: 'Europe/Berlin', durationMinutes: 660, action: { type: 'ScaleToZero' } },
      { name: 'business', cron: '0 0 8 * * MON-FRI', timeZone: 'Europe/Berlin', durationMinutes: 600, action: { type: 'OverrideRange', minNodes: 3 } },
    ],
  }),
];

/** A deterministic spread of pools; `i` picks the policy, the state and the readings. */
function poolInput(i: number, selectedPolicies: SelectedPolicy[], effectiveOf: (selected: SelectedPolicy) => EvaluatePoolInput['policy']): EvaluatePoolInput {
  const selected = selectedPolicies[i % selectedPolicies.length]!;
  const count = 1 + (i % 17);
  const ageSeconds = (i * 37) % 400;
  const at = (secondsAgo: number) => new Date(NOW.getTime() - secondsAgo * 1000).toISOString();
  const pool: PoolState = {
    clusterResourceId: `/subscriptions/00000000-0000-0000-0000-${String(i % 20).padStart(12, '0')}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c${i}`,
    poolName: 'user1',
    mode: 'User',
    count,
    node: NODE,
    clusterAutoscaler: i % 23 === 0 ? { enabled: true, minCount: 1, maxCount: 5 } : { enabled: false },
    provisioningState: i % 29 === 0 ? 'Updating' : 'Succeeded',
    clusterPowerState: 'Running',
    inOperation: i % 31 === 0,
    upgrading: false,
    inUpdateRun: false,
  };
  return {
    policy: effectiveOf(selected),
    pool,
    observations: {
      cpuPercent: { value: (i * 13) % 100, sampledAt: at(ageSeconds) },
      memoryPercent: { value: (i * 7) % 100, sampledAt: at(ageSeconds) },
      pendingPods: { groups: i % 5 === 0 ? [{ count: 1 + (i % 9), cpuMilli: 500, memoryBytes: 1e9 }] : [], sampledAt: at(30) },
      customMetricValue: { value: (i * 11) % 500, sampledAt: at(60) },
    },
    history: {
      recommendations: Array.from({ length: i % 6 }, (_, k) => ({ replicas: count + (k % 3) - 1, at: at(k * 60) })),
      scaleEvents: i % 4 === 0 ? [{ change: 1, at: at(120) }] : [],
    },
    now: NOW.toISOString(),
  };
}

export interface EvaluationMeasure {
  poolCount: number;
  /** CPU (user + system) of evaluatePool over every pool, ms. */
  evaluationCpuMs: number;
  evaluationWallMs: number;
  /** CPU of folding schedules in for the pools whose policy has schedules, with the cycle's window cache, ms. */
  scheduleCpuMs: number;
  /** Without the cache (every pool's schedules distinct), per pool, ms. */
  uncachedScheduleMsPerPool: number;
  poolsWithSchedules: number;
  decisions: { scale: number; range: number; none: number; skipped: number };
}

function cpuMsOf(work: () => void): { cpuMs: number; wallMs: number } {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  work();
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wallBefore };
}

/** Builds the inputs first (not measured), then measures the evaluation alone and the schedule folding alone. */
export function measureEvaluationCpu(poolCount: number): EvaluationMeasure {
  const selectedPolicies: SelectedPolicy[] = POLICIES.map((policy) => ({ source: { kind: 'pool' }, policy }));
  const effective = new Map(selectedPolicies.map((selected) => [selected, effectivePolicyAt(selected, NOW)]));
  const inputs = Array.from({ length: poolCount }, (_, i) => poolInput(i, selectedPolicies, (selected) => effective.get(selected)!));
  const decisions = { scale: 0, range: 0, none: 0, skipped: 0 };
  const evaluation = cpuMsOf(() => {
    for (const input of inputs) {
      const decision = evaluatePool(input);
      if (decision.skipped !== null) decisions.skipped++;
      else if (decision.action.type === 'SetCount') decisions.scale++;
      else if (decision.action.type === 'SetRange') decisions.range++;
      else decisions.none++;
    }
  });
  const scheduled = selectedPolicies.filter((selected) => selected.policy.schedules.length > 0);
  const poolsWithSchedules = inputs.filter((_, i) => selectedPolicies[i % selectedPolicies.length]!.policy.schedules.length > 0).length;
  // Every pool its own copy of the schedules, as pool policies are; the cycle's cache shares equal timings.
  const cache: WindowCache = new Map();
  const schedules = cpuMsOf(() => {
    for (let i = 0; i < poolsWithSchedules; i++) effectivePolicyAt(structuredClone(scheduled[i % scheduled.length]!), NOW, cache);
  });
  const uncached = cpuMsOf(() => {
    for (let i = 0; i < UNCACHED_SAMPLE; i++) effectivePolicyAt(scheduled[i % scheduled.length]!, NOW);
  });
  return {
    poolCount,
    evaluationCpuMs: Math.round(evaluation.cpuMs),
    evaluationWallMs: Math.round(evaluation.wallMs),
    scheduleCpuMs: Math.round(schedules.cpuMs),
    uncachedScheduleMsPerPool: Math.round((uncached.cpuMs / UNCACHED_SAMPLE) * 100) / 100,
    poolsWithSchedules,
    decisions,
  };
}

if (require.main === module) {
  measureEvaluationCpu(500); // warm up the JIT as a long-lived worker would be
  const measure = measureEvaluationCpu(10_000);
  console.table([measure]);
  console.log(`evaluatePool: ${measure.evaluationCpuMs} ms CPU for ${measure.poolCount} pools (goal < 2000 ms); schedules: ${measure.scheduleCpuMs} ms for ${measure.poolsWithSchedules} pools (${measure.uncachedScheduleMsPerPool} ms per pool uncached)`);
}

import type { EvaluatePoolInput, PoolState } from '../../../../shared/domain/autoscale/evaluatePool';
import { autoscalePolicySchema, effectivePolicyOf, type AutoscalePolicyInput, type EffectivePolicy, type Schedule } from '../../../../shared/domain/autoscale/policy';

export const NOW = '2026-03-02T10:00:00.000Z';

/** A 4 vCPU / 16 GiB node (allocatable after AKS reservations). */
export const NODE = { allocatableCpuMilli: 3860, allocatableMemoryBytes: 12_884_901_888, allocatablePods: 110 };

export function pool(overrides: Partial<PoolState> = {}): PoolState {
  return {
    clusterResourceId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1',
    poolName: 'user1',
    mode: 'User',
    count: 3,
    node: NODE,
    clusterAutoscaler: { enabled: false },
    provisioningState: 'Succeeded',
    clusterPowerState: 'Running',
    inOperation: false,
    upgrading: false,
    inUpdateRun: false,
    ...overrides,
  };
}

export function effective(policy: Partial<AutoscalePolicyInput> = {}, open: Schedule[] = []): EffectivePolicy {
  const parsed = autoscalePolicySchema.parse({ minNodes: 1, maxNodes: 10, targets: { cpuUtilizationPercent: 60 }, ...policy });
  return effectivePolicyOf({ source: { kind: 'pool' }, policy: parsed }, open);
}

export const reading = (value: number, sampledAt = NOW) => ({ value, sampledAt });

export function input(overrides: Partial<EvaluatePoolInput> = {}): EvaluatePoolInput {
  return {
    policy: effective(),
    pool: pool(),
    observations: { cpuPercent: reading(60) },
    history: { recommendations: [], scaleEvents: [] },
    now: NOW,
    ...overrides,
  };
}

export const secondsBefore = (seconds: number, at = NOW) => new Date(Date.parse(at) - seconds * 1000).toISOString();

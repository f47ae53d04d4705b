import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PoolDecision } from '../../../shared/domain/autoscale/evaluatePool';
import { planWrites } from '../../../shared/domain/autoscale/writeBudget';
import { NOW } from './support/poolFixtures';

function decision(poolName: string, action: PoolDecision['action'], extra: Partial<PoolDecision> = {}): PoolDecision {
  return {
    clusterResourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${poolName}`,
    poolName,
    evaluatedAt: NOW,
    mode: 'Enforce',
    skipped: null,
    action,
    clusterAction: null,
    needsWrite: action.type !== 'None',
    clusterAutoscalerManaged: false,
    hasPendingPods: false,
    steps: { metrics: [], combined: null, decided: null, range: { minNodes: 0, maxNodes: 10 } },
    rule: 'metric:cpu',
    sentence: '',
    history: { recommendations: [], scaleEvents: [] },
    ...extra,
  };
}

const up = (name: string, from: number, to: number, extra: Partial<PoolDecision> = {}) => decision(name, { type: 'SetCount', from, to }, extra);

describe('the per-subscription write budget', () => {
  const decisions = [
    up('down', 5, 3),
    up('cpu', 2, 3),
    up('pending', 2, 4, { hasPendingPods: true }),
    decision('range', { type: 'SetRange', from: { minCount: 1, maxCount: 3 }, to: { minCount: 1, maxCount: 5 } }, { rule: 'policy:range' }),
    up('night', 3, 0, { rule: 'schedule:night' }),
    up('dry', 1, 5, { needsWrite: false, mode: 'DryRun' }),
    decision('keep', { type: 'None' }),
  ];

  it('spends the budget by priority: pending pods, other scale-ups, schedule changes, scale-downs', () => {
    const plan = planWrites(decisions, 3);
    expect(plan.now.map((w) => [w.decision.poolName, w.priority])).toEqual([
      ['pending', 'ScaleUpForPendingPods'],
      ['cpu', 'ScaleUp'],
      ['night', 'ScheduleChange'],
    ]);
    expect(plan.deferred.map((w) => [w.decision.poolName, w.priority])).toEqual([
      ['range', 'ScheduleChange'],
      ['down', 'ScaleDown'],
    ]);
    expect(plan.deferred[0]!.reason).toContain('budget (3)');
  });

  it('a budget of zero defers everything, saying why', () => {
    const plan = planWrites(decisions, 0);
    expect(plan.now).toEqual([]);
    expect(plan.deferred).toHaveLength(5);
    expect(plan.deferred.every((w) => w.reason.includes('spent'))).toBe(true);
  });

  it('one change per cluster: its second pool waits for the next cycle without spending the budget', () => {
    const ofCluster = (name: string) => ({ clusterResourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}` });
    const plan = planWrites([up('a1', 2, 4, { hasPendingPods: true, ...ofCluster('a') }), up('a2', 2, 3, ofCluster('a')), up('b1', 2, 3, ofCluster('b'))], 2);
    expect(plan.now.map((w) => w.decision.poolName)).toEqual(['a1', 'b1']);
    expect(plan.deferred.map((w) => [w.decision.poolName, w.reason])).toEqual([['a2', expect.stringContaining('one operation per cluster')]]);
  });

  it('stopping or starting a cluster is no agent-pool write: it goes even when the pool-write budget is spent', () => {
    const stop = decision('night', { type: 'None' }, { clusterAction: { type: 'Stop', schedule: 'weekend' }, needsWrite: true, rule: 'schedule:weekend' });
    const plan = planWrites([stop, up('cpu', 2, 3)], 0);
    expect(plan.now.map((w) => w.decision.poolName)).toEqual(['night']);
    expect(plan.deferred.map((w) => w.decision.poolName)).toEqual(['cpu']);
  });

  it('the plan does not depend on the order the decisions come in (property)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(decisions, { minLength: decisions.length }), fc.integer({ min: 0, max: 6 }), (shuffled, budget) => {
        const names = (plan: ReturnType<typeof planWrites>) => plan.now.map((w) => w.decision.poolName);
        expect(names(planWrites(shuffled, budget))).toEqual(names(planWrites(decisions, budget)));
      }),
    );
  });
});

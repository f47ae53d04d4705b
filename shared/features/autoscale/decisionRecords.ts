import type { DecisionOutcome, DecisionRecord } from './decisionRecord';
import type { AppliedDecision, EvaluationRun } from './evaluationRun';
import { targetKeyOf, type TargetValues } from './logAnalyticsTargets';
import type { PendingByPool } from './pendingPods';
import type { PoolMeasurements } from './poolMeasurements';

type PendingOfCluster = PendingByPool extends Map<string, infer V> ? V | undefined : never;

/** The stored record of one pool's decision: the evaluation's inputs and steps, and what was done about it. */
export function decisionRecordOf(run: EvaluationRun, applied: AppliedDecision, measured: Pick<PoolMeasurements, 'pending' | 'logAnalytics' | 'custom'>, id: string): DecisionRecord {
  const { candidate, decision, outcome } = applied;
  const { profile, cluster, policy } = candidate;
  const pending = measured.pending.get(cluster.id.toLowerCase());
  const key = targetKeyOf(cluster.id, profile.name ?? '');
  return {
    id,
    clusterResourceId: cluster.id,
    poolName: profile.name ?? '',
    evaluatedAt: decision.evaluatedAt,
    trigger: run.trigger,
    ...(run.cycle === undefined ? {} : { cycle: run.cycle }),
    ...(run.reason === undefined ? {} : { reason: run.reason }),
    dryRun: run.dryRun || decision.mode === 'DryRun',
    policy: {
      source: policy.source,
      mode: policy.mode,
      enabled: policy.enabled,
      minNodes: policy.minNodes,
      maxNodes: policy.maxNodes,
      targets: policy.targets,
      openSchedules: policy.openSchedules,
    },
    inputs: {
      count: profile.count ?? 0,
      vmSize: profile.vmSize,
      mode: profile.mode,
      clusterAutoscaler: { enabled: profile.enableAutoScaling === true, minCount: profile.minCount, maxCount: profile.maxCount },
      provisioningState: profile.provisioningState,
      clusterPowerState: cluster.powerState,
      pendingPods: pendingInputOf(pending, profile.name ?? ''),
      ...(policy.targets.logAnalyticsMetric === undefined ? {} : { logAnalyticsMetric: { query: policy.targets.logAnalyticsMetric.query, ...targetInputOf(measured.logAnalytics, key) } }),
      ...(policy.targets.customMetric === undefined ? {} : { customMetric: { ...policy.targets.customMetric, ...targetInputOf(measured.custom, key) } }),
    },
    steps: { ...decision.steps },
    skipped: decision.skipped,
    action: { ...decision.action },
    clusterAction: decision.clusterAction === null ? null : { ...decision.clusterAction },
    rule: decision.rule,
    outcome,
    sentence: `${decision.sentence.replace(/\.?\s*$/, '.')} ${outcomeSentence(outcome)}`,
  };
}

function pendingInputOf(pending: PendingOfCluster, poolName: string): Record<string, unknown> {
  if (pending === undefined) return { read: false };
  if ('unavailable' in pending) return { unavailable: pending.unavailable };
  return { groups: pending.groups.get(poolName.toLowerCase()) ?? [], unattributedInCluster: pending.unattributed };
}

function targetInputOf(values: TargetValues, key: string): Record<string, unknown> {
  return values.get(key) ?? { read: false };
}

function outcomeSentence(outcome: DecisionOutcome): string {
  switch (outcome.kind) {
    case 'Submitted':
      return outcome.answered
        ? `Sent to ARM as operation ${outcome.operationId}.`
        : `Sent to ARM as operation ${outcome.operationId}; ARM's answer was lost, so the operation looks for the change in Azure.`;
    case 'NoChange':
      return 'Nothing was sent to ARM.';
    default:
      return outcome.reason;
  }
}

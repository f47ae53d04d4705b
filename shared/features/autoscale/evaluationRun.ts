import type { ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import type { PoolDecision } from '../../domain/autoscale/evaluatePool';
import type { EffectivePolicy } from '../../domain/autoscale/policy';
import type { DecisionOutcome } from './decisionRecord';
import type { ListedCluster } from './listedClusters';

/** What one evaluation is about, and the pools as they pass through it (evaluate → claim → apply → record). */
export interface EvaluationRun {
  subscriptionId: string;
  clusters: readonly ListedCluster[];
  at: Date;
  trigger: 'cycle' | 'onDemand' | 'alert';
  /** The cycle that evaluates (a pool already claimed for it is left alone); absent on demand. */
  cycle?: number;
  reason?: string;
  dryRun: boolean;
  correlationId: string;
}

/** A pool a policy governs, with what it needs to be evaluated. */
export interface Candidate {
  key: string;
  cluster: ListedCluster;
  profile: ManagedClusterAgentPoolProfile;
  policy: EffectivePolicy;
}

export interface AppliedDecision {
  candidate: Candidate;
  decision: PoolDecision;
  outcome: DecisionOutcome;
}

export interface Evaluated {
  candidate: Candidate;
  decision: PoolDecision;
  /** The pool row's ETag after the claim, and the cycle the claim wrote. */
  etag: string | undefined;
  cycle: number;
}

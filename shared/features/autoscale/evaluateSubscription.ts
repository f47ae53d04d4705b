import { randomUUID } from 'node:crypto';
import type { AutoscaleDependencies } from './autoscaleDependencies';
import type { BatchMessage, SubscriptionMessage } from './autoscaleMessages';
import { carriedClusterOf, listedClusterOfCarried } from './carriedClusters';
import { planBatches } from './clusterBatches';
import { clustersOfCycle } from './cycleClusters';
import type { DecisionRecord } from './decisionRecord';
import { evaluateClusters } from './evaluateClusters';
import type { ListedCluster } from './listedClusters';

export interface SubscriptionOutcome {
  source: 'list' | 'snapshot';
  clusters: number;
  batchesSent: number;
  records: DecisionRecord[];
}

/**
 * A subscription's share of a cycle: its clusters read once (ARM list or fresh snapshot), split into batches of
 * ≤ 50 clusters of one region; every batch but the first is sent as a `batch` message first (so a slow evaluation
 * here delays none of them), then the first is evaluated here. A retried subscription message sends its batches
 * again: each pool's claim for the cycle makes the copies do nothing.
 */
export async function evaluateSubscription(deps: AutoscaleDependencies, message: SubscriptionMessage): Promise<SubscriptionOutcome> {
  const { source, clusters } = await clustersOfCycle(deps, message.subscriptionId, new Date(message.at));
  const plan = planBatches(clusters);
  await Promise.all(
    plan.carried.map((batch) =>
      deps.queue.send({ kind: 'batch', cycle: message.cycle, subscriptionId: message.subscriptionId, at: message.at, source, clusters: batch.map(carriedClusterOf) }),
    ),
  );
  const records = await evaluateBatch(deps, message, plan.inProcess);
  return { source, clusters: clusters.length, batchesSent: plan.carried.length, records };
}

/** One batch message of a cycle: the clusters it carries, evaluated without another ARM read. */
export function evaluateCarriedBatch(deps: AutoscaleDependencies, message: BatchMessage): Promise<DecisionRecord[]> {
  return evaluateBatch(deps, message, message.clusters.map((cluster) => listedClusterOfCarried(cluster, message.subscriptionId)));
}

function evaluateBatch(deps: AutoscaleDependencies, message: SubscriptionMessage | BatchMessage, clusters: readonly ListedCluster[]): Promise<DecisionRecord[]> {
  if (clusters.length === 0) return Promise.resolve([]);
  return evaluateClusters(deps, {
    subscriptionId: message.subscriptionId,
    clusters,
    at: new Date(message.at),
    trigger: 'cycle',
    cycle: message.cycle,
    dryRun: false,
    correlationId: randomUUID(),
  });
}

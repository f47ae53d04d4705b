import { randomUUID } from 'node:crypto';
import type { AutoscaleDependencies } from './autoscaleDependencies';
import type { SubscriptionMessage } from './autoscaleMessages';
import type { DecisionRecord } from './decisionRecord';
import { evaluateClusters } from './evaluateClusters';
import { listClusters } from './listedClusters';

/** One cycle's batch: one ARM list of the subscription, then every governed pool in it (evaluateClusters). */
export async function evaluateSubscription(deps: AutoscaleDependencies, message: SubscriptionMessage): Promise<DecisionRecord[]> {
  const clusters = await listClusters(() => deps.containerService(message.subscriptionId).managedClusters.list(), message.subscriptionId);
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

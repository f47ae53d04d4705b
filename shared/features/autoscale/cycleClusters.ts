import type { AutoscaleDependencies } from './autoscaleDependencies';
import { listedClusterOfCarried } from './carriedClusters';
import { listClusters, type ListedCluster } from './listedClusters';

export interface CycleClusters {
  source: 'list' | 'snapshot';
  clusters: ListedCluster[];
}

/**
 * A subscription's clusters for one cycle: the inventory snapshot when it is fresh, else one ARM list. Fresh means
 * its last successful list is at most `inventoryMaxAgeSeconds` old (real time, as the inventory stamps it) and no
 * autoscale write was spent in the subscription since it was taken (the snapshot would not hold that write's count
 * or operation). The snapshot's pools are summaries: a write from them reads the live pool first (livePool.ts).
 */
export async function clustersOfCycle(deps: AutoscaleDependencies, subscriptionId: string, at: Date): Promise<CycleClusters> {
  const snapshot = deps.inventoryMaxAgeSeconds > 0 ? await deps.inventorySnapshot(subscriptionId) : undefined;
  if (snapshot) {
    const ageMs = Date.now() - snapshot.takenAt.getTime();
    if (ageMs <= deps.inventoryMaxAgeSeconds * 1000 && !(await wroteSince(deps, subscriptionId, new Date(at.getTime() - ageMs)))) {
      return { source: 'snapshot', clusters: snapshot.clusters.map((cluster) => listedClusterOfCarried(cluster, subscriptionId)) };
    }
  }
  return { source: 'list', clusters: await listClusters(() => deps.containerService(subscriptionId).managedClusters.list(), subscriptionId) };
}

/** The snapshot's time moved onto the cycle's clock (the budget row's), so a virtual clock compares like for like. */
async function wroteSince(deps: AutoscaleDependencies, subscriptionId: string, since: Date): Promise<boolean> {
  const lastSpent = await deps.writeBudget.lastSpentAt(subscriptionId);
  return lastSpent !== undefined && lastSpent.getTime() >= since.getTime();
}

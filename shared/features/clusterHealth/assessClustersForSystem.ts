import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import { requireManagedCluster } from '../../platform/arm/armCalls';
import { runBounded } from '../../platform/concurrency/runBounded';
import { assessTargets } from './assessTargets';
import type { ClusterHealthView, HealthWindow } from './clusterHealth.api';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import { targetOfCluster, type HealthTarget } from './healthTarget';
import { healthWindowOf } from './healthWindow';

/** Cluster reads (ARM GETs) in flight at once; metrics and logs then go in batches. */
const CLUSTER_READ_CONCURRENCY = 8;

/** Many clusters' health for system work: the views by lower-cased cluster id, and the clusters that could not be read. */
export interface SystemHealthAssessment {
  views: Map<string, ClusterHealthView>;
  unread: { clusterId: string; error: string }[];
}

/**
 * Health for system work (no caller; the window ends at `now`) of many clusters at once (an update run's waiting
 * health gates): each cluster's current state from ARM, then ONE assessment, so metrics go in batches of ≤ 50 clusters per region and logs
 * in one batch per workspace. A cluster that could not be read is left out (named in `unread`), not guessed.
 */
export async function assessClustersForSystem(deps: ClusterHealthDependencies, addresses: readonly ClusterAddress[], window: HealthWindow, now: Date): Promise<SystemHealthAssessment> {
  const range = healthWindowOf({ window }, now);
  const unread: SystemHealthAssessment['unread'] = [];
  const targets = await runBounded(
    addresses.map((address) => async (): Promise<HealthTarget | undefined> => {
      try {
        return targetOfCluster(address, await requireManagedCluster(deps.containerService(address.subscriptionId), address));
      } catch (error) {
        unread.push({ clusterId: clusterArmId(address), error: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    }),
    CLUSTER_READ_CONCURRENCY,
  );
  const read = targets.filter((target): target is HealthTarget => target !== undefined);
  const views = read.length === 0 ? [] : await assessTargets(deps, read, range);
  return { views: new Map(views.map((view) => [view.id.toLowerCase(), view])), unread };
}

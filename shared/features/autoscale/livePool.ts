import type { AgentPool, ContainerServiceClient, ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import type { ListedCluster } from './listedClusters';
import type { PoolChange } from './poolWrites';

/** The pool moved between the read the cycle decided on (a batch message, the snapshot) and the write: none is sent. */
export class PoolMovedError extends Error {}

/** Fields whose change makes a decision taken on the earlier read wrong (it computed an absolute count from them). */
const DECIDED_ON = ['count', 'enableAutoScaling', 'minCount', 'maxCount', 'provisioningState'] as const;

/**
 * The profile a pool write restates. A listed profile is used as is (its ETag makes the PUT conditional). A summary
 * (carried in a batch message, or from the inventory snapshot) holds neither the settings a PUT must restate nor an
 * ETag, and may be older than the pool: the live pool is read (one GET, only for a pool being written) and the write
 * is refused unless the pool still has the count, range and state the decision was computed from.
 */
export async function writableProfileOf(
  containerService: (subscriptionId: string) => ContainerServiceClient,
  cluster: ListedCluster,
  profile: ManagedClusterAgentPoolProfile | undefined,
  change: PoolChange,
): Promise<ManagedClusterAgentPoolProfile | undefined> {
  if (cluster.profiles === 'asListed' || change.type === 'Stop' || change.type === 'Start' || !profile?.name) return profile;
  const live = await containerService(cluster.subscriptionId).agentPools.get(cluster.resourceGroup, cluster.name, profile.name);
  const moved = movedFieldsOf(profile, live);
  if (moved.length > 0) {
    throw new PoolMovedError(`the pool changed after the cycle read it (${moved.join(', ')}); nothing was written, the next cycle decides on the live pool`);
  }
  return { ...live, name: profile.name, type: live.typePropertiesType };
}

export function movedFieldsOf(read: ManagedClusterAgentPoolProfile, live: AgentPool): string[] {
  const settled = (state: string | undefined) => state ?? 'Succeeded';
  return DECIDED_ON.flatMap((field) => {
    const before = field === 'provisioningState' ? settled(read[field]) : read[field];
    const now = field === 'provisioningState' ? settled(live[field]) : live[field];
    return before === now || (before === undefined && now === false) || (before === false && now === undefined) ? [] : [`${field} ${String(before)} → ${String(now)}`];
  });
}

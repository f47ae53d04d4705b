import type { ManagedClusterPoolUpgradeProfile } from '@azure/arm-containerservice';
import type { UpgradeProfileView } from './clusters.api';
import { toClusterView } from './clusterMapping';
import type { ClusterView } from '../../domain/fleet/clusterSpec';
import { callArm, clusterLabel, requireManagedCluster } from '../../platform/arm/armCalls';
import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import type { ReadContext } from '../../platform/http/requestContext';

export interface ClusterRead {
  view: ClusterView;
  /** ARM's eTag of the cluster, for If-Match. */
  etag?: string;
}

/** `GET …/clusters/{c}`: the effective settings, AKS defaults included. */
export async function getCluster(deps: ClusterDependencies, context: ReadContext, address: ClusterAddress): Promise<ClusterRead> {
  await context.authorize('clusters', 'get', clusterArmId(address));
  const cluster = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
  return { view: toClusterView(cluster), ...(cluster.eTag ? { etag: cluster.eTag } : {}) };
}

/** `GET …/clusters/{c}/upgradeProfile`: versions the control plane and each pool may move to. */
export async function getUpgradeProfile(
  deps: ClusterDependencies,
  context: ReadContext,
  address: ClusterAddress,
): Promise<UpgradeProfileView> {
  await context.authorize('clusters', 'get', clusterArmId(address));
  const client = deps.containerService(address.subscriptionId);
  const profile = await callArm(
    () => client.managedClusters.getUpgradeProfile(address.resourceGroup, address.clusterName),
    clusterLabel(address),
  );
  return {
    controlPlane: { kubernetesVersion: profile.controlPlaneProfile.kubernetesVersion, upgrades: upgradesOf(profile.controlPlaneProfile) },
    nodePools: (profile.agentPoolProfiles ?? []).map((pool) => ({
      name: pool.name ?? '',
      kubernetesVersion: pool.kubernetesVersion,
      osType: pool.osType,
      upgrades: upgradesOf(pool),
    })),
  };
}

function upgradesOf(profile: ManagedClusterPoolUpgradeProfile): UpgradeProfileView['controlPlane']['upgrades'] {
  return (profile.upgrades ?? [])
    .filter((upgrade) => upgrade.kubernetesVersion)
    .map((upgrade) => ({ version: upgrade.kubernetesVersion ?? '', isPreview: upgrade.isPreview === true }));
}

import type { VersionCatalogue } from '../catalogue/versions';
import { compareVersions } from '../catalogue/versions';
import type { ClusterState, JsonObject, PoolState } from '../model';
import { clusterResourceId } from '../model';
import type { Fleet } from '../engine/fleet';
import { latestImageFor } from '../engine/simulations';
import { rollbackCandidates } from '../engine/recentlyUsedVersions';

/** GET …/locations/{location}/kubernetesVersions — key `values`, no paging. */
export function kubernetesVersionsPayload(catalogue: VersionCatalogue): JsonObject {
  return {
    values: catalogue.all().map((release) => ({
      version: release.minor,
      ...(release.isDefault === true ? { isDefault: true } : {}),
      ...(release.isPreview === true ? { isPreview: true } : {}),
      capabilities: { supportPlan: [...release.supportPlans] },
      patchVersions: Object.fromEntries(release.patches.map((patch) => [patch, { upgrades: catalogue.upgradesFrom(patch) }])),
    })),
  };
}

function upgradeEntries(catalogue: VersionCatalogue, versions: string[]): JsonObject[] {
  return versions.map((v) => ({ kubernetesVersion: v, ...(catalogue.isPreview(v) ? { isPreview: true } : {}) }));
}

function poolUpgradeTargets(catalogue: VersionCatalogue, cluster: ClusterState, pool: PoolState): string[] {
  return catalogue.upgradesFrom(pool.currentOrchestratorVersion).filter((v) => compareVersions(v, cluster.currentKubernetesVersion) <= 0);
}

export function clusterUpgradeProfile(fleet: Fleet, cluster: ClusterState): JsonObject {
  return {
    id: `${clusterResourceId(cluster)}/upgradeprofiles/default`,
    name: 'default',
    type: 'Microsoft.ContainerService/managedClusters/upgradeprofiles',
    properties: {
      controlPlaneProfile: {
        name: 'master',
        kubernetesVersion: cluster.currentKubernetesVersion,
        osType: 'Linux',
        upgrades: upgradeEntries(fleet.versions, fleet.versions.upgradesFrom(cluster.currentKubernetesVersion)),
      },
      agentPoolProfiles: cluster.pools.map((pool) => ({
        name: pool.name,
        kubernetesVersion: pool.currentOrchestratorVersion,
        osType: pool.osType,
        upgrades: upgradeEntries(fleet.versions, poolUpgradeTargets(fleet.versions, cluster, pool)),
      })),
    },
  };
}

export function poolUpgradeProfile(fleet: Fleet, cluster: ClusterState, pool: PoolState): JsonObject {
  return {
    id: `${clusterResourceId(cluster)}/agentPools/${pool.name}/upgradeProfiles/default`,
    name: 'default',
    type: 'Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles',
    properties: {
      kubernetesVersion: pool.currentOrchestratorVersion,
      osType: pool.osType,
      upgrades: poolUpgradeTargets(fleet.versions, cluster, pool).map((v) => ({ kubernetesVersion: v, isPreview: fleet.versions.isPreview(v) })),
      latestNodeImageVersion: latestImageFor(fleet, cluster, pool),
      recentlyUsedVersions: rollbackCandidates(pool, fleet.clock.now()),
    },
  };
}

export function availableAgentPoolVersions(fleet: Fleet, cluster: ClusterState): JsonObject {
  const defaultVersion = fleet.versions.defaultVersion();
  const versions = fleet.versions.all().flatMap((release) =>
    release.patches.map((patch) => ({
      ...(patch === defaultVersion ? { default: true } : {}),
      ...(release.isPreview === true ? { isPreview: true } : {}),
      kubernetesVersion: patch,
    })),
  );
  return {
    id: `${clusterResourceId(cluster)}/availableagentpoolversions`,
    name: 'default',
    type: 'Microsoft.ContainerService/managedClusters/availableAgentpoolVersions',
    properties: { agentPoolVersions: versions },
  };
}

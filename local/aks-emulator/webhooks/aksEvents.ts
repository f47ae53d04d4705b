import { compareVersions, type MinorRelease } from '../catalogue/versions';
import type { ClusterState, PoolState } from '../model';
import type { AksEvent } from './aksEventFeed';

const PREFIX = 'Microsoft.ContainerService.';

export function nodePoolRollingEvent(cluster: ClusterState, pool: PoolState, status: 'Started' | 'Succeeded' | 'Failed', time: string): AksEvent {
  return { type: `${PREFIX}NodePoolRolling${status}`, cluster, data: { nodePoolName: pool.name }, time };
}

export function clusterSupportEvent(cluster: ClusterState, ended: boolean, time: string): AksEvent {
  return {
    type: `${PREFIX}${ended ? 'ClusterSupportEnded' : 'ClusterSupportEnding'}`,
    cluster,
    data: { kubernetesVersion: cluster.currentKubernetesVersion },
    time,
  };
}

/** NewKubernetesVersionAvailable's four versions, read from the catalogue (field meanings per ContainerService.json). */
export function newKubernetesVersionEvent(cluster: ClusterState, minors: readonly MinorRelease[], time: string): AksEvent {
  const ga = minors.filter((minor) => !minor.isPreview).sort((a, b) => compareVersions(a.minor, b.minor));
  const preview = minors.filter((minor) => minor.isPreview).sort((a, b) => compareVersions(a.minor, b.minor));
  const latestPatch = (minor: MinorRelease | undefined) => minor?.patches.at(-1) ?? '';
  const stable = ga.find((minor) => minor.isDefault) ?? ga.at(-1);
  return {
    type: `${PREFIX}NewKubernetesVersionAvailable`,
    cluster,
    data: {
      latestSupportedKubernetesVersion: latestPatch(ga.at(-1)),
      latestStableKubernetesVersion: latestPatch(stable),
      lowestMinorKubernetesVersion: latestPatch(ga[0]),
      latestPreviewKubernetesVersion: latestPatch(preview.at(-1)),
    },
    time,
  };
}

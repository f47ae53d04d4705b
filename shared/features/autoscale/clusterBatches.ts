import { carriedClusterOf } from './carriedClusters';
import type { ListedCluster } from './listedClusters';

export interface BatchLimits {
  /** Clusters of one region per batch: one `MetricsClient.queryResources` call reads ≤ 50 resources. */
  clusters: number;
  /**
   * UTF-8 bytes of the carried clusters of one message. A queue message holds 64 KiB of base64 text, 48 KiB of
   * JSON; this leaves 1 KiB for the rest of the message. A typical cluster with two pools carries ~850 bytes.
   */
  carriedBytes: number;
}

export const BATCH_LIMITS: BatchLimits = { clusters: 50, carriedBytes: 48_000 };

/** The cycle's batches of one subscription: evaluated here (`inProcess`), and each sent as a `batch` message. */
export interface BatchPlan {
  inProcess: ListedCluster[];
  carried: ListedCluster[][];
}

/**
 * Splits a subscription's clusters by region into batches of at most `clusters` clusters and `carriedBytes` bytes
 * (packed in listed order). The first batch is evaluated by the subscription message itself, with the listed
 * profiles; so is a cluster too large to carry alone (its metrics are still read ≤ 50 clusters per call).
 */
export function planBatches(clusters: readonly ListedCluster[], limits: BatchLimits = BATCH_LIMITS): BatchPlan {
  const tooLarge: ListedCluster[] = [];
  const batches: ListedCluster[][] = [];
  for (const ofRegion of byRegion(clusters)) {
    let batch: ListedCluster[] = [];
    let bytes = 0;
    for (const cluster of ofRegion) {
      const size = carriedBytesOf(cluster);
      if (size > limits.carriedBytes) {
        tooLarge.push(cluster);
        continue;
      }
      if (batch.length === limits.clusters || bytes + size > limits.carriedBytes) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(cluster);
      bytes += size;
    }
    if (batch.length > 0) batches.push(batch);
  }
  const [first = [], ...rest] = batches;
  return { inProcess: [...first, ...tooLarge], carried: rest };
}

/** The bytes one cluster adds to a message (its JSON and a separating comma). */
export function carriedBytesOf(cluster: ListedCluster): number {
  return Buffer.byteLength(JSON.stringify(carriedClusterOf(cluster)), 'utf8') + 1;
}

function byRegion(clusters: readonly ListedCluster[]): ListedCluster[][] {
  const regions = new Map<string, ListedCluster[]>();
  for (const cluster of clusters) {
    const ofRegion = regions.get(cluster.location);
    if (ofRegion) ofRegion.push(cluster);
    else regions.set(cluster.location, [cluster]);
  }
  return [...regions.keys()].sort().map((region) => regions.get(region)!);
}

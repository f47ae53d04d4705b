import type { ClusterState } from '../model';
import { Timeline } from './timeline';
import type { TimelineEntry } from './timeline';
import type { TopologyRecord } from './topology';
import { captureTopology, sameTopology } from './topology';

/** Metrics retention in Azure Monitor: history older than this is dropped. */
export const RETENTION_MS = 93 * 86_400_000;

/**
 * Each cluster's topology over virtual time, recorded whenever an operation step may have changed it. `undefined`
 * marks a deleted cluster. The workload at any past instant is evaluated against the topology in force then.
 */
export class TopologyJournal {
  private readonly byCluster = new Map<string, Timeline<TopologyRecord | undefined>>();

  record(clusterKey: string, atMs: number, cluster: ClusterState | undefined): void {
    const timeline = this.timelineOf(clusterKey);
    const previous = timeline.last()?.value;
    const next = cluster ? captureTopology(cluster, previous) : undefined;
    if (timeline.last() !== undefined && sameTopology(previous, next)) return;
    timeline.append(atMs, next);
    timeline.prune(atMs - RETENTION_MS);
  }

  at(clusterKey: string, atMs: number): TimelineEntry<TopologyRecord | undefined> | undefined {
    return this.byCluster.get(clusterKey)?.at(atMs);
  }

  history(clusterKey: string): readonly TimelineEntry<TopologyRecord | undefined>[] {
    return this.byCluster.get(clusterKey)?.all() ?? [];
  }

  latest(clusterKey: string): TopologyRecord | undefined {
    return this.byCluster.get(clusterKey)?.last()?.value;
  }

  clear(): void {
    this.byCluster.clear();
  }

  private timelineOf(clusterKey: string): Timeline<TopologyRecord | undefined> {
    let timeline = this.byCluster.get(clusterKey);
    if (!timeline) {
      timeline = new Timeline();
      this.byCluster.set(clusterKey, timeline);
    }
    return timeline;
  }
}

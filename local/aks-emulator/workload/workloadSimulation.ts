import { CustomMetricStore } from '../monitor/customMetrics';
import type { Fleet } from '../engine/fleet';
import { subResourceNotFound } from '../errors';
import { defaultWorkloadSpec } from './defaultWorkload';
import { loadFactor } from './loadProfile';
import { replicaKey } from './podPlan';
import { Timeline } from './timeline';
import type { TopologyPool, TopologyRecord } from './topology';
import { isReadyCondition } from './topology';
import { TopologyJournal } from './topologyJournal';
import type { Placement, ViewInputs, WorkloadSnapshot, WorkloadView } from './workloadSnapshot';
import { placeWorkload, snapshotOf, viewWorkload } from './workloadSnapshot';
import type { WorkloadSpec } from './workloadSpec';
import { patchWorkloadSpec, parseWorkloadSpec } from './workloadSpec';

export interface EffectiveWorkload {
  effectiveFrom: string;
  spec: WorkloadSpec;
}

const PLACEMENT_CACHE_SIZE = 4_096;

/** What a cluster's default workload is derived from; `custom` once the admin API has set a workload. */
interface WorkloadOrigin {
  creation: TopologyRecord;
  laterPools: TopologyPool[];
  custom: boolean;
}

/**
 * The workload of every emulated cluster, deterministic from the seed and the virtual clock: a spec per cluster over
 * time (a seeded default from creation, replaced through the admin API) evaluated against the cluster's recorded
 * topology at any instant. Clusters are keyed like the fleet (`sub/rg/name`, lower case).
 */
export class WorkloadSimulation {
  private readonly journal = new TopologyJournal();
  private readonly specs = new Map<string, Timeline<WorkloadSpec>>();
  private readonly placements = new Map<string, Placement>();
  private readonly origins = new Map<string, WorkloadOrigin>();
  /** Counts resets: what was derived from the simulation before the last one is void. */
  private resets = 0;
  /** What clusters published as custom metrics (Azure Monitor's ingestion API). */
  readonly customMetrics = new CustomMetricStore();

  constructor(
    private readonly fleet: Fleet,
    private readonly seed: number,
  ) {}

  /**
   * Records the cluster's topology after an operation step. A newly created cluster gets its default workload; while it
   * keeps the default, a pool added later that needs a dedicated deployment gets one from then on.
   */
  observe(clusterKey: string, atMs: number): void {
    const before = this.journal.latest(clusterKey);
    this.journal.record(clusterKey, atMs, this.fleet.clusters.get(clusterKey));
    const after = this.journal.latest(clusterKey);
    if (after === undefined) return;
    if (before === undefined) {
      this.origins.set(clusterKey, { creation: after, laterPools: [], custom: false });
      this.appendDefault(clusterKey, atMs);
      return;
    }
    const origin = this.origins.get(clusterKey);
    if (!origin) return;
    const known = new Set([...origin.creation.pools, ...origin.laterPools].map((p) => p.name));
    const added = after.pools.filter((p) => !known.has(p.name));
    if (added.length === 0) return;
    origin.laterPools.push(...added);
    if (!origin.custom) this.appendDefault(clusterKey, atMs);
  }

  workload(clusterKey: string, atMs = this.fleet.clock.now()): EffectiveWorkload {
    const entry = this.specTimeline(clusterKey).at(atMs) ?? this.specTimeline(clusterKey).first();
    if (!entry) throw subResourceNotFound('Workload', clusterKey, clusterKey);
    return { effectiveFrom: new Date(entry.fromMs).toISOString(), spec: entry.value };
  }

  /** Replaces the workload from now on (the past keeps the workload it had). */
  setWorkload(clusterKey: string, body: unknown): EffectiveWorkload {
    return this.replace(clusterKey, parseWorkloadSpec(body));
  }

  /** Merges top-level fields (and the profile's fields) into the current workload from now on. */
  patchWorkload(clusterKey: string, body: unknown): EffectiveWorkload {
    return this.replace(clusterKey, patchWorkloadSpec(this.workload(clusterKey).spec, body));
  }

  topologyAt(clusterKey: string, atMs: number): TopologyRecord | undefined {
    return this.journal.at(clusterKey, atMs)?.value;
  }

  /** When a node first appeared and since when its Ready condition has its value at `atMs` (from the journal). */
  nodeHistory(clusterKey: string, nodeName: string, atMs: number): { firstSeenMs: number; readySinceMs: number } | undefined {
    const entries = this.journal.history(clusterKey).filter((e) => e.fromMs <= atMs);
    const statusIn = (i: number) => entries[i]?.value?.nodes.find((n) => n.name === nodeName)?.status;
    const current = statusIn(entries.length - 1);
    if (current === undefined) return undefined;
    const ready = isReadyCondition(current, false);
    let readySince = entries.length - 1;
    while (readySince > 0 && statusIn(readySince - 1) !== undefined && isReadyCondition(statusIn(readySince - 1)!, false) === ready) readySince -= 1;
    let first = readySince;
    while (first > 0 && statusIn(first - 1) !== undefined) first -= 1;
    return { firstSeenMs: entries[first]!.fromMs, readySinceMs: entries[readySince]!.fromMs };
  }

  /** What the workload at one instant is made of (cheap: placements are cached), or undefined before the cluster existed. */
  frame(clusterKey: string, atMs: number): ViewInputs | undefined {
    const topology = this.journal.at(clusterKey, atMs);
    const specs = this.specs.get(clusterKey);
    const specEntry = specs?.at(atMs) ?? specs?.first();
    if (!topology?.value || !specEntry) return undefined;
    const load = loadFactor(specEntry.value.profile, atMs);
    const key = `${topology.seq}|${specEntry.seq}|${replicaKey(specEntry.value.deployments, load)}`;
    let placement = this.placements.get(key);
    if (!placement) {
      placement = placeWorkload(clusterKey, topology.value, specEntry.value, load);
      this.remember(key, placement);
    }
    return { topology: topology.value, spec: specEntry.value, specFromMs: specEntry.fromMs, placement, placementKey: key, load, atMs };
  }

  /** Nodes and pod states at one instant, or undefined when the cluster did not exist then. */
  view(clusterKey: string, atMs: number): WorkloadView | undefined {
    const frame = this.frame(clusterKey, atMs);
    return frame && viewWorkload(frame);
  }

  /** The workload at one instant with every pod's usage, or undefined when the cluster did not exist then. */
  snapshot(clusterKey: string, atMs: number): WorkloadSnapshot | undefined {
    const view = this.view(clusterKey, atMs);
    return view && snapshotOf(view);
  }

  get epoch(): number {
    return this.resets;
  }

  reset(): void {
    this.resets += 1;
    this.journal.clear();
    this.specs.clear();
    this.placements.clear();
    this.origins.clear();
    this.customMetrics.reset();
  }

  private appendDefault(clusterKey: string, atMs: number): void {
    const origin = this.origins.get(clusterKey)!;
    this.specTimeline(clusterKey).append(atMs, defaultWorkloadSpec(this.seed, clusterKey, origin.creation, origin.laterPools));
  }

  private replace(clusterKey: string, spec: WorkloadSpec): EffectiveWorkload {
    if (!this.fleet.clusters.has(clusterKey)) throw subResourceNotFound('Cluster', clusterKey, clusterKey);
    const origin = this.origins.get(clusterKey);
    if (origin) origin.custom = true;
    const entry = this.specTimeline(clusterKey).append(this.fleet.clock.now(), spec);
    return { effectiveFrom: new Date(entry.fromMs).toISOString(), spec };
  }

  private specTimeline(clusterKey: string): Timeline<WorkloadSpec> {
    let timeline = this.specs.get(clusterKey);
    if (!timeline) {
      timeline = new Timeline();
      this.specs.set(clusterKey, timeline);
    }
    return timeline;
  }

  private remember(key: string, placement: Placement): void {
    if (this.placements.size >= PLACEMENT_CACHE_SIZE) {
      const oldest = this.placements.keys().next().value;
      if (oldest !== undefined) this.placements.delete(oldest);
    }
    this.placements.set(key, placement);
  }
}

import type { Fleet } from '../engine/fleet';
import { ArmError } from '../errors';
import { MetricsRequestError } from '../monitor/metricsError';
import { clusterKey, clusterResourceId } from '../model';
import type { ColumnSchema, Row } from './tables/tableSchemas';
import { TABLE_SCHEMAS } from './tables/tableSchemas';
import type { TableName } from './tables/tableSchemas';
import { tableRows } from './tables/workloadTables';
import type { PdbStatus } from './disruptionBudgets';
import { drainBlockers, pdbStatuses } from './disruptionBudgets';
import type { EffectiveWorkload } from './workloadSimulation';
import { WorkloadSimulation } from './workloadSimulation';
import type { WorkloadSnapshot } from './workloadSnapshot';

/** The workload part of the admin API, also offered programmatically as `RunningAksEmulator.workload`. */
export class WorkloadControls {
  constructor(
    private readonly fleet: Fleet,
    readonly simulation: WorkloadSimulation,
  ) {}

  get(subscriptionId: string, resourceGroup: string, name: string): EffectiveWorkload {
    return this.simulation.workload(this.keyOf(subscriptionId, resourceGroup, name));
  }

  /** Replaces the cluster's workload from now on; omitted fields take their defaults. */
  set(subscriptionId: string, resourceGroup: string, name: string, spec: unknown): EffectiveWorkload {
    return this.simulation.setWorkload(this.keyOf(subscriptionId, resourceGroup, name), spec);
  }

  /** Changes only the given top-level fields (and profile fields) from now on, e.g. `{profile: {intensity: 2}}`. */
  patch(subscriptionId: string, resourceGroup: string, name: string, changes: unknown): EffectiveWorkload {
    return this.simulation.patchWorkload(this.keyOf(subscriptionId, resourceGroup, name), changes);
  }

  /** Nodes and pods at an instant (default: now). */
  snapshot(subscriptionId: string, resourceGroup: string, name: string, at?: string | number): WorkloadSnapshot {
    const key = this.keyOf(subscriptionId, resourceGroup, name);
    const atMs = at === undefined ? this.fleet.clock.now() : typeof at === 'number' ? at : Date.parse(at);
    if (!Number.isFinite(atMs)) throw new ArmError(400, 'InvalidRequestContent', `'${String(at)}' is not an ISO 8601 date-time.`);
    const snapshot = this.simulation.snapshot(key, atMs);
    if (!snapshot) throw new ArmError(404, 'NotFound', `Managed cluster '${name}' did not exist at ${new Date(atMs).toISOString()}.`);
    return snapshot;
  }

  /**
   * The rows a Log Analytics table (ContainerLogV2, KubePodInventory, KubeNodeInventory, KubeEvents, Perf,
   * AKSControlPlane, AKSAudit, AKSAuditAdmin) would hold for the cluster in [from, to), at most one day.
   */
  tableRows(subscriptionId: string, resourceGroup: string, name: string, table: string, range: { from: string | number; to: string | number }): { table: string; columns: ColumnSchema[]; rows: Row[] } {
    const key = this.keyOf(subscriptionId, resourceGroup, name);
    const cluster = this.fleet.requireCluster(subscriptionId, resourceGroup, name);
    const rows = tableRows(
      {
        simulation: this.simulation,
        clusterKey: key,
        resourceId: clusterResourceId(cluster),
        subscriptionId: cluster.subscriptionId,
        clusterName: cluster.name,
        fromMs: toMs(range.from, 'from'),
        toMs: toMs(range.to, 'to'),
        nowMs: this.fleet.clock.now(),
      },
      table,
    );
    const canonical = Object.keys(TABLE_SCHEMAS).find((t) => t.toLowerCase() === table.toLowerCase()) as TableName;
    return { table: canonical, columns: TABLE_SCHEMAS[canonical], rows };
  }

  /** PodDisruptionBudgets with their healthy pods and allowed disruptions at an instant (default: now). */
  disruptionBudgets(subscriptionId: string, resourceGroup: string, name: string, at?: string | number): PdbStatus[] {
    return pdbStatuses(this.snapshot(subscriptionId, resourceGroup, name, at));
  }

  /** The budgets that would refuse evicting every pod of the node now (what a drain would hit). */
  drainBlockers(subscriptionId: string, resourceGroup: string, name: string, nodeName: string, at?: string | number): PdbStatus[] {
    return drainBlockers(this.snapshot(subscriptionId, resourceGroup, name, at), nodeName);
  }

  /**
   * Publishes a custom metric for the cluster, in the body Azure Monitor's ingestion API takes
   * (`{time, data: {baseData: {metric, namespace, dimNames, series: [{dimValues, min, max, sum, count}]}}}`); queries
   * of that namespace read it. A body the service would refuse is a 400 with the reason.
   */
  publishCustomMetric(subscriptionId: string, resourceGroup: string, name: string, body: unknown): void {
    const key = this.keyOf(subscriptionId, resourceGroup, name);
    try {
      this.simulation.customMetrics.publish(key, body, this.fleet.clock.now());
    } catch (error) {
      if (error instanceof MetricsRequestError) throw new ArmError(400, 'BadRequest', error.message);
      throw error;
    }
  }

  reset(): void {
    this.simulation.reset();
  }

  private keyOf(subscriptionId: string, resourceGroup: string, name: string): string {
    this.fleet.operations.tick();
    this.fleet.requireCluster(subscriptionId, resourceGroup, name);
    return clusterKey(subscriptionId, resourceGroup, name);
  }
}

function toMs(value: string | number, name: string): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new ArmError(400, 'InvalidRequestContent', `'${name}' must be an ISO 8601 date-time.`);
  return ms;
}

/** Wires a workload simulation to the fleet: every operation step records the cluster's topology. */
export function attachWorkload(fleet: Fleet, seed: number): WorkloadControls {
  const simulation = new WorkloadSimulation(fleet, seed);
  fleet.operations.onStep((op, atMs) => simulation.observe(op.clusterKey, atMs));
  return new WorkloadControls(fleet, simulation);
}

/** Admin JSON of a snapshot: the workload specs behind pods are named, not repeated. */
export function renderSnapshot(snapshot: WorkloadSnapshot): Record<string, unknown> {
  return {
    at: new Date(snapshot.atMs).toISOString(),
    running: snapshot.running,
    load: snapshot.load,
    kubernetesVersion: snapshot.kubernetesVersion,
    autoscalerEnabled: snapshot.autoscalerEnabled,
    pools: snapshot.pools,
    pendingPods: snapshot.pendingPods,
    podDisruptionBudgets: pdbStatuses(snapshot),
    nodes: snapshot.nodes,
    pods: snapshot.pods.map(({ owner, ...pod }) => ({ ...pod, owner: { kind: owner.kind, name: owner.spec.name } })),
  };
}

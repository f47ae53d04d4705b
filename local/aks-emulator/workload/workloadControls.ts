import type { Fleet } from '../engine/fleet';
import { ArmError } from '../errors';
import { clusterKey } from '../model';
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

  reset(): void {
    this.simulation.reset();
  }

  private keyOf(subscriptionId: string, resourceGroup: string, name: string): string {
    this.fleet.operations.tick();
    this.fleet.requireCluster(subscriptionId, resourceGroup, name);
    return clusterKey(subscriptionId, resourceGroup, name);
  }
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
    nodes: snapshot.nodes,
    pods: snapshot.pods.map(({ owner, ...pod }) => ({ ...pod, owner: { kind: owner.kind, name: owner.spec.name } })),
  };
}

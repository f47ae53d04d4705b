import { ArmError } from './errors';
import type { Fleet } from './engine/fleet';
import { FAULT_KINDS, type FaultInjector, type FaultRule } from './engine/faults';
import type { ImageFamily } from './engine/nodeImages';
import { parseVersion } from './catalogue/versions';
import { seedDemoFleet } from './demoFleet';
import type { ArmThrottling, ThrottlingSettings } from './http/armThrottling';
import type { RequestCounters } from './http/counters';
import type { NodeState, PodDisruptionBudget } from './model';
import { clusterKey } from './model';
import type { UpgradeFailure } from './engine/upgradeFailures';
import type { WorkloadControls } from './workload/workloadControls';
import { requireMonitoringWorkspaceResourceId } from './workspaces/monitoringAddon';
import type { AksEvent } from './webhooks/aksEventFeed';
import { newKubernetesVersionEvent } from './webhooks/aksEvents';
import type { WebhookPublisher } from './webhooks/webhookPublisher';
import type { ClusterState } from './model';

export interface QuotaSetting {
  subscriptionId: string;
  location: string;
  family: string;
  limit: number;
}

export interface PoolNodesView {
  pool: string;
  provisioningState: string;
  currentOrchestratorVersion: string;
  nodeImageVersion: string;
  nodes: NodeState[];
}

const IMAGE_FAMILIES: ImageFamily[] = ['AKSUbuntu-2204gen2containerd', 'AKSAzureLinux-V3gen2', 'AKSWindows-2022-containerd'];

/** The controls behind the admin API, also offered programmatically on RunningAksEmulator. */
export class EmulatorControls {
  constructor(
    private readonly fleet: Fleet,
    private readonly faults: FaultInjector,
    private readonly requestCounters: RequestCounters,
    readonly workload: WorkloadControls,
    private readonly armThrottling: ArmThrottling,
    private readonly appliedWriteCounters: RequestCounters,
    /** Event Grid subscriptions and action-group webhooks the emulator publishes to. */
    readonly webhooks: WebhookPublisher,
  ) {}

  cluster(subscriptionId: string, resourceGroup: string, name: string): ClusterState {
    return this.fleet.requireCluster(subscriptionId, resourceGroup, name);
  }

  /** Raises an AKS event as the resource provider would (published to every events subscription). */
  raiseAksEvent(event: AksEvent): void {
    this.fleet.events.publish(event);
  }

  /** ARM's subscription throttling (token buckets); off unless enabled. */
  throttling(): ThrottlingSettings {
    return this.armThrottling.current();
  }

  /** Changes throttling settings (partially, e.g. `{enabled: true, reads: {bucket: 20}}`) and refills every bucket. */
  setThrottling(change: Partial<ThrottlingSettings>): ThrottlingSettings {
    return this.armThrottling.configure(change);
  }

  counters(): Record<string, number> {
    return this.requestCounters.snapshot();
  }

  /** Writes ARM took (answered 2xx), by operation: a request refused by a fault or a rule is not among them. */
  appliedWrites(): Record<string, number> {
    return this.appliedWriteCounters.snapshot();
  }

  /** Requests of any kind since the last reset, including ones no route matched (tests of "0 requests"). */
  requestsSeen(): number {
    return this.requestCounters.requestsSeen();
  }

  resetCounters(): void {
    this.requestCounters.reset();
    this.appliedWriteCounters.reset();
  }

  injectFault(rule: Omit<FaultRule, 'id'>): FaultRule {
    if (!FAULT_KINDS.includes(rule.kind)) {
      throw new ArmError(400, 'InvalidFault', `Unknown fault kind '${String(rule.kind)}'. Use ${FAULT_KINDS.join(', ')}.`);
    }
    return this.faults.add({ ...rule, operation: rule.operation || '*' });
  }

  listFaults(): FaultRule[] {
    return this.faults.list();
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setQuota(setting: QuotaSetting): void {
    if (!Number.isFinite(setting.limit) || setting.limit < 0) throw new ArmError(400, 'InvalidQuota', 'limit must be a non-negative number of vCPUs.');
    this.fleet.quotaOverrides.set(`${setting.subscriptionId}/${setting.location}/${setting.family}`.toLowerCase(), setting.limit);
  }

  quotas(): { defaultVcpuLimit: number; overrides: Record<string, number> } {
    return { defaultVcpuLimit: this.fleet.settings.defaultVcpuQuota, overrides: Object.fromEntries(this.fleet.quotaOverrides) };
  }

  declarePdb(subscriptionId: string, resourceGroup: string, clusterName: string, pdb: Partial<PodDisruptionBudget> & { name: string }): PodDisruptionBudget {
    const cluster = this.fleet.requireCluster(subscriptionId, resourceGroup, clusterName);
    const stored: PodDisruptionBudget = { namespace: pdb.namespace ?? 'default', name: pdb.name, pools: pdb.pools ?? [], minAvailable: pdb.minAvailable ?? 1 };
    cluster.podDisruptionBudgets.push(stored);
    return stored;
  }

  clearPdbs(subscriptionId: string, resourceGroup: string, clusterName: string): void {
    this.fleet.requireCluster(subscriptionId, resourceGroup, clusterName).podDisruptionBudgets = [];
  }

  /** The next `remaining` (default 1) node-pool upgrades of this cluster fail after their first batch of nodes. */
  injectUpgradeFailure(subscriptionId: string, resourceGroup: string, clusterName: string, failure: Partial<UpgradeFailure> = {}): UpgradeFailure {
    const cluster = this.fleet.requireCluster(subscriptionId, resourceGroup, clusterName);
    return this.fleet.upgradeFailures.arm(clusterKey(cluster.subscriptionId, cluster.resourceGroup, cluster.name), failure);
  }

  clearUpgradeFailures(subscriptionId: string, resourceGroup: string, clusterName: string): void {
    this.fleet.upgradeFailures.clear(clusterKey(subscriptionId, resourceGroup, clusterName));
  }

  nodes(subscriptionId: string, resourceGroup: string, clusterName: string): PoolNodesView[] {
    this.fleet.operations.tick();
    const cluster = this.fleet.requireCluster(subscriptionId, resourceGroup, clusterName);
    return cluster.pools.map((p) => ({
      pool: p.name,
      provisioningState: p.provisioningState,
      currentOrchestratorVersion: p.currentOrchestratorVersion,
      nodeImageVersion: p.nodeImageVersion,
      nodes: p.nodes.map((n) => ({ ...n, labels: { ...n.labels } })),
    }));
  }

  advanceClock(seconds: number): string {
    this.fleet.clock.advance(seconds * 1000);
    this.fleet.operations.tick();
    return this.fleet.clock.nowIso();
  }

  setClockSpeed(speed: number): void {
    this.fleet.clock.setSpeed(speed);
  }

  now(): string {
    return this.fleet.clock.nowIso();
  }

  publishKubernetesVersion(version: string, options: { isPreview?: boolean } = {}): void {
    const parsed = parseVersion(version);
    if (parsed?.patch === undefined) throw new ArmError(400, 'InvalidVersion', `'${version}' is not a full major.minor.patch version.`);
    this.fleet.versions.publishPatch(version, options);
    // AKS announces a new version to every cluster's system topic.
    for (const cluster of this.fleet.clusters.values()) {
      this.fleet.events.publish(newKubernetesVersionEvent(cluster, this.fleet.versions.all(), this.fleet.clock.nowIso()));
    }
  }

  /** Publishes a node image for one family (or every family when omitted), e.g. suffix "202612.05.0", everywhere or in one region. */
  publishNodeImage(versionSuffix: string, family?: string, location?: string): Record<string, string> {
    const families = family === undefined ? IMAGE_FAMILIES : IMAGE_FAMILIES.filter((f) => f.toLowerCase() === family.toLowerCase());
    if (families.length === 0) throw new ArmError(400, 'InvalidImageFamily', `Unknown image family '${family ?? ''}'. Known: ${IMAGE_FAMILIES.join(', ')}.`);
    const published = families.map((f) => this.fleet.nodeImages.publish(f, versionSuffix, location));
    return location === undefined ? this.fleet.nodeImages.families() : Object.fromEntries(families.map((f, i) => [f, published[i]!]));
  }

  /**
   * Where the cluster's logs go: the workspace its monitoring add-on names and the customerId to query it with.
   * 409 MonitoringNotEnabled without the add-on; 404 when the named workspace does not exist.
   */
  monitoringWorkspace(subscriptionId: string, resourceGroup: string, clusterName: string): { workspaceResourceId: string; customerId: string } {
    const cluster = this.fleet.requireCluster(subscriptionId, resourceGroup, clusterName);
    const workspaceResourceId = requireMonitoringWorkspaceResourceId(cluster);
    const workspace = this.fleet.workspaces.find(workspaceResourceId);
    if (!workspace) {
      throw new ArmError(404, 'WorkspaceNotFound', `The Log Analytics workspace '${workspaceResourceId}' named by the monitoring add-on of managed cluster '${clusterName}' does not exist.`);
    }
    return { workspaceResourceId, customerId: workspace.customerId };
  }

  seedDemoFleet(): string[] {
    return seedDemoFleet(this.fleet);
  }

  reset(): void {
    this.fleet.reset();
    this.fleet.nodeImages.reset();
    this.fleet.versions.reset();
    this.faults.clear();
    this.resetCounters();
    this.armThrottling.reset();
    this.workload.reset();
  }
}

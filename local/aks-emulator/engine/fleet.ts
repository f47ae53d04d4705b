import type { VirtualClock } from '../clock';
import { clusterNotFound, operationInProgress, operationNotAllowed } from '../errors';
import type { SeededRandom } from '../random';
import type { VersionCatalogue } from '../catalogue/versions';
import { findVmSize } from '../catalogue/vmSizes';
import { checkVcpuQuota } from '../rules/quota';
import type { ClusterState, NodeState, PoolState } from '../model';
import { clusterKey } from '../model';
import { WorkspaceStore } from '../workspaces/workspaceStore';
import { AksEventFeed } from '../webhooks/aksEventFeed';
import type { SimulationDurations } from './durations';
import type { NodeImageCatalogue } from './nodeImages';
import { UpgradeFailures } from './upgradeFailures';
import type { StoredCommandResult } from '../runCommand/commandResults';
import type { SubnetState } from '../network/subnetState';
import type { OperationEngine, OperationRecord, OperationResult, ProvisionedTarget, Simulation } from './operations';

/** Compute's name for the regional total of vCPUs over every VM family (`Total Regional vCPUs`). */
export const REGIONAL_VCPU_QUOTA = 'cores';

/** The regional total defaults to this many times the per-family default, so families alone bind unless set. */
const REGIONAL_QUOTA_FACTOR = 4;

export interface FleetSettings {
  durations: SimulationDurations;
  defaultVcpuQuota: number;
  requireSgxAddonForConfidentialPools: boolean;
}

/** The emulated fleet: clusters, their pools and nodes, quotas, and the running operations. */
export class Fleet {
  readonly clusters = new Map<string, ClusterState>();
  /** Keyed by `${subscription}/${location}/${family}` (lower case). */
  readonly quotaOverrides = new Map<string, number>();
  /** Log Analytics workspaces the monitoring add-on of clusters can name. */
  readonly workspaces = new WorkspaceStore();
  /** AKS's Event Grid events as clusters change (the webhook publisher listens). */
  readonly events = new AksEventFeed();
  /** Pool-upgrade failures armed for chosen clusters (admin API). */
  readonly upgradeFailures = new UpgradeFailures();
  /** Finished run commands by id (`…/commandResults/{id}`). */
  readonly commandResults = new Map<string, StoredCommandResult>();
  /** Subnets by lower-case resource id (`Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}`). */
  readonly subnets = new Map<string, SubnetState>();

  constructor(
    readonly clock: VirtualClock,
    readonly random: SeededRandom,
    readonly versions: VersionCatalogue,
    readonly nodeImages: NodeImageCatalogue,
    readonly operations: OperationEngine,
    readonly settings: FleetSettings,
  ) {}

  findCluster(subscriptionId: string, resourceGroup: string, name: string): ClusterState | undefined {
    return this.clusters.get(clusterKey(subscriptionId, resourceGroup, name));
  }

  requireCluster(subscriptionId: string, resourceGroup: string, name: string): ClusterState {
    const cluster = this.findCluster(subscriptionId, resourceGroup, name);
    if (!cluster) throw clusterNotFound(resourceGroup, name);
    return cluster;
  }

  /** AKS allows one mutating operation per cluster, counting its pools. */
  assertNoOperationInProgress(cluster: ClusterState): void {
    const active = this.activeOperation(cluster);
    if (active) throw operationInProgress(active.description, active.id, active.startTime);
  }

  assertRunning(cluster: ClusterState, operation: string): void {
    if (cluster.powerState === 'Stopped') {
      throw operationNotAllowed(
        `Managed cluster '${cluster.name}' is in stopped state. Operation '${operation}' is not allowed on a stopped cluster. Please start the cluster first.`,
        409,
      );
    }
  }

  activeOperation(cluster: ClusterState): OperationRecord | undefined {
    if (cluster.activeOperationId === undefined) return undefined;
    const op = this.operations.get(cluster.activeOperationId);
    return op?.status === 'InProgress' ? op : undefined;
  }

  startOperation(
    cluster: ClusterState,
    description: string,
    result: OperationResult,
    targets: ProvisionedTarget[],
    simulation: Simulation,
    options: { holdsClusterLock?: boolean; injectedFailure?: { code: string; message: string }; onFinished?: (op: OperationRecord) => void } = {},
  ): OperationRecord {
    const holdsClusterLock = options.holdsClusterLock ?? true;
    const op = this.operations.start({
      id: this.random.uuid(),
      subscriptionId: cluster.subscriptionId,
      location: cluster.location,
      clusterKey: clusterKey(cluster.subscriptionId, cluster.resourceGroup, cluster.name),
      description,
      holdsClusterLock,
      result,
      targets,
      simulation,
      ...(options.injectedFailure ? { injectedFailure: options.injectedFailure } : {}),
      ...(options.onFinished ? { onFinished: options.onFinished } : {}),
    });
    if (holdsClusterLock && op.status === 'InProgress') cluster.activeOperationId = op.id;
    return op;
  }

  newETag(): string {
    return this.random.uuid();
  }

  addNode(pool: PoolState, version: string, image: string, options: { surge: boolean; status: NodeState['status'] }): NodeState {
    const index = pool.nextInstanceIndex;
    pool.nextInstanceIndex += 1;
    const suffix = index.toString(36).padStart(6, '0');
    const name = pool.osType === 'Windows' ? `aks${pool.name}${suffix}` : `aks-${pool.name}-${pool.vmssSuffix}-vmss${suffix}`;
    const node: NodeState = {
      name,
      kubernetesVersion: version,
      nodeImageVersion: image,
      status: options.status,
      surge: options.surge,
      labels: { 'kubernetes.azure.com/agentpool': pool.name, 'kubernetes.azure.com/node-image-version': image },
    };
    pool.nodes.push(node);
    return node;
  }

  quotaLimit(subscriptionId: string, location: string, family: string): number {
    const fallback = family === REGIONAL_VCPU_QUOTA ? this.settings.defaultVcpuQuota * REGIONAL_QUOTA_FACTOR : this.settings.defaultVcpuQuota;
    return this.quotaOverrides.get(`${subscriptionId}/${location}/${family}`.toLowerCase()) ?? fallback;
  }

  /** vCPUs of every allocated node in the subscription and region, all families together. */
  regionalVcpuUsage(subscriptionId: string, location: string): number {
    return this.vcpuUsageWhere(subscriptionId, location, () => true);
  }

  /** vCPUs of every allocated node in the subscription and region, for one VM family. */
  vcpuUsage(subscriptionId: string, location: string, family: string): number {
    return this.vcpuUsageWhere(subscriptionId, location, (sizeFamily) => sizeFamily === family);
  }

  private vcpuUsageWhere(subscriptionId: string, location: string, counts: (family: string) => boolean): number {
    let total = 0;
    for (const cluster of this.clusters.values()) {
      if (cluster.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase() || cluster.location !== location) continue;
      for (const pool of cluster.pools) {
        const size = findVmSize(pool.vmSize);
        if (!size || !counts(size.family)) continue;
        total += pool.nodes.filter((n) => n.status !== 'Deallocated').length * size.vCpus;
      }
    }
    return total;
  }

  assertQuotaFor(cluster: ClusterState, vmSize: string, additionalNodes: number): void {
    this.assertQuotaForNodes(cluster, [{ vmSize, nodes: additionalNodes }]);
  }

  /** One quota check per VM family for nodes that several pools add together (a cluster create or PUT). */
  assertQuotaForNodes(cluster: ClusterState, demands: readonly { vmSize: string; nodes: number }[]): void {
    const vcpusByFamily = new Map<string, number>();
    for (const { vmSize, nodes } of demands) {
      const size = findVmSize(vmSize);
      if (size && nodes > 0) vcpusByFamily.set(size.family, (vcpusByFamily.get(size.family) ?? 0) + nodes * size.vCpus);
    }
    const regionalRequired = [...vcpusByFamily.values()].reduce((sum, vcpus) => sum + vcpus, 0);
    checkVcpuQuota({
      location: cluster.location,
      family: REGIONAL_VCPU_QUOTA,
      limit: this.quotaLimit(cluster.subscriptionId, cluster.location, REGIONAL_VCPU_QUOTA),
      currentUsage: this.regionalVcpuUsage(cluster.subscriptionId, cluster.location),
      additionalRequired: regionalRequired,
    });
    for (const [family, additionalRequired] of vcpusByFamily) {
      checkVcpuQuota({
        location: cluster.location,
        family,
        limit: this.quotaLimit(cluster.subscriptionId, cluster.location, family),
        currentUsage: this.vcpuUsage(cluster.subscriptionId, cluster.location, family),
        additionalRequired,
      });
    }
  }

  isNodeDrainBlocked(cluster: ClusterState, pool: PoolState): { namespace: string; name: string } | undefined {
    return cluster.podDisruptionBudgets.find((pdb) => pdb.pools.length === 0 || pdb.pools.some((p) => p.toLowerCase() === pool.name.toLowerCase()));
  }

  seconds(key: keyof SimulationDurations): number {
    return this.settings.durations[key] * 1000;
  }

  reset(): void {
    this.clusters.clear();
    this.quotaOverrides.clear();
    this.workspaces.clear();
    this.upgradeFailures.clear();
    this.commandResults.clear();
    this.subnets.clear();
    this.operations.clear();
  }
}

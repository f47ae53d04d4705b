import { ArmError } from '../errors';
import type { ClusterState, NodeState, PoolState, RecentlyUsedVersion } from '../model';
import { clusterKey } from '../model';
import type { Fleet } from './fleet';
import { imageFamilyFor } from './nodeImages';
import { rememberPoolVersion } from './recentlyUsedVersions';
import type { Simulation } from './operations';
import { OperationCanceledOutcome } from './operations';
import { batchSize, batches, resolveUpgradeSettings } from './upgradeSettings';
import { nodePoolRollingEvent } from '../webhooks/aksEvents';

/** Simulations of AKS operations on the virtual clock. Each `yield` is a wait in virtual milliseconds. */

/** The newest node image the cluster's region offers the pool. */
export function latestImageFor(fleet: Fleet, cluster: Pick<ClusterState, 'location'>, pool: PoolState): string {
  const osSku = typeof pool.properties['osSKU'] === 'string' ? pool.properties['osSKU'] : undefined;
  return fleet.nodeImages.latestFor(imageFamilyFor(pool.osType, osSku), cluster.location);
}

function setNodes(nodes: readonly NodeState[], status: NodeState['status']): void {
  for (const node of nodes) node.status = status;
}

export function* provisionPool(fleet: Fleet, pool: PoolState, state: string): Simulation {
  pool.provisioningState = state;
  yield fleet.seconds('poolCreate');
  setNodes(pool.nodes, pool.powerState === 'Stopped' ? 'Deallocated' : 'Ready');
  pool.provisioningState = 'Succeeded';
  delete pool.provisioningError;
}

export function* createCluster(fleet: Fleet, cluster: ClusterState): Simulation {
  cluster.provisioningState = 'Creating';
  for (const pool of cluster.pools) pool.provisioningState = 'Creating';
  yield fleet.seconds('clusterCreate');
  for (const pool of cluster.pools) {
    setNodes(pool.nodes, 'Ready');
    pool.provisioningState = 'Succeeded';
  }
  succeed(cluster);
}

/** A pool changed inside a managed-cluster PUT; its count (when `scales`) and settings are already the requested ones. */
export interface InlinePoolUpdate {
  pool: PoolState;
  scales: boolean;
}

/** Cluster PUT without a version change: the cluster reconciles, then each changed pool scales or updates in turn. */
export function* reconcileCluster(fleet: Fleet, cluster: ClusterState, updates: readonly InlinePoolUpdate[] = []): Simulation {
  cluster.provisioningState = 'Updating';
  markInlinePoolUpdates(updates);
  yield fleet.seconds('clusterUpdate');
  yield* applyInlinePoolUpdates(fleet, updates, []);
  for (const pool of cluster.pools) {
    if (pool.provisioningState === 'Failed' || pool.provisioningState === 'Canceled') succeedPool(pool);
  }
  succeed(cluster);
}

/**
 * Full or control-plane-only upgrade: the control plane first, then the pools changed inline (as in reconcileCluster),
 * then each listed pool's rolling upgrade, one after the other.
 */
export function* upgradeCluster(fleet: Fleet, cluster: ClusterState, target: string, pools: PoolState[], updates: readonly InlinePoolUpdate[] = []): Simulation {
  cluster.provisioningState = 'Upgrading';
  markInlinePoolUpdates(updates);
  // orchestratorVersion is the desired version (ARM shows it at once); currentOrchestratorVersion moves when the pool is done.
  for (const pool of pools) Object.assign(pool, { provisioningState: 'Upgrading', orchestratorVersion: target });
  yield fleet.seconds('controlPlaneUpgrade');
  cluster.currentKubernetesVersion = target;
  yield* applyInlinePoolUpdates(fleet, updates, pools);
  for (const pool of pools) {
    yield* rollingUpgrade(fleet, cluster, pool, target, latestImageFor(fleet, cluster, pool));
    pool.orchestratorVersion = target;
    succeedPool(pool);
  }
  succeed(cluster);
}

/** The states an agent-pool PUT shows for the same change: Scaling for a count change, Updating otherwise. */
function markInlinePoolUpdates(updates: readonly InlinePoolUpdate[]): void {
  for (const { pool, scales } of updates) pool.provisioningState = scales ? 'Scaling' : 'Updating';
}

/** Same steps as scalePool / updatePool; a pool that is also upgraded stays busy until its rolling upgrade ends. */
function* applyInlinePoolUpdates(fleet: Fleet, updates: readonly InlinePoolUpdate[], stillBusy: readonly PoolState[]): Simulation {
  for (const { pool, scales } of updates) {
    if (scales) yield* resizePool(fleet, pool, pool.count);
    else yield fleet.seconds('poolUpdate');
    if (!stillBusy.includes(pool)) succeedPool(pool);
  }
}

export function* scalePool(fleet: Fleet, cluster: ClusterState, pool: PoolState, newCount: number): Simulation {
  pool.provisioningState = 'Scaling';
  yield* resizePool(fleet, pool, newCount);
  succeedPool(pool);
  succeed(cluster);
}

/** Adds nodes (Provisioning → Ready) or drains and removes the highest ones, then records the count. */
function* resizePool(fleet: Fleet, pool: PoolState, newCount: number): Simulation {
  const active = pool.nodes.filter((n) => !n.surge);
  if (newCount > active.length) {
    const added: NodeState[] = [];
    for (let i = active.length; i < newCount; i += 1) {
      added.push(fleet.addNode(pool, pool.currentOrchestratorVersion, pool.nodeImageVersion, { surge: false, status: 'Provisioning' }));
    }
    yield fleet.seconds('nodeProvision');
    setNodes(added, pool.powerState === 'Stopped' ? 'Deallocated' : 'Ready');
  } else if (newCount < active.length) {
    const removed = active.slice(newCount);
    setNodes(removed, 'Draining');
    yield fleet.seconds('nodeRemove');
    pool.nodes = pool.nodes.filter((n) => !removed.includes(n));
  }
  pool.count = newCount;
}

export function* updatePool(fleet: Fleet, cluster: ClusterState, pool: PoolState): Simulation {
  pool.provisioningState = 'Updating';
  yield fleet.seconds('poolUpdate');
  succeedPool(pool);
  succeed(cluster);
}

export function* upgradePool(fleet: Fleet, cluster: ClusterState, pool: PoolState, target: string, state: string): Simulation {
  pool.provisioningState = state;
  yield* rollingUpgrade(fleet, cluster, pool, target, latestImageFor(fleet, cluster, pool));
  succeedPool(pool);
  succeed(cluster);
}

/** Node-pool rollback: the same node-by-node replacement as an upgrade, back to a recently used version and image. */
export function* rollbackPool(fleet: Fleet, cluster: ClusterState, pool: PoolState, target: RecentlyUsedVersion): Simulation {
  pool.provisioningState = 'Upgrading';
  yield* rollingUpgrade(fleet, cluster, pool, target.orchestratorVersion, target.nodeImageVersion);
  pool.orchestratorVersion = target.orchestratorVersion;
  succeedPool(pool);
  succeed(cluster);
}

export function* setPoolPower(fleet: Fleet, cluster: ClusterState, pool: PoolState, power: 'Running' | 'Stopped'): Simulation {
  pool.provisioningState = power === 'Running' ? 'Starting' : 'Stopping';
  pool.powerState = power;
  yield fleet.seconds(power === 'Running' ? 'start' : 'stop');
  setNodes(pool.nodes, power === 'Running' ? 'Ready' : 'Deallocated');
  succeedPool(pool);
  succeed(cluster);
}

export function* setClusterPower(fleet: Fleet, cluster: ClusterState, power: 'Running' | 'Stopped'): Simulation {
  cluster.provisioningState = power === 'Running' ? 'Starting' : 'Stopping';
  yield fleet.seconds(power === 'Running' ? 'start' : 'stop');
  cluster.powerState = power;
  for (const pool of cluster.pools) {
    pool.powerState = power;
    setNodes(pool.nodes, power === 'Running' ? 'Ready' : 'Deallocated');
  }
  succeed(cluster);
}

export function* deletePool(fleet: Fleet, cluster: ClusterState, pool: PoolState, ignorePdb: boolean): Simulation {
  pool.provisioningState = 'Deleting';
  setNodes(pool.nodes, 'Cordoned');
  const blocking = ignorePdb ? undefined : fleet.isNodeDrainBlocked(cluster, pool);
  if (blocking) {
    yield resolveUpgradeSettings(pool.properties['upgradeSettings'] as Record<string, unknown> | undefined, pool.nodes.length).drainTimeoutMinutes * 60_000;
    setNodes(pool.nodes, 'Ready');
    throw new ArmError(
      400,
      'PodDrainFailure',
      `Drain node ${pool.nodes[0]?.name ?? pool.name} failed when evicting pod ${blocking.name}-0 failed with Too Many Requests error. This is often caused by a restrictive Pod Disruption Budget (PDB) policy. See http://aka.ms/aks/debugdrainfailures. Original error: Cannot evict pod as it would violate the pod's disruption budget.. PDB debug info: ${blocking.namespace}/${blocking.name}-0 blocked by pdb ${blocking.name}. Retry with ignore-pod-disruption-budget=true to delete the agent pool anyway.`,
    );
  }
  yield fleet.seconds('poolDelete');
  cluster.pools = cluster.pools.filter((p) => p !== pool);
  succeed(cluster);
}

export function* deleteCluster(fleet: Fleet, cluster: ClusterState, key: string): Simulation {
  cluster.provisioningState = 'Deleting';
  for (const pool of cluster.pools) pool.provisioningState = 'Deleting';
  yield fleet.seconds('clusterDelete');
  fleet.clusters.delete(key);
}

/** What runs after an abort: Canceling, clean-up of half-done node work, then Canceled. */
export function* cancellation(fleet: Fleet, cluster: ClusterState, pools: PoolState[]): Simulation {
  cluster.provisioningState = 'Canceling';
  for (const pool of pools) pool.provisioningState = 'Canceling';
  yield fleet.seconds('abort');
  for (const pool of pools) {
    pool.nodes = pool.nodes.filter((n) => !(n.surge && n.status === 'Provisioning'));
    for (const node of pool.nodes) if (node.status !== 'Deallocated' && node.status !== 'Quarantined') node.status = 'Ready';
    pool.provisioningState = 'Canceled';
  }
  cluster.provisioningState = 'Canceled';
}

function succeed(cluster: ClusterState): void {
  cluster.provisioningState = 'Succeeded';
  delete cluster.provisioningError;
}

function succeedPool(pool: PoolState): void {
  pool.provisioningState = 'Succeeded';
  delete pool.provisioningError;
}

/**
 * A pool's rolling upgrade, framed by AKS's NodePoolRollingStarted and NodePoolRollingSucceeded/Failed events
 * (a canceled upgrade ends as Failed).
 */
export function* rollingUpgrade(fleet: Fleet, cluster: ClusterState, pool: PoolState, targetVersion: string, targetImage: string): Simulation {
  const raise = (status: 'Started' | 'Succeeded' | 'Failed') => fleet.events.publish(nodePoolRollingEvent(cluster, pool, status, fleet.clock.nowIso()));
  raise('Started');
  let ended = false;
  try {
    yield* rollNodes(fleet, cluster, pool, targetVersion, targetImage);
    ended = true;
    raise('Succeeded');
  } finally {
    if (!ended) raise('Failed');
  }
}

/**
 * AKS's rolling node upgrade (upgrades.md §1.2): surge nodes at the new version, then batch by batch
 * cordon → drain (PDBs may block) → soak → reimage, then remove the surge nodes.
 */
function* rollNodes(fleet: Fleet, cluster: ClusterState, pool: PoolState, targetVersion: string, targetImage: string): Simulation {
  const oldNodes = pool.nodes.filter((n) => !n.surge && (n.kubernetesVersion !== targetVersion || n.nodeImageVersion !== targetImage));
  const settings = resolveUpgradeSettings(pool.properties['upgradeSettings'] as Record<string, unknown> | undefined, oldNodes.length);
  if (pool.powerState === 'Stopped') {
    // A stopped pool is upgraded "on paper"; its nodes get the version when started.
    for (const node of pool.nodes) Object.assign(node, { kubernetesVersion: targetVersion, nodeImageVersion: targetImage });
    finishPoolVersion(fleet, pool, targetVersion, targetImage);
    return;
  }
  fleet.assertQuotaFor(cluster, pool.vmSize, settings.surge);
  const injectedFailure = fleet.upgradeFailures.take(clusterKey(cluster.subscriptionId, cluster.resourceGroup, cluster.name));
  const surgeNodes: NodeState[] = [];
  for (let i = 0; i < settings.surge; i += 1) {
    surgeNodes.push(fleet.addNode(pool, targetVersion, targetImage, { surge: true, status: 'Provisioning' }));
  }
  if (surgeNodes.length > 0) {
    yield fleet.seconds('nodeProvision');
    setNodes(surgeNodes, 'Ready');
  }
  const blocked: NodeState[] = [];
  for (const batch of batches(oldNodes, batchSize(settings))) {
    setNodes(batch, 'Cordoned');
    yield fleet.seconds('nodeDrain');
    const pdb = fleet.isNodeDrainBlocked(cluster, pool);
    const drained = pdb ? [] : batch;
    if (pdb) {
      for (const node of batch) node.drainBlockedBy = { namespace: pdb.namespace, name: pdb.name };
      yield settings.drainTimeoutMinutes * 60_000;
      for (const node of batch) delete node.drainBlockedBy;
      if (settings.undrainableNodeBehavior === undefined) {
        throw drainFailure(batch[0]?.name ?? pool.name, pdb);
      }
      for (const node of batch) {
        blocked.push(node);
        if (settings.undrainableNodeBehavior === 'Cordon') {
          node.status = 'Quarantined';
          node.labels['kubernetes.azure.com/upgrade-status'] = 'Quarantined';
        } else {
          node.status = 'Ready';
        }
      }
    }
    setNodes(drained, 'Draining');
    if (drained.length > 0 && settings.soakMinutes > 0) yield settings.soakMinutes * 60_000;
    setNodes(drained, 'Reimaging');
    if (drained.length > 0) yield fleet.seconds('nodeReimage');
    for (const node of drained) Object.assign(node, { kubernetesVersion: targetVersion, nodeImageVersion: targetImage, status: 'Ready' });
    if (injectedFailure) throw new ArmError(400, injectedFailure.code, injectedFailure.message);
  }
  const keptSurge = settings.undrainableNodeBehavior === 'Cordon' ? surgeNodes.slice(0, blocked.length) : [];
  const removedSurge = surgeNodes.filter((n) => !keptSurge.includes(n));
  if (removedSurge.length > 0) {
    setNodes(removedSurge, 'Draining');
    yield fleet.seconds('nodeRemove');
    pool.nodes = pool.nodes.filter((n) => !removedSurge.includes(n));
  }
  for (const node of keptSurge) node.surge = false;
  if (blocked.length > 0) {
    const names = blocked.map((n) => n.name).join(', ');
    if (settings.undrainableNodeBehavior === 'Cordon' && blocked.length > surgeNodes.length) {
      throw new OperationCanceledOutcome(
        'UpgradeFailed',
        `Cordoned nodes have used all surge nodes but there are more nodes to be upgraded. Please fix your PDBs blocking node drain and kindly retry upgrade operation. Undrainable nodes: ${names}.`,
      );
    }
    throw new ArmError(
      400,
      'UpgradeFailed',
      `Upgrade of agent pool '${pool.name}' finished with ${blocked.length} undrainable node(s) (${names}) because of a restrictive Pod Disruption Budget (PDB) policy; undrainableNodeBehavior is ${settings.undrainableNodeBehavior ?? 'unset'}. See http://aka.ms/aks/debugdrainfailures.`,
    );
  }
  finishPoolVersion(fleet, pool, targetVersion, targetImage);
}

function finishPoolVersion(fleet: Fleet, pool: PoolState, version: string, image: string): void {
  if (pool.currentOrchestratorVersion !== version || pool.nodeImageVersion !== image) rememberPoolVersion(pool, fleet.clock.nowIso());
  pool.currentOrchestratorVersion = version;
  pool.nodeImageVersion = image;
}

function drainFailure(nodeName: string, pdb: { namespace: string; name: string }): ArmError {
  return new ArmError(
    400,
    'UpgradeFailed',
    `Drain node ${nodeName} failed when evicting pod ${pdb.name}-0 failed with Too Many Requests error. This is often caused by a restrictive Pod Disruption Budget (PDB) policy. See http://aka.ms/aks/debugdrainfailures. Original error: Cannot evict pod as it would violate the pod's disruption budget.. PDB debug info: ${pdb.namespace}/${pdb.name}-0 blocked by pdb ${pdb.name} with 0 unready pods.`,
  );
}

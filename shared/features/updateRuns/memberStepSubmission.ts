import type { AgentPool, ContainerServiceClient, ManagedCluster } from '@azure/arm-containerservice';
import { agentPoolFingerprint, clusterFingerprint } from '../../platform/arm/resourceFingerprint';
import { armIfMatch } from '../../platform/http/etags';
import type { StartOperation } from '../operations';
import { clusterTargetOf } from './clusterTarget';
import type { MemberStep } from './updateRunDocument';

/** What the runner needs to start one member step, built from what ARM holds now (reads only; the write is `submit`). */
export type StepOperation = Omit<StartOperation, 'id' | 'correlationId' | 'createdBy'>;

/**
 * The ARM write of a member step:
 * - a hop with a control plane: the managed cluster PUT with `kubernetesVersion` and each pool's
 *   `orchestratorVersion` (pools the hop does not move are pinned to their current version: control-plane-only);
 * - a pool-only hop: the agent-pool PUT with its new `orchestratorVersion`;
 * - a node-image step: `upgradeNodeImageVersion` of its pool;
 * - a rollback: the agent-pool PUT with the `orchestratorVersion` and `nodeImageVersion` of the pool's
 *   `recentlyUsedVersions` entry (the SDK's way to ask AKS for a node-pool rollback).
 * Every PUT is the resource as read, changed, with If-Match on the cluster's eTag.
 */
export async function stepOperation(client: ContainerServiceClient, clusterId: string, step: MemberStep, kind: string): Promise<StepOperation> {
  const target = clusterTargetOf(clusterId);
  if (step.rollback) return rollbackOperation(client, clusterId, step, kind);
  if (step.nodeImage) return nodeImageOperation(client, clusterId, step, kind);
  if (step.controlPlane) return clusterHopOperation(await client.managedClusters.get(target.resourceGroup, target.clusterName), clusterId, step, kind);
  const [pool, version] = onlyPoolVersion(step);
  const current = await client.agentPools.get(target.resourceGroup, target.clusterName, pool);
  return poolPutOperation(clusterId, pool, { ...writablePool(current), orchestratorVersion: version }, kind);
}

function clusterHopOperation(cluster: ManagedCluster, clusterId: string, step: MemberStep, kind: string): StepOperation {
  const { resourceGroup, clusterName, subscriptionId } = clusterTargetOf(clusterId);
  const body: ManagedCluster = {
    ...cluster,
    kubernetesVersion: step.controlPlane,
    agentPoolProfiles: (cluster.agentPoolProfiles ?? []).map((pool) => ({
      ...pool,
      orchestratorVersion: step.nodePools?.[pool.name] ?? pool.currentOrchestratorVersion ?? pool.orchestratorVersion,
    })),
  };
  return {
    kind,
    target: clusterId,
    subscriptionId,
    expectedOutcome: { kind: 'matches', fingerprint: clusterFingerprint(body) },
    submit: (client, onResponse) => client.managedClusters.createOrUpdate(resourceGroup, clusterName, body, { ...armIfMatch(cluster.eTag), onResponse }),
  };
}

async function rollbackOperation(client: ContainerServiceClient, clusterId: string, step: MemberStep, kind: string): Promise<StepOperation> {
  const { resourceGroup, clusterName } = clusterTargetOf(clusterId);
  const [pool, version] = onlyPoolVersion(step);
  const [current, profile] = await Promise.all([
    client.agentPools.get(resourceGroup, clusterName, pool),
    client.agentPools.getUpgradeProfile(resourceGroup, clusterName, pool),
  ]);
  const entry = (profile.recentlyUsedVersions ?? []).find((used) => used.orchestratorVersion === version);
  if (!entry?.nodeImageVersion) {
    throw new StepNotPossibleError('RollbackUnavailable', `Pool ${pool} has no recently used version ${version} to roll back to (AKS keeps them 7 days).`);
  }
  return poolPutOperation(clusterId, pool, { ...writablePool(current), orchestratorVersion: version, nodeImageVersion: entry.nodeImageVersion }, kind);
}

function poolPutOperation(clusterId: string, pool: string, body: AgentPool, kind: string): StepOperation {
  const { resourceGroup, clusterName, subscriptionId } = clusterTargetOf(clusterId);
  return {
    kind,
    target: `${clusterId}/agentPools/${pool}`,
    subscriptionId,
    expectedOutcome: { kind: 'matches', fingerprint: agentPoolFingerprint(body) },
    submit: (client, onResponse) => client.agentPools.createOrUpdate(resourceGroup, clusterName, pool, body, { onResponse }),
  };
}

/**
 * `upgradeNodeImageVersion` takes the pool to the newest image of its region. A Consistent step names the image it
 * must end on: when the region offers a newer one by now, the step fails before the write instead of breaking the
 * run's consistency.
 */
async function nodeImageOperation(client: ContainerServiceClient, clusterId: string, step: MemberStep, kind: string): Promise<StepOperation> {
  const { resourceGroup, clusterName, subscriptionId } = clusterTargetOf(clusterId);
  const [pool, image] = onlyPoolVersion(step);
  if (step.exactNodeImage) {
    const offered = (await client.agentPools.getUpgradeProfile(resourceGroup, clusterName, pool)).latestNodeImageVersion;
    if (offered !== image) {
      throw new StepNotPossibleError('NodeImageNotConsistent', `Pool ${pool} is now offered ${offered ?? 'no image'}, not ${image} that the run selected for every pool of its family; AKS upgrades only to the newest image.`);
    }
  }
  return {
    kind,
    target: `${clusterId}/agentPools/${pool}`,
    subscriptionId,
    submit: (client, onResponse) => client.agentPools.upgradeNodeImageVersion(resourceGroup, clusterName, pool, { onResponse }),
  };
}

/** The pool as read, without what ARM fills in itself (a node image only goes in a PUT to ask for a rollback). */
function writablePool(pool: AgentPool): AgentPool {
  const { nodeImageVersion: _image, currentOrchestratorVersion: _current, provisioningState: _state, ...writable } = pool;
  return writable;
}

function onlyPool(step: MemberStep): string {
  const pools = Object.keys(step.nodePools ?? {});
  if (pools.length !== 1) throw new Error(`A node-image or pool step names exactly one pool; this one names ${pools.length}.`);
  return pools[0]!;
}

function onlyPoolVersion(step: MemberStep): [string, string] {
  const pool = onlyPool(step);
  return [pool, step.nodePools![pool]!];
}

/** The step cannot be done as planned (no rollback target, a newer image than the run's selection): it fails without an ARM write. */
export class StepNotPossibleError extends Error {
  constructor(
    readonly code: 'RollbackUnavailable' | 'NodeImageNotConsistent',
    message: string,
  ) {
    super(message);
  }
}

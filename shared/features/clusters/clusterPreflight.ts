import type { ManagedCluster } from '@azure/arm-containerservice';
import type { ClusterSpec, ClusterView } from '../../domain/fleet/clusterSpec';
import type { NodePoolSpec } from '../../domain/fleet/nodePoolSpec';
import {
  isVersionChange,
  poolDemandOf,
  preflightViolations,
  type PoolDemand,
  type VersionDemand,
} from '../../domain/fleet/preflight';
import type { Violation } from '../../domain/fleet/violation';
import type { ClusterDependencies } from './clusterDependencies';

type PoolView = ClusterView['nodePools'][number];

const runningVersionsOf = (pool: PoolView | undefined) =>
  pool && { configured: pool.orchestratorVersion, running: pool.currentOrchestratorVersion };

/** What ARM would check of a cluster write: its new nodes' sizes, zones and quota, and the versions it asks for. */
export function clusterPreflightViolations(
  deps: ClusterDependencies,
  subscriptionId: string,
  spec: ClusterSpec,
  existing: { cluster: ManagedCluster; view: ClusterView } | undefined,
): Promise<Violation[]> {
  const currentPools = new Map(existing?.view.nodePools.map((pool) => [pool.name, pool]));
  const pools = spec.nodePools.map((pool, index) => poolDemandOf(pool, currentPools.get(pool.name), `nodePools[${index}]`));
  const controlPlane = existing && { configured: existing.view.kubernetesVersion, running: existing.view.currentKubernetesVersion };
  const versions: VersionDemand[] = [
    ...(isVersionChange(spec.kubernetesVersion, controlPlane)
      ? [{ path: 'kubernetesVersion', version: spec.kubernetesVersion, forControlPlane: true }]
      : []),
    ...spec.nodePools.flatMap((pool, index) =>
      isVersionChange(pool.orchestratorVersion, runningVersionsOf(currentPools.get(pool.name)))
        ? [{ path: `nodePools[${index}].orchestratorVersion`, version: pool.orchestratorVersion, forControlPlane: false }]
        : [],
    ),
  ];
  return preflight(deps, subscriptionId, spec.location, pools, versions, existing?.cluster.supportPlan);
}

/** The same for a write to one pool of an existing cluster; paths are relative to the pool body. */
export function nodePoolPreflightViolations(
  deps: ClusterDependencies,
  subscriptionId: string,
  cluster: { managed: ManagedCluster; view: ClusterView },
  pool: NodePoolSpec,
): Promise<Violation[]> {
  const current = cluster.view.nodePools.find((candidate) => candidate.name === pool.name);
  const versions: VersionDemand[] = isVersionChange(pool.orchestratorVersion, runningVersionsOf(current))
    ? [{ path: 'orchestratorVersion', version: pool.orchestratorVersion, forControlPlane: false }]
    : [];
  return preflight(deps, subscriptionId, cluster.view.location, [poolDemandOf(pool, current, '')], versions, cluster.managed.supportPlan);
}

/** Asks Compute and the version catalogue only for what the write needs (both cached per subscription and region). */
async function preflight(
  deps: ClusterDependencies,
  subscriptionId: string,
  location: string,
  pools: PoolDemand[],
  versions: VersionDemand[],
  supportPlan: string | undefined,
): Promise<Violation[]> {
  const needsCapacity = pools.some((pool) => pool.isNew || pool.addedNodes > 0);
  const [capacity, catalogue] = await Promise.all([
    needsCapacity ? deps.capacities.get(subscriptionId, location) : undefined,
    versions.length > 0 ? deps.catalogues.get(subscriptionId, location) : undefined,
  ]);
  return preflightViolations({
    pools,
    versions,
    ...(capacity ? { capacity } : {}),
    ...(catalogue ? { catalogue } : {}),
    ...(supportPlan ? { supportPlan } : {}),
  });
}

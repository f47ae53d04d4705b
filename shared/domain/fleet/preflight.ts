import { aksDefaults, effectivePoolCount } from './effectiveDefaults';
import { compareKubernetesVersions, tryParseKubernetesVersion } from './kubernetesVersion';
import type { NodePoolSpec } from './nodePoolSpec';
import { findRegionVmSku, findVcpuQuota, REGIONAL_VCPU_QUOTA, type RegionCapacity } from './regionCapacity';
import { findCatalogueMinor, type VersionCatalogue } from './versionCatalogue';
import type { Violation } from './violation';

/**
 * The checks ARM makes that Fleetplane can make first, from the region's VM sizes, vCPU quotas and version
 * catalogue: a dry run that passes them is a request ARM would accept on these grounds.
 */
export const preflightCodes = {
  vmSizeNotAvailable: 'VmSizeNotAvailable',
  vmSizeRestricted: 'VmSizeRestricted',
  availabilityZoneNotAvailable: 'AvailabilityZoneNotAvailable',
  quotaExceeded: 'QuotaExceeded',
  kubernetesVersionNotAvailable: 'KubernetesVersionNotAvailable',
  kubernetesVersionNeedsLongTermSupport: 'KubernetesVersionNeedsLongTermSupport',
} as const;

export const DEFAULT_SUPPORT_PLAN = 'KubernetesOfficial';

/** Nodes a write adds to one pool: what needs a VM size in the region and vCPU quota. */
export interface PoolDemand {
  /** Path of the pool in the body: `nodePools[1]` in a cluster body, `""` for a pool body. */
  readonly path: string;
  readonly vmSize: string;
  /** Zones of a new pool (existing pools cannot change theirs). */
  readonly zones?: ReadonlyArray<string>;
  readonly addedNodes: number;
  /** A new pool needs its size offered even at zero nodes; an existing one only when it grows. */
  readonly isNew: boolean;
}

/** A version the write asks for that the cluster or pool does not run yet. */
export interface VersionDemand {
  readonly path: string;
  readonly version: string;
  /** Pools follow their control plane's support plan; only the control plane is checked against it. */
  readonly forControlPlane: boolean;
}

export interface PreflightInput {
  readonly pools: ReadonlyArray<PoolDemand>;
  readonly versions: ReadonlyArray<VersionDemand>;
  readonly capacity?: RegionCapacity;
  readonly catalogue?: VersionCatalogue;
  /** The cluster's support plan (`KubernetesOfficial` unless it runs under `AKSLongTermSupport`). */
  readonly supportPlan?: string;
}

export function preflightViolations(input: PreflightInput): Violation[] {
  return [
    ...(input.capacity ? vmSizeViolations(input.pools, input.capacity) : []),
    ...(input.capacity ? quotaViolations(input.pools, input.capacity) : []),
    ...(input.catalogue ? versionViolations(input.versions, input.catalogue, input.supportPlan ?? DEFAULT_SUPPORT_PLAN) : []),
  ];
}

const at = (base: string, field: string) => (base === '' ? field : `${base}.${field}`);

function vmSizeViolations(pools: ReadonlyArray<PoolDemand>, capacity: RegionCapacity): Violation[] {
  return pools.flatMap((pool): Violation[] => {
    if (!pool.isNew && pool.addedNodes <= 0) return [];
    const sku = findRegionVmSku(capacity, pool.vmSize);
    if (!sku) {
      return [{ path: at(pool.path, 'vmSize'), code: preflightCodes.vmSizeNotAvailable, message: `VM size "${pool.vmSize}" is not offered in ${capacity.location}` }];
    }
    if (sku.locationRestriction) {
      return [
        {
          path: at(pool.path, 'vmSize'),
          code: preflightCodes.vmSizeRestricted,
          message: `VM size "${sku.name}" cannot be deployed in ${capacity.location} by this subscription (${sku.locationRestriction})`,
        },
      ];
    }
    const unavailable = (pool.zones ?? []).filter((zone) => !sku.zones.includes(zone) || sku.restrictedZones.includes(zone));
    if (unavailable.length === 0) return [];
    return [
      {
        path: at(pool.path, 'availabilityZones'),
        code: preflightCodes.availabilityZoneNotAvailable,
        message: `VM size "${sku.name}" is not available in zone ${unavailable.join(', ')} of ${capacity.location}`,
      },
    ];
  });
}

/** Added vCPUs per quota (the regional total and each family) against what is left of it. */
function quotaViolations(pools: ReadonlyArray<PoolDemand>, capacity: RegionCapacity): Violation[] {
  const demands = new Map<string, { vCpus: number; firstPath: string }>();
  const add = (quota: string, vCpus: number, path: string) => {
    const current = demands.get(quota);
    demands.set(quota, { vCpus: (current?.vCpus ?? 0) + vCpus, firstPath: current?.firstPath ?? path });
  };
  for (const pool of pools) {
    const sku = findRegionVmSku(capacity, pool.vmSize);
    if (!sku?.vCpus || pool.addedNodes <= 0) continue;
    const vCpus = sku.vCpus * pool.addedNodes;
    add(REGIONAL_VCPU_QUOTA, vCpus, at(pool.path, 'count'));
    if (sku.family) add(sku.family, vCpus, at(pool.path, 'count'));
  }
  return [...demands].flatMap(([name, demand]): Violation[] => {
    const quota = findVcpuQuota(capacity, name);
    if (!quota) return [];
    const available = Math.max(0, quota.limit - quota.currentValue);
    if (demand.vCpus <= available) return [];
    const what = name === REGIONAL_VCPU_QUOTA ? 'regional vCPU' : `${name} vCPU`;
    return [
      {
        path: demand.firstPath,
        code: preflightCodes.quotaExceeded,
        message: `the new nodes need ${demand.vCpus} ${what}s in ${capacity.location}; ${available} of the quota of ${quota.limit} are left`,
      },
    ];
  });
}

function versionViolations(versions: ReadonlyArray<VersionDemand>, catalogue: VersionCatalogue, supportPlan: string): Violation[] {
  return versions.flatMap((demand): Violation[] => {
    const version = tryParseKubernetesVersion(demand.version);
    if (!version) return [];
    const minor = findCatalogueMinor(catalogue, version);
    const patchListed = version.patch === undefined || minor?.patches.some((patch) => compareKubernetesVersions(patch.version, version) === 0);
    if (!minor || !patchListed) {
      return [{ path: demand.path, code: preflightCodes.kubernetesVersionNotAvailable, message: `Kubernetes version ${demand.version} is not offered in this region` }];
    }
    if (!demand.forControlPlane || minor.supportPlans.length === 0 || minor.supportPlans.includes(supportPlan)) return [];
    return [
      {
        path: demand.path,
        code: preflightCodes.kubernetesVersionNeedsLongTermSupport,
        message: `Kubernetes version ${demand.version} is offered only with the ${minor.supportPlans.join(', ')} support plan; the cluster has ${supportPlan}`,
      },
    ];
  });
}

/** The pool as it is today, as far as the demand of a write depends on it. */
export interface CurrentPool {
  readonly name: string;
  readonly count?: number;
  readonly orchestratorVersion?: string;
  readonly currentOrchestratorVersion?: string;
}

/**
 * What one desired pool adds: a new pool all its nodes (and its size and zones are checked); an existing one
 * the nodes it grows by, plus its surge nodes when its version changes (a rolling upgrade adds them first).
 */
export function poolDemandOf(pool: NodePoolSpec, current: CurrentPool | undefined, path: string): PoolDemand {
  const desiredCount = effectivePoolCount(pool);
  if (!current) {
    return { path, vmSize: pool.vmSize, ...(pool.availabilityZones ? { zones: pool.availabilityZones } : {}), addedNodes: desiredCount, isNew: true };
  }
  const growth = Math.max(0, desiredCount - (current.count ?? desiredCount));
  const upgrading = pool.orchestratorVersion !== undefined && !sameVersion(pool.orchestratorVersion, current);
  const surge = upgrading ? surgeNodes(pool.upgradeSettings?.maxSurge, desiredCount) : 0;
  return { path, vmSize: pool.vmSize, addedNodes: growth + surge, isNew: false };
}

/** A version the write names that differs from what runs (a minor alias matches any of its patches). */
export function isVersionChange(requested: string | undefined, current: { configured?: string; running?: string } | undefined): requested is string {
  if (requested === undefined) return false;
  if (!current) return true;
  return !sameVersion(requested, { orchestratorVersion: current.configured, currentOrchestratorVersion: current.running });
}

function sameVersion(requested: string, current: { orchestratorVersion?: string | undefined; currentOrchestratorVersion?: string | undefined }): boolean {
  const wanted = tryParseKubernetesVersion(requested);
  if (!wanted) return true;
  return [current.orchestratorVersion, current.currentOrchestratorVersion].some((text) => {
    const have = text === undefined ? undefined : tryParseKubernetesVersion(text);
    if (!have) return false;
    return wanted.patch === undefined
      ? have.major === wanted.major && have.minor === wanted.minor
      : compareKubernetesVersions(have, wanted) === 0;
  });
}

/** AKS's surge nodes: a count, or a percentage of the pool rounded up; at least one node. */
export function surgeNodes(maxSurge: string | undefined, count: number): number {
  const text = maxSurge ?? aksDefaults.maxSurge;
  const nodes = text.endsWith('%') ? Math.ceil((count * Number(text.slice(0, -1))) / 100) : Number(text);
  return Number.isFinite(nodes) ? Math.max(1, nodes) : 1;
}

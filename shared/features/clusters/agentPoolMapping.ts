import type {
  AgentPool,
  ManagedClusterAgentPoolProfile,
  ManagedClusterAgentPoolProfileProperties,
} from '@azure/arm-containerservice';
import type { EffectiveNetworkPlugin } from '../../domain/fleet/effectiveDefaults';
import {
  aksDefaults,
  defaultMaxPods,
  defaultOsSku,
  effectivePoolCount,
} from '../../domain/fleet/effectiveDefaults';
import { tryParseKubernetesVersion } from '../../domain/fleet/kubernetesVersion';
import type { NodePoolPut, NodePoolSpec, NodePoolView } from '../../domain/fleet/nodePoolSpec';
import { linuxOsSkus, windowsOsSkus } from '../../domain/fleet/nodePoolSpec';

export interface AgentPoolMappingContext {
  /** The cluster's existing subnet (`network.subnetId`); every pool is placed in it. */
  readonly subnetId?: string;
}

export interface NodePoolViewContext {
  /** Effective network plugin of the cluster, for the maxPods default. */
  readonly networkPlugin?: EffectiveNetworkPlugin;
  /** Control plane version, for the Windows osSku default. */
  readonly kubernetesVersion?: string;
}

/** The properties AgentPool and ManagedClusterAgentPoolProfile share, minus the pool `type` (named differently in each). */
type AgentPoolProperties = Omit<ManagedClusterAgentPoolProfileProperties, 'type'>;

/** Drops keys whose value is undefined, so a mapped object can be laid over an existing one. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function toAgentPoolProperties(pool: NodePoolPut, context: AgentPoolMappingContext): AgentPoolProperties {
  const upgrade = pool.upgradeSettings;
  return withoutUndefined<AgentPoolProperties>({
    mode: pool.mode ?? aksDefaults.nodePoolMode,
    vmSize: pool.vmSize,
    count: effectivePoolCount(pool),
    osType: pool.osType,
    osSKU: pool.osSku,
    orchestratorVersion: pool.orchestratorVersion,
    availabilityZones: pool.availabilityZones,
    nodeLabels: pool.labels,
    nodeTaints: pool.taints,
    enableAutoScaling: pool.autoscaler !== undefined,
    minCount: pool.autoscaler?.minCount,
    maxCount: pool.autoscaler?.maxCount,
    scaleSetPriority: pool.spot ? 'Spot' : undefined,
    scaleSetEvictionPolicy: pool.spot?.evictionPolicy,
    spotMaxPrice: pool.spot?.maxPrice,
    upgradeSettings: upgrade
      ? withoutUndefined({
          maxSurge: upgrade.maxSurge,
          drainTimeoutInMinutes: upgrade.drainTimeoutMinutes,
          nodeSoakDurationInMinutes: upgrade.soakMinutes,
        })
      : undefined,
    maxPods: pool.maxPods,
    osDiskSizeGB: pool.osDiskSizeGB,
    vnetSubnetID: context.subnetId,
  });
}

/** A pool inside `ManagedCluster.agentPoolProfiles`. */
export function toAgentPoolProfile(
  pool: NodePoolSpec,
  context: AgentPoolMappingContext = {},
): ManagedClusterAgentPoolProfile {
  const { name, ...fields } = pool;
  return { name, type: 'VirtualMachineScaleSets', ...toAgentPoolProperties(fields, context) };
}

/** The body of `agentPools.createOrUpdate` (v25 names the pool type `typePropertiesType`). */
export function toAgentPool(pool: NodePoolPut, context: AgentPoolMappingContext = {}): AgentPool {
  return { typePropertiesType: 'VirtualMachineScaleSets', ...toAgentPoolProperties(pool, context) };
}

/** Anything that carries agent pool properties: an `AgentPool` or a cluster's `agentPoolProfiles` entry. */
export type AgentPoolLike = AgentPoolProperties & { readonly name?: string };

/** Effective settings of a pool (AKS defaults filled in), from what ARM returned. */
export function toNodePoolView(pool: AgentPoolLike, context: NodePoolViewContext = {}): NodePoolView {
  const osType = pool.osType === 'Windows' ? 'Windows' : 'Linux';
  const controlPlane = tryParseKubernetesVersion(pool.orchestratorVersion ?? context.kubernetesVersion ?? '');
  const upgrade = pool.upgradeSettings;
  return withoutUndefined<NodePoolView>({
    name: pool.name ?? '',
    mode: pool.mode === 'System' || pool.mode === 'Gateway' ? pool.mode : 'User',
    vmSize: pool.vmSize ?? '',
    count: pool.count ?? aksDefaults.nodePoolCount,
    osType,
    osSku: pool.osSKU ?? defaultOsSku(osType, controlPlane),
    orchestratorVersion: pool.orchestratorVersion || undefined,
    currentOrchestratorVersion: pool.currentOrchestratorVersion,
    availabilityZones: pool.availabilityZones as NodePoolView['availabilityZones'],
    spot:
      pool.scaleSetPriority === 'Spot'
        ? {
            evictionPolicy:
              pool.scaleSetEvictionPolicy === 'Deallocate' ? 'Deallocate' : aksDefaults.spotEvictionPolicy,
            maxPrice: pool.spotMaxPrice ?? aksDefaults.spotMaxPrice,
          }
        : undefined,
    labels: pool.nodeLabels ?? undefined,
    taints: pool.nodeTaints ?? undefined,
    autoscaler:
      pool.enableAutoScaling === true && pool.minCount !== undefined && pool.maxCount !== undefined
        ? { minCount: pool.minCount, maxCount: pool.maxCount }
        : undefined,
    upgradeSettings: {
      maxSurge: upgrade?.maxSurge ?? aksDefaults.maxSurge,
      drainTimeoutMinutes: upgrade?.drainTimeoutInMinutes ?? aksDefaults.drainTimeoutMinutes,
      soakMinutes: upgrade?.nodeSoakDurationInMinutes ?? aksDefaults.soakMinutes,
    },
    maxPods: pool.maxPods ?? defaultMaxPods(context.networkPlugin ?? aksDefaults.networkPlugin),
    osDiskSizeGB: pool.osDiskSizeGB,
    subnetId: pool.vnetSubnetID,
    provisioningState: pool.provisioningState,
    powerState: pool.powerState?.code,
    nodeImageVersion: pool.nodeImageVersion,
  });
}

const knownOsSkus: ReadonlyArray<string> = [...linuxOsSkus, ...windowsOsSkus];

/**
 * The writable part of a pool view as a spec, the base a PATCH is merged into (see `mergeNodePoolPatch`).
 * Values outside the Fleet API vocabulary (a Gateway pool, an unknown osSku) are left out.
 */
export function nodePoolSpecFromView(view: NodePoolView): NodePoolSpec {
  return withoutUndefined<NodePoolSpec>({
    name: view.name,
    mode: view.mode === 'Gateway' ? undefined : view.mode,
    vmSize: view.vmSize,
    count: view.count,
    osType: view.osType,
    osSku:
      view.osSku !== undefined && knownOsSkus.includes(view.osSku)
        ? (view.osSku as NodePoolSpec['osSku'])
        : undefined,
    orchestratorVersion: view.orchestratorVersion,
    availabilityZones: view.availabilityZones,
    spot: view.spot,
    labels: view.labels,
    taints: view.taints,
    autoscaler: view.autoscaler,
    upgradeSettings: view.upgradeSettings,
    maxPods: view.maxPods,
    osDiskSizeGB: view.osDiskSizeGB,
  });
}

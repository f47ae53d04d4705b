import type { ManagedCluster, ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import { DependencyUnavailableError, NotFoundError, TooManyRequestsError } from '../../domain/errors';
import { clusterScopeOfTarget } from '../../domain/fleet/clusterAddress';
import { findRegionVmSku, type RegionCapacity } from '../../domain/fleet/regionCapacity';
import type { Checked, FreeVcpus, MemberFacts, PodDisruptionBudgetFact, PoolFacts, RunUpgradeKind, SubnetFact } from '../../domain/updateRuns';
import type { ClusterVersions, SupportPlan } from '../../domain/upgrades';
import { callArm } from '../../platform/arm/armCalls';
import { mapBounded } from './boundedParallel';
import { readDeprecatedApiUse } from './deprecatedApiUse';
import { readDisruptionBudgets } from './disruptionBudgetsReader';
import { readUpgradeWindow } from './maintenanceWindows';
import { readSubnet } from './subnetReader';
import type { UpdateRunDependencies } from './updateRunDependencies';
import { clusterAddressOfId } from '../../domain/fleet/clusterAddress';
import { monitoringWorkspaceOf } from '../../domain/fleet/monitoringAddon';

/** ARM reads in flight at once for one preflight. */
const CONCURRENT_MEMBERS = 8;
/** Run commands in flight at once (one pod in each of that many clusters; each mostly waits for its result). */
const CONCURRENT_RUN_COMMANDS = 8;

export interface MemberRead {
  facts: MemberFacts;
  tags: Record<string, string>;
  /** The Log Analytics workspace of the cluster's monitoring add-on (where the engine reads node progress). */
  workspaceResourceId?: string;
}

function coordinatesOf(clusterId: string): { subscriptionId: string; resourceGroup: string; name: string } {
  const address = clusterAddressOfId(clusterId);
  return { subscriptionId: (address?.subscriptionId ?? '').toLowerCase(), resourceGroup: address?.resourceGroup ?? '', name: address?.clusterName ?? '' };
}

/**
 * Everything the preflight needs about the members, read live: per member the cluster, its upgrade profile (version
 * runs) or its pools' upgrade profiles (node-image runs) and its maintenance configuration; per region the version
 * catalogue and capacities (cached); per workspace one Log Analytics query for deprecated API calls; per pool subnet
 * its free addresses (runs that surge nodes); per cluster its PodDisruptionBudgets through AKS run command (runs that
 * drain nodes: Full and NodeImageOnly).
 */
export async function readMemberFacts(deps: UpdateRunDependencies, clusterIds: readonly string[], upgradeType: RunUpgradeKind, now: Date): Promise<MemberRead[]> {
  const inFlight = operationsByCluster(await deps.activeOperations());
  const clusters = await mapBounded(clusterIds, CONCURRENT_MEMBERS, (id) => readCluster(deps, id, upgradeType, inFlight));
  const deprecated = await readDeprecatedApiUse(deps, clusters.flatMap((read) => (read.cluster ? [read.cluster] : [])), now);
  const budgets = drainsNodes(upgradeType) ? await mapBounded(clusters, CONCURRENT_RUN_COMMANDS, (read) => disruptionBudgetsOf(deps, read)) : clusters.map(() => undefined);
  return clusters.map((read, i) => {
    const podDisruptionBudgets = budgets[i];
    const workspaceResourceId = read.cluster ? monitoringWorkspaceOf(read.cluster.addonProfiles) : undefined;
    return {
      facts: { ...read.facts, deprecatedApiUse: deprecated(read.facts.clusterId), ...(podDisruptionBudgets ? { podDisruptionBudgets } : {}) },
      tags: read.cluster?.tags ?? {},
      ...(workspaceResourceId ? { workspaceResourceId } : {}),
    };
  });
}

/** A control-plane-only upgrade moves no node; the others cordon and drain every node they roll. */
function drainsNodes(upgradeType: RunUpgradeKind): boolean {
  return upgradeType !== 'ControlPlaneOnly';
}

async function disruptionBudgetsOf(deps: UpdateRunDependencies, read: ClusterRead): Promise<Checked<PodDisruptionBudgetFact[]> | undefined> {
  if (!read.cluster) return undefined;
  if (read.facts.powerState === 'Stopped') return { checked: false, reason: `cluster ${read.facts.name} is stopped` };
  const { subscriptionId, resourceGroup } = coordinatesOf(read.facts.clusterId);
  const cluster = read.cluster;
  return checked(() => readDisruptionBudgets(deps.containerService(subscriptionId), resourceGroup, cluster));
}

/** Lower-case cluster id → an unfinished operation on it or on one of its pools. */
function operationsByCluster(operations: readonly { id: string; target: string }[]): Map<string, string> {
  return new Map(operations.map((operation) => [clusterScopeOfTarget(operation.target).toLowerCase(), operation.id]));
}

interface ClusterRead {
  facts: MemberFacts;
  cluster?: ManagedCluster;
}

async function readCluster(deps: UpdateRunDependencies, clusterId: string, upgradeType: RunUpgradeKind, inFlight: Map<string, string>): Promise<ClusterRead> {
  const { subscriptionId, resourceGroup, name } = coordinatesOf(clusterId);
  const client = deps.containerService(subscriptionId);
  const base = { clusterId, name, location: '', pools: [], podsTakeSubnetIps: false };
  const notRead = { checked: false, reason: 'the cluster was not read' } as const;
  let cluster: ManagedCluster;
  try {
    cluster = await callArm(() => client.managedClusters.get(resourceGroup, name), `Cluster "${name}"`);
  } catch (error) {
    if (isTransient(error)) throw error;
    const unreadable = error instanceof NotFoundError ? `Cluster ${name} does not exist.` : `Cluster ${name} could not be read: ${messageOf(error)}`;
    return { facts: { ...base, unreadable, versionCatalogue: notRead, maintenanceWindow: notRead, deprecatedApiUse: notRead, freeVcpus: notRead } };
  }
  const location = cluster.location ?? '';
  const profiles = cluster.agentPoolProfiles ?? [];
  const versions = versionsOf(cluster, profiles);
  const [versionCatalogue, maintenanceWindow, capacity, poolImages, subnets] = await Promise.all([
    checked(() => deps.versionCatalogue(subscriptionId, location)),
    checked(() => readUpgradeWindow(deps.containerService(subscriptionId), clusterId, upgradeType)),
    checked(() => deps.regionCapacity(subscriptionId, location)),
    upgradeType === 'NodeImageOnly' ? latestNodeImages(deps, subscriptionId, resourceGroup, name, cluster) : Promise.resolve(new Map<string, Checked<string>>()),
    drainsNodes(upgradeType) ? poolSubnets(deps, profiles) : Promise.resolve(undefined),
  ]);
  // The upgrade profile only decides the hops that skip minors (LTS, or a version out of support): read it only then.
  const needsProfile = upgradeType !== 'NodeImageOnly' && (!versionCatalogue.checked || mayPlanSkippingMinors(versions, versionCatalogue.value));
  const upgradeProfile = needsProfile ? await client.managedClusters.getUpgradeProfile(resourceGroup, name).catch(() => undefined) : undefined;
  const facts: MemberFacts = {
    ...base,
    location,
    ...(cluster.provisioningState ? { provisioningState: cluster.provisioningState } : {}),
    powerState: cluster.powerState?.code === 'Stopped' ? 'Stopped' : 'Running',
    versions,
    pools: profiles.map((profile) => poolFacts(profile, capacity.checked ? capacity.value : undefined, poolImages.get(profile.name))),
    podsTakeSubnetIps: cluster.networkProfile?.networkPlugin === 'azure' && cluster.networkProfile.networkPluginMode !== 'overlay',
    versionCatalogue,
    ...(upgradeProfile === undefined ? {} : { upgradeProfile }),
    ...(inFlight.has(clusterId.toLowerCase()) ? { fleetplaneOperationInFlight: inFlight.get(clusterId.toLowerCase()) } : {}),
    maintenanceWindow,
    deprecatedApiUse: notRead,
    freeVcpus: capacity.checked ? { checked: true, value: freeVcpusOf(capacity.value) } : capacity,
    ...(subnets ? { subnets } : {}),
  };
  return { facts, cluster };
}

/** Each distinct pool subnet once, by lower-case id; undefined when no pool brings its own subnet. */
async function poolSubnets(deps: UpdateRunDependencies, profiles: readonly ManagedClusterAgentPoolProfile[]): Promise<Record<string, Checked<SubnetFact>> | undefined> {
  const ids = [...new Map(profiles.flatMap((profile) => (profile.vnetSubnetID ? [[profile.vnetSubnetID.toLowerCase(), profile.vnetSubnetID] as const] : []))).entries()];
  if (ids.length === 0) return undefined;
  const reads = await Promise.all(ids.map(([, id]) => checked(() => readSubnet(deps.network, id))));
  return Object.fromEntries(ids.map(([key], i) => [key, reads[i] as Checked<SubnetFact>]));
}

/** An LTS cluster, or one whose control-plane minor the region no longer offers for its plan, may skip minors. */
function mayPlanSkippingMinors(versions: ClusterVersions, catalogue: unknown): boolean {
  if (versions.supportPlan === 'AKSLongTermSupport') return true;
  const minor = versions.controlPlane.split('.').slice(0, 2).join('.');
  const offered = (catalogue as { values?: { version?: string; capabilities?: { supportPlan?: string[] } }[] }).values ?? [];
  return !offered.some((entry) => entry.version === minor && (entry.capabilities?.supportPlan ?? []).includes(versions.supportPlan));
}

function versionsOf(cluster: ManagedCluster, profiles: readonly ManagedClusterAgentPoolProfile[]): ClusterVersions {
  const controlPlane = cluster.currentKubernetesVersion ?? cluster.kubernetesVersion ?? '';
  const channel = cluster.autoUpgradeProfile?.upgradeChannel ?? 'none';
  return {
    controlPlane,
    nodePools: Object.fromEntries(profiles.map((pool) => [pool.name, pool.currentOrchestratorVersion ?? pool.orchestratorVersion ?? controlPlane])),
    supportPlan: (cluster.supportPlan === 'AKSLongTermSupport' ? 'AKSLongTermSupport' : 'KubernetesOfficial') satisfies SupportPlan,
    autoUpgradeChannel: (['patch', 'stable', 'rapid', 'node-image'].includes(channel) ? channel : 'none') as ClusterVersions['autoUpgradeChannel'],
  };
}

function poolFacts(profile: ManagedClusterAgentPoolProfile, capacity: RegionCapacity | undefined, latestImage: Checked<string> | undefined): PoolFacts {
  const sku = capacity && profile.vmSize ? findRegionVmSku(capacity, profile.vmSize) : undefined;
  const settings = profile.upgradeSettings ?? {};
  return {
    name: profile.name,
    mode: profile.mode === 'System' ? 'System' : 'User',
    count: profile.count ?? 0,
    vmSize: profile.vmSize ?? '',
    powerState: profile.powerState?.code === 'Stopped' ? 'Stopped' : 'Running',
    currentOrchestratorVersion: profile.currentOrchestratorVersion ?? profile.orchestratorVersion ?? '',
    ...(profile.maxPods === undefined ? {} : { maxPods: profile.maxPods }),
    ...(settings.maxSurge ? { maxSurge: settings.maxSurge } : {}),
    ...(settings.maxUnavailable ? { maxUnavailable: settings.maxUnavailable } : {}),
    ...(settings.drainTimeoutInMinutes === undefined ? {} : { drainTimeoutInMinutes: settings.drainTimeoutInMinutes }),
    ...(settings.nodeSoakDurationInMinutes === undefined ? {} : { nodeSoakDurationInMinutes: settings.nodeSoakDurationInMinutes }),
    ...(settings.undrainableNodeBehavior === 'Cordon' || settings.undrainableNodeBehavior === 'Schedule' ? { undrainableNodeBehavior: settings.undrainableNodeBehavior } : {}),
    ...(profile.nodeImageVersion ? { nodeImageVersion: profile.nodeImageVersion } : {}),
    latestNodeImageVersion: latestImage ?? { checked: false, reason: 'not needed for a version upgrade' },
    ...(sku?.vCpus === undefined ? {} : { vCpusPerNode: sku.vCpus }),
    ...(sku?.family ? { quotaFamily: sku.family } : {}),
    ...(profile.vnetSubnetID ? { vnetSubnetID: profile.vnetSubnetID } : {}),
  };
}

function freeVcpusOf(capacity: RegionCapacity): FreeVcpus[] {
  return capacity.quotas.map((quota) => ({ name: quota.name, free: Math.max(0, quota.limit - quota.currentValue) }));
}

async function latestNodeImages(deps: UpdateRunDependencies, subscriptionId: string, resourceGroup: string, name: string, cluster: ManagedCluster): Promise<Map<string, Checked<string>>> {
  const client = deps.containerService(subscriptionId);
  const pools = cluster.agentPoolProfiles ?? [];
  const images = await Promise.all(
    pools.map((pool) =>
      checked(async () => {
        const profile = await callArm(() => client.agentPools.getUpgradeProfile(resourceGroup, name, pool.name), `Node pool "${pool.name}"`);
        if (!profile.latestNodeImageVersion) throw new Error('the pool upgrade profile names no latest node image');
        return profile.latestNodeImageVersion;
      }),
    ),
  );
  return new Map(pools.map((pool, i) => [pool.name, images[i] as Checked<string>]));
}

async function checked<T>(read: () => Promise<T>): Promise<Checked<T>> {
  try {
    return { checked: true, value: await read() };
  } catch (error) {
    if (isTransient(error)) throw error;
    return { checked: false, reason: messageOf(error) };
  }
}

/**
 * Throttling and outages are the request's answer (429/503 + Retry-After), not a member's problem: a preflight
 * half-read because the read budget ran out would list problems that are not there.
 */
function isTransient(error: unknown): boolean {
  return error instanceof TooManyRequestsError || error instanceof DependencyUnavailableError;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

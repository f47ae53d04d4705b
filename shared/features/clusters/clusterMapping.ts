import type {
  ContainerServiceNetworkProfile,
  ManagedCluster,
  ManagedClusterAADProfile,
  ManagedClusterAddonProfile,
  ManagedClusterAgentPoolProfile,
  ManagedClusterIdentity,
} from '@azure/arm-containerservice';
import type { EffectiveNetworkPlugin } from '../../domain/fleet/effectiveDefaults';
import { aksDefaults, defaultPodCidr } from '../../domain/fleet/effectiveDefaults';
import { needsSgxDevicePlugin } from '../../domain/fleet/vmSizes';
import type { ClusterSpec, ClusterView } from '../../domain/fleet/clusterSpec';
import {
  autoUpgradeSchema,
  clusterSpecSchema,
  identitySchema,
  networkSchema,
} from '../../domain/fleet/clusterSpec';
import {
  nodePoolSpecFromView,
  toAgentPoolProfile,
  toNodePoolView,
  withoutUndefined,
} from './agentPoolMapping';

/** AKS add-on keys (case matters on the wire). */
export const addonKeys = { monitoring: 'omsagent', sgxDevicePlugin: 'ACCSGXDevicePlugin' } as const;

export interface ToManagedClusterOptions {
  /** From configuration (never from the request, logs or responses); required when the spec has a Windows pool. */
  readonly windowsAdminUsername?: string;
  readonly windowsAdminPassword?: string;
  /** Used when the spec has no dnsPrefix (AKS requires one on create), e.g. the cluster name. */
  readonly defaultDnsPrefix?: string;
  /**
   * The cluster as it is now, for an update. The result is laid over it (pools matched by name), so settings
   * the Fleet API does not model survive the PUT, and add-ons the spec no longer asks for are switched off.
   */
  readonly existing?: ManagedCluster;
}

export class WindowsCredentialsMissingError extends Error {
  constructor() {
    super('The spec has a Windows node pool but no Windows admin credentials are configured');
    this.name = 'WindowsCredentialsMissingError';
  }
}

/** Spec → ARM ManagedCluster body for `managedClusters.createOrUpdate`. */
export function toManagedCluster(spec: ClusterSpec, options: ToManagedClusterOptions = {}): ManagedCluster {
  const hasWindowsPool = spec.nodePools.some((pool) => pool.osType === 'Windows');
  const existingWindowsProfile = options.existing?.windowsProfile;
  if (
    hasWindowsPool &&
    (!options.windowsAdminUsername || !options.windowsAdminPassword) &&
    !existingWindowsProfile
  ) {
    throw new WindowsCredentialsMissingError();
  }
  const mapped = mapSpec(spec, options);
  if (hasWindowsPool && options.windowsAdminUsername && options.windowsAdminPassword) {
    mapped.windowsProfile = {
      ...existingWindowsProfile,
      // AKS cannot rename the Windows admin of an existing cluster; the password may be rotated.
      adminUsername: existingWindowsProfile?.adminUsername ?? options.windowsAdminUsername,
      adminPassword: options.windowsAdminPassword,
    };
  }
  return options.existing ? layOver(options.existing, mapped) : mapped;
}

function mapSpec(spec: ClusterSpec, options: ToManagedClusterOptions): ManagedCluster {
  const subnetId = spec.network?.subnetId;
  return withoutUndefined<ManagedCluster>({
    location: spec.location,
    tags: spec.tags,
    sku: spec.tier ? { tier: spec.tier } : undefined,
    // On update an unspecified identity is left as it is rather than reset to SystemAssigned.
    identity: spec.identity || !options.existing ? toIdentity(spec.identity) : undefined,
    kubernetesVersion: spec.kubernetesVersion,
    dnsPrefix: spec.dnsPrefix ?? options.defaultDnsPrefix,
    enableRbac: spec.kubernetesRbac ?? aksDefaults.kubernetesRbac,
    // A pool never moves subnet: existing pools keep theirs; only new pools go into the spec's subnet.
    agentPoolProfiles: spec.nodePools.map((pool) =>
      toAgentPoolProfile(pool, { subnetId: existingSubnetOf(options.existing, pool.name) ?? subnetId }),
    ),
    networkProfile: toNetworkProfile(spec.network),
    aadProfile: toAadProfile(spec.entraId),
    addonProfiles: toAddonProfiles(spec, options.existing?.addonProfiles),
    ingressProfile: spec.webAppRouting
      ? { webAppRouting: { enabled: spec.webAppRouting.enabled } }
      : undefined,
    autoUpgradeProfile: spec.autoUpgrade
      ? withoutUndefined({
          upgradeChannel: spec.autoUpgrade.channel,
          nodeOSUpgradeChannel: spec.autoUpgrade.nodeOsChannel,
        })
      : undefined,
  });
}

function existingSubnetOf(existing: ManagedCluster | undefined, poolName: string): string | undefined {
  return existing?.agentPoolProfiles?.find((pool) => pool.name === poolName)?.vnetSubnetID;
}

function toIdentity(identity: ClusterSpec['identity']): ManagedClusterIdentity {
  if (identity?.type === 'UserAssigned')
    return { type: 'UserAssigned', userAssignedIdentities: { [identity.userAssignedIdentityId]: {} } };
  return { type: identity?.type ?? aksDefaults.identityType };
}

function toNetworkProfile(network: ClusterSpec['network']): ContainerServiceNetworkProfile | undefined {
  if (!network) return undefined;
  const plugin = network.plugin;
  return withoutUndefined<ContainerServiceNetworkProfile>({
    networkPlugin: plugin === undefined ? undefined : plugin === 'kubenet' ? 'kubenet' : 'azure',
    networkPluginMode: plugin === 'azureOverlay' ? 'overlay' : undefined,
    networkPolicy: network.policy,
    podCidr: network.podCidr,
    serviceCidr: network.serviceCidr,
    dnsServiceIP: network.dnsServiceIp,
  });
}

function toAadProfile(entraId: ClusterSpec['entraId']): ManagedClusterAADProfile | undefined {
  if (!entraId) return undefined;
  return withoutUndefined<ManagedClusterAADProfile>({
    managed: true,
    enableAzureRbac: entraId.azureRbac ?? false,
    adminGroupObjectIDs: entraId.adminGroupObjectIds,
    tenantID: entraId.tenantId,
  });
}

function toAddonProfiles(
  spec: ClusterSpec,
  existing: Record<string, ManagedClusterAddonProfile> | undefined,
): Record<string, ManagedClusterAddonProfile> | undefined {
  const addons: Record<string, ManagedClusterAddonProfile> = {};
  // Reuse the existing key's casing so an update does not create a second entry for the same add-on.
  const keyFor = (key: string) =>
    Object.keys(existing ?? {}).find((candidate) => candidate.toLowerCase() === key.toLowerCase()) ?? key;
  const monitoringKey = keyFor(addonKeys.monitoring);
  if (spec.monitoring) {
    addons[monitoringKey] = {
      enabled: true,
      config: { logAnalyticsWorkspaceResourceID: spec.monitoring.logAnalyticsWorkspaceId },
    };
  } else if (existing?.[monitoringKey]?.enabled) {
    addons[monitoringKey] = { enabled: false };
  }
  if (spec.nodePools.some((pool) => needsSgxDevicePlugin(pool.vmSize))) {
    addons[keyFor(addonKeys.sgxDevicePlugin)] = {
      enabled: true,
      config: { ACCSGXQuoteHelperEnabled: 'false' },
    };
  }
  return Object.keys(addons).length > 0 ? addons : undefined;
}

/** Maps whose keys are data, replaced as a whole so that a key can be removed. */
const replacedAsWhole = new Set(['tags', 'nodeLabels', 'config', 'userAssignedIdentities']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Mapped values win; nested profiles are merged and pools matched by name, so unmodelled settings survive. */
function layOver(existing: ManagedCluster, mapped: ManagedCluster): ManagedCluster {
  const existingPools = new Map((existing.agentPoolProfiles ?? []).map((pool) => [pool.name, pool]));
  const agentPoolProfiles = (mapped.agentPoolProfiles ?? []).map((pool): ManagedClusterAgentPoolProfile => {
    const current = existingPools.get(pool.name);
    return current ? (mergeDeep(current, pool) as ManagedClusterAgentPoolProfile) : pool;
  });
  return { ...(mergeDeep(existing, mapped) as ManagedCluster), agentPoolProfiles };
}

function mergeDeep(base: object, overlay: object): object {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = merged[key];
    merged[key] =
      isPlainObject(value) && isPlainObject(current) && !replacedAsWhole.has(key)
        ? mergeDeep(current, value)
        : value;
  }
  return merged;
}

/** ARM keys of add-ons and their config are case-insensitive; older clusters report e.g. `omsAgent`. */
function valueIgnoringCase<T>(record: Record<string, T>, key: string): T | undefined {
  const lower = key.toLowerCase();
  return Object.entries(record).find(([candidate]) => candidate.toLowerCase() === lower)?.[1];
}

function effectivePlugin(network: ContainerServiceNetworkProfile | undefined): EffectiveNetworkPlugin {
  const plugin = network?.networkPlugin ?? aksDefaults.networkPlugin;
  if (plugin === 'azure') return network?.networkPluginMode === 'overlay' ? 'azureOverlay' : 'azure';
  return plugin === 'none' ? 'none' : 'kubenet';
}

/** ARM ManagedCluster → effective settings (AKS defaults filled in). Never carries secrets. */
export function toClusterView(cluster: ManagedCluster): ClusterView {
  const network = cluster.networkProfile;
  const plugin = effectivePlugin(network);
  const pools = cluster.agentPoolProfiles ?? [];
  const addons = cluster.addonProfiles ?? {};
  const monitoringAddon = valueIgnoringCase(addons, addonKeys.monitoring);
  const monitoringWorkspace = monitoringAddon?.enabled
    ? valueIgnoringCase(monitoringAddon.config ?? {}, 'logAnalyticsWorkspaceResourceID')
    : undefined;
  const userAssignedIds = Object.keys(cluster.identity?.userAssignedIdentities ?? {});
  const aad = cluster.aadProfile;

  return withoutUndefined<ClusterView>({
    id: cluster.id,
    name: cluster.name,
    location: cluster.location,
    tags: cluster.tags,
    kubernetesVersion: cluster.kubernetesVersion || undefined,
    currentKubernetesVersion: cluster.currentKubernetesVersion,
    dnsPrefix: cluster.dnsPrefix,
    tier: cluster.sku?.tier ?? aksDefaults.tier,
    kubernetesRbac: cluster.enableRbac ?? aksDefaults.kubernetesRbac,
    entraId: aad
      ? withoutUndefined({
          adminGroupObjectIds: aad.adminGroupObjectIDs ?? undefined,
          azureRbac: aad.enableAzureRbac ?? false,
          tenantId: aad.tenantID,
        })
      : undefined,
    monitoring: monitoringWorkspace ? { logAnalyticsWorkspaceId: monitoringWorkspace } : undefined,
    network: withoutUndefined<ClusterView['network']>({
      plugin,
      policy: network?.networkPolicy,
      subnetId: pools.find((pool) => pool.vnetSubnetID)?.vnetSubnetID,
      podCidr: network?.podCidr ?? defaultPodCidr(plugin),
      serviceCidr: network?.serviceCidr ?? aksDefaults.serviceCidr,
      dnsServiceIp: network?.dnsServiceIP ?? aksDefaults.dnsServiceIp,
    }),
    webAppRouting: cluster.ingressProfile?.webAppRouting
      ? { enabled: cluster.ingressProfile.webAppRouting.enabled === true }
      : undefined,
    autoUpgrade: {
      channel: cluster.autoUpgradeProfile?.upgradeChannel ?? aksDefaults.autoUpgradeChannel,
      nodeOsChannel: cluster.autoUpgradeProfile?.nodeOSUpgradeChannel ?? aksDefaults.nodeOsUpgradeChannel,
    },
    identity: cluster.identity?.type
      ? withoutUndefined({
          type: cluster.identity.type,
          userAssignedIdentityId: cluster.identity.type === 'UserAssigned' ? userAssignedIds[0] : undefined,
        })
      : undefined,
    nodePools: pools.map((pool) =>
      toNodePoolView(pool, {
        networkPlugin: plugin,
        kubernetesVersion: cluster.currentKubernetesVersion ?? cluster.kubernetesVersion,
      }),
    ),
    provisioningState: cluster.provisioningState,
    powerState: cluster.powerState?.code,
    fqdn: cluster.fqdn,
    nodeResourceGroup: cluster.nodeResourceGroup,
    addons: Object.entries(addons)
      .filter(([, addon]) => addon.enabled)
      .map(([key]) => key)
      .sort(),
  });
}

/**
 * What the cluster would look like after AKS applied its defaults, without calling Azure (dry run).
 * Server-side values (fqdn, current versions, states) are absent.
 */
export function effectiveSettingsOf(spec: ClusterSpec): ClusterView {
  return toClusterView(mapSpec(spec, {}));
}

/**
 * The writable part of a cluster view as a spec, the base a PATCH is merged into (see `mergeClusterPatch`).
 * Values the Fleet API cannot express (e.g. a `none` network plugin) are left out.
 */
export function clusterSpecFromView(view: ClusterView): ClusterSpec {
  const { plugin, policy, ...network } = view.network;
  return withoutUndefined<ClusterSpec>({
    location: view.location,
    kubernetesVersion: view.kubernetesVersion,
    tags: view.tags,
    dnsPrefix: view.dnsPrefix,
    tier: parsedOrUndefined(clusterSpecSchema.shape.tier, view.tier),
    kubernetesRbac: view.kubernetesRbac,
    entraId: view.entraId,
    monitoring: view.monitoring,
    network: withoutUndefined({
      ...network,
      plugin: plugin === 'none' ? undefined : plugin,
      policy: parsedOrUndefined(networkSchema.shape.policy, policy),
    }),
    webAppRouting: view.webAppRouting,
    autoUpgrade: parsedOrUndefined(autoUpgradeSchema, view.autoUpgrade),
    identity: parsedOrUndefined(identitySchema, view.identity),
    nodePools: view.nodePools.map(nodePoolSpecFromView),
  });
}

function parsedOrUndefined<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

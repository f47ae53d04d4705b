import type { ClusterState, JsonObject, MaintenanceConfigurationState, PoolState } from './model';
import { clusterResourceId } from './model';
import { asObject, isObject } from './services/requestShapes';

/** Renders state as ARM wire JSON: the envelope at the top, everything else nested under `properties`. */

export function poolProperties(pool: PoolState): JsonObject {
  return {
    ...pool.properties,
    count: pool.count,
    vmSize: pool.vmSize,
    osType: pool.osType,
    mode: pool.mode,
    maxPods: pool.maxPods,
    orchestratorVersion: pool.orchestratorVersion,
    currentOrchestratorVersion: pool.currentOrchestratorVersion,
    nodeImageVersion: pool.nodeImageVersion,
    provisioningState: pool.provisioningState,
    powerState: { code: pool.powerState },
    eTag: pool.eTag,
    ...(pool.provisioningError ? { status: { provisioningError: pool.provisioningError } } : {}),
  };
}

export function renderPool(cluster: ClusterState, pool: PoolState): JsonObject {
  return {
    id: `${clusterResourceId(cluster)}/agentPools/${pool.name}`,
    name: pool.name,
    type: 'Microsoft.ContainerService/managedClusters/agentPools',
    properties: poolProperties(pool),
  };
}

function renderIdentity(cluster: ClusterState): JsonObject | undefined {
  if (!cluster.identity) return { type: 'SystemAssigned', principalId: cluster.principalId, tenantId: cluster.tenantId };
  const identity: JsonObject = { ...cluster.identity };
  if (identity['type'] === 'SystemAssigned') {
    identity['principalId'] = cluster.principalId;
    identity['tenantId'] = cluster.tenantId;
  }
  if (isObject(identity['userAssignedIdentities'])) {
    identity['userAssignedIdentities'] = Object.fromEntries(
      Object.keys(identity['userAssignedIdentities']).map((id, i) => [id, { clientId: stableGuid(cluster.principalId, i + 1), principalId: stableGuid(cluster.principalId, i + 101) }]),
    );
  }
  return identity;
}

/** A GUID derived from another one, so identities stay stable across renders. */
function stableGuid(base: string, salt: number): string {
  const hex = base.replace(/-/g, '');
  const mixed = [...hex].map((c, i) => ((parseInt(c, 16) + salt * (i + 3)) % 16).toString(16)).join('');
  return `${mixed.slice(0, 8)}-${mixed.slice(8, 12)}-4${mixed.slice(13, 16)}-a${mixed.slice(17, 20)}-${mixed.slice(20, 32)}`;
}

export function clusterFqdn(cluster: ClusterState): string {
  const prefix = typeof cluster.properties['dnsPrefix'] === 'string' ? cluster.properties['dnsPrefix'] : `${cluster.name}-dns`;
  return `${prefix}-${cluster.fqdnSuffix}.hcp.${cluster.location}.azmk8s.io`;
}

export function renderCluster(cluster: ClusterState): JsonObject {
  const fqdn = clusterFqdn(cluster);
  const network = asObject(cluster.properties['networkProfile']);
  const properties: JsonObject = {
    ...cluster.properties,
    provisioningState: cluster.provisioningState,
    powerState: { code: cluster.powerState },
    kubernetesVersion: cluster.kubernetesVersion,
    currentKubernetesVersion: cluster.currentKubernetesVersion,
    dnsPrefix: cluster.properties['dnsPrefix'] ?? `${cluster.name}-dns`,
    fqdn,
    azurePortalFQDN: fqdn.replace('.hcp.', '.portal.hcp.'),
    nodeResourceGroup: cluster.nodeResourceGroup,
    maxAgentPools: 100,
    agentPoolProfiles: cluster.pools.map((p) => ({ name: p.name, ...poolProperties(p) })),
    networkProfile: withLoadBalancerReadOnly(cluster, network),
    ...privateFqdn(cluster),
    ...aadProfile(cluster),
    identityProfile: {
      kubeletidentity: {
        resourceId: `/subscriptions/${cluster.subscriptionId}/resourcegroups/${cluster.nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${cluster.name}-agentpool`,
        clientId: stableGuid(cluster.principalId, 7),
        objectId: stableGuid(cluster.principalId, 8),
      },
    },
    ...(cluster.provisioningError ? { status: { provisioningError: cluster.provisioningError } } : {}),
  };
  return {
    id: clusterResourceId(cluster),
    name: cluster.name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: cluster.location,
    tags: cluster.tags,
    sku: cluster.sku,
    ...(cluster.kind === undefined ? {} : { kind: cluster.kind }),
    identity: renderIdentity(cluster),
    eTag: cluster.eTag,
    systemData: {
      createdBy: 'fleetplane-emulator',
      createdByType: 'Application',
      createdAt: cluster.createdAt,
      lastModifiedBy: 'fleetplane-emulator',
      lastModifiedByType: 'Application',
      lastModifiedAt: cluster.lastModifiedAt,
    },
    properties,
  };
}

function privateFqdn(cluster: ClusterState): JsonObject {
  const access = asObject(cluster.properties['apiServerAccessProfile']);
  if (access['enablePrivateCluster'] !== true) return {};
  const prefix = typeof cluster.properties['dnsPrefix'] === 'string' ? cluster.properties['dnsPrefix'] : cluster.name;
  return { privateFQDN: `${prefix}-${cluster.fqdnSuffix}.${cluster.principalId}.privatelink.${cluster.location}.azmk8s.io` };
}

/** AKS-managed Entra integration reports the tenant it bound to. */
function aadProfile(cluster: ClusterState): JsonObject {
  const aad = asObject(cluster.properties['aadProfile']);
  if (aad['managed'] !== true) return {};
  return { aadProfile: { adminGroupObjectIDs: null, tenantID: cluster.tenantId, ...aad } };
}

function withLoadBalancerReadOnly(cluster: ClusterState, network: JsonObject): JsonObject {
  if (network['outboundType'] !== 'loadBalancer') return network;
  const lb = asObject(network['loadBalancerProfile']);
  const count = typeof asObject(lb['managedOutboundIPs'])['count'] === 'number' ? (asObject(lb['managedOutboundIPs'])['count'] as number) : 1;
  const effectiveOutboundIPs = Array.from({ length: count }, (_, i) => ({
    id: `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.nodeResourceGroup}/providers/Microsoft.Network/publicIPAddresses/mgdoutboundip${i + 1}`,
  }));
  return {
    ...network,
    loadBalancerProfile: { managedOutboundIPs: { count }, ...lb, effectiveOutboundIPs, allocatedOutboundPorts: lb['allocatedOutboundPorts'] ?? 0, idleTimeoutInMinutes: lb['idleTimeoutInMinutes'] ?? 30 },
  };
}

export function renderMaintenanceConfiguration(cluster: ClusterState, config: MaintenanceConfigurationState): JsonObject {
  return {
    id: `${clusterResourceId(cluster)}/maintenanceConfigurations/${config.name}`,
    name: config.name,
    type: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
    systemData: config.systemData,
    properties: config.properties,
  };
}

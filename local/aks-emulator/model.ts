/** In-memory state of the emulated fleet. Wire rendering lives in wire.ts; rules in rules/. */

export type JsonObject = Record<string, unknown>;

export type NodeStatus = 'Provisioning' | 'Ready' | 'Cordoned' | 'Draining' | 'Reimaging' | 'Quarantined' | 'Deallocated';

export interface NodeState {
  name: string;
  kubernetesVersion: string;
  nodeImageVersion: string;
  status: NodeStatus;
  surge: boolean;
  labels: Record<string, string>;
  /** While an upgrade's drain of this node is refused by a PodDisruptionBudget (the eviction is retried until the drain timeout). */
  drainBlockedBy?: { namespace: string; name: string } | undefined;
}

export interface ProvisioningError {
  code: string;
  message: string;
}

/** A version the pool ran before an upgrade: what a rollback may return to (agent-pool upgrade profile). */
export interface RecentlyUsedVersion {
  orchestratorVersion: string;
  nodeImageVersion: string;
  /** When the pool stopped running it (ISO-8601). */
  timestamp: string;
}

export interface PoolState {
  name: string;
  /** Writable properties as the client last sent them (secrets removed, read-only fields dropped). */
  properties: JsonObject;
  mode: 'System' | 'User';
  osType: 'Linux' | 'Windows';
  vmSize: string;
  count: number;
  currentOrchestratorVersion: string;
  orchestratorVersion: string;
  nodeImageVersion: string;
  provisioningState: string;
  powerState: 'Running' | 'Stopped';
  maxPods: number;
  vmssSuffix: string;
  nextInstanceIndex: number;
  nodes: NodeState[];
  eTag: string;
  provisioningError?: ProvisioningError;
  /** Newest first; filled when an upgrade changes the pool's version or node image. */
  recentlyUsedVersions?: RecentlyUsedVersion[];
}

export interface MaintenanceConfigurationState {
  name: string;
  properties: JsonObject;
  systemData: JsonObject;
}

export interface PodDisruptionBudget {
  namespace: string;
  name: string;
  /** Pools whose nodes cannot be drained while this PDB exists; empty = every pool. */
  pools: string[];
  minAvailable: number;
}

export interface ClusterState {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  sku: JsonObject;
  identity: JsonObject | undefined;
  kind?: string;
  /** Writable cluster properties as sent (without agentPoolProfiles and secrets). */
  properties: JsonObject;
  kubernetesVersion: string;
  currentKubernetesVersion: string;
  provisioningState: string;
  powerState: 'Running' | 'Stopped';
  fqdnSuffix: string;
  nodeResourceGroup: string;
  principalId: string;
  tenantId: string;
  pools: PoolState[];
  maintenanceConfigurations: MaintenanceConfigurationState[];
  podDisruptionBudgets: PodDisruptionBudget[];
  activeOperationId?: string;
  eTag: string;
  provisioningError?: ProvisioningError;
  createdAt: string;
  lastModifiedAt: string;
}

export const clusterKey = (subscriptionId: string, resourceGroup: string, name: string): string =>
  `${subscriptionId}/${resourceGroup}/${name}`.toLowerCase();

export const clusterResourceId = (c: Pick<ClusterState, 'subscriptionId' | 'resourceGroup' | 'name'>): string =>
  `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;

export const findPool = (cluster: ClusterState, name: string): PoolState | undefined =>
  cluster.pools.find((p) => p.name.toLowerCase() === name.toLowerCase());

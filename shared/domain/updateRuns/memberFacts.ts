import type { ClusterVersions } from '../upgrades';

/**
 * What the preflight knows about one member, gathered from Azure before any rule is applied. A fact that could not
 * be read says why, so the preflight reports it as "not checked" instead of passing it silently.
 */

export type Checked<T> = { checked: true; value: T } | { checked: false; reason: string };

export interface PoolFacts {
  name: string;
  mode: 'System' | 'User';
  count: number;
  vmSize: string;
  powerState: 'Running' | 'Stopped';
  currentOrchestratorVersion: string;
  maxPods?: number;
  maxSurge?: string;
  maxUnavailable?: string;
  drainTimeoutInMinutes?: number;
  nodeSoakDurationInMinutes?: number;
  undrainableNodeBehavior?: 'Schedule' | 'Cordon';
  nodeImageVersion?: string;
  /** From the pool's upgrade profile. */
  latestNodeImageVersion: Checked<string>;
  /** From Compute's SKU list for the region. */
  vCpusPerNode?: number;
  quotaFamily?: string;
  /** The pool's own subnet (bring-your-own VNet); absent when AKS manages the network. */
  vnetSubnetID?: string;
}

/** A PodDisruptionBudget as kubectl reports it, with the pools its selected pods run on. */
export interface PodDisruptionBudgetFact {
  namespace: string;
  name: string;
  disruptionsAllowed: number;
  pools: string[];
}

/** What the preflight needs of a node-pool subnet (Microsoft.Network). */
export interface SubnetFact {
  addressPrefixes: string[];
  /** NIC IP configurations using the subnet: each holds one address. */
  ipConfigurationsInUse: number;
}

/** A Kubernetes API version the cluster was called on recently that is deprecated (AKSAudit `k8s.io/deprecated`). */
export interface DeprecatedApiUse {
  apiGroup: string;
  apiVersion: string;
  resource: string;
  /** `k8s.io/removed-release` (x.y) when Kubernetes has scheduled the removal. */
  removedRelease?: string;
  calls: number;
  lastSeen: string;
}

export interface FreeVcpus {
  /** `cores` (the regional total) or a VM family. */
  name: string;
  free: number;
}

export interface MemberFacts {
  clusterId: string;
  name: string;
  location: string;
  /** Set when the cluster itself could not be read: nothing else is known. */
  unreadable?: string;
  provisioningState?: string;
  powerState?: 'Running' | 'Stopped';
  versions?: ClusterVersions;
  pools: PoolFacts[];
  /** Azure CNI without overlay: every pod takes an address of the node subnet. */
  podsTakeSubnetIps: boolean;
  /** ARM's kubernetesVersions of the region and the cluster's upgrade profile (the planner's sources). */
  versionCatalogue: Checked<unknown>;
  upgradeProfile?: unknown;
  /** A Fleetplane operation on this cluster that is not finished. */
  fleetplaneOperationInFlight?: string;
  /** The maintenance configuration that governs this run's kind of upgrade; null when the cluster has none. */
  maintenanceWindow: Checked<unknown>;
  deprecatedApiUse: Checked<DeprecatedApiUse[]>;
  freeVcpus: Checked<FreeVcpus[]>;
  /** Read through AKS run command for runs that drain nodes; absent when the run drains none (ControlPlaneOnly). */
  podDisruptionBudgets?: Checked<PodDisruptionBudgetFact[]>;
  /** The pools' subnets by lower-case resource id; absent when no pool has its own subnet. */
  subnets?: Record<string, Checked<SubnetFact>>;
}

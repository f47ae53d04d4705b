import type { NetworkPlugin } from './clusterSpec';

/** What AKS fills in when a field is left out (azure-apis.md §1.5–1.6, upgrades.md §1.3, §3). */
export const aksDefaults = {
  kubernetesRbac: true,
  networkPlugin: 'kubenet',
  podCidr: '10.244.0.0/16',
  serviceCidr: '10.0.0.0/16',
  dnsServiceIp: '10.0.0.10',
  nodePoolMode: 'User',
  nodePoolCount: 1,
  osType: 'Linux',
  maxSurge: '10%',
  drainTimeoutMinutes: 30,
  soakMinutes: 0,
  spotEvictionPolicy: 'Delete',
  spotMaxPrice: -1,
  autoUpgradeChannel: 'none',
  nodeOsUpgradeChannel: 'NodeImage',
  identityType: 'SystemAssigned',
  tier: 'Free',
} as const;

export type EffectiveNetworkPlugin = NetworkPlugin | 'none';

/** Default pods per node: 110 kubenet, 250 Azure CNI overlay, 30 classic Azure CNI. */
export function defaultMaxPods(plugin: EffectiveNetworkPlugin): number | undefined {
  switch (plugin) {
    case 'kubenet':
      return 110;
    case 'azureOverlay':
      return 250;
    case 'azure':
      return 30;
    case 'none':
      return undefined;
  }
}

/** Pod CIDRs exist only where pods do not take subnet IPs (kubenet, overlay). */
export function defaultPodCidr(plugin: EffectiveNetworkPlugin): string | undefined {
  return plugin === 'kubenet' || plugin === 'azureOverlay' ? aksDefaults.podCidr : undefined;
}

export function defaultOsSku(osType: string, kubernetesMinor?: { major: number; minor: number }): string {
  if (osType !== 'Windows') return 'Ubuntu';
  // AKS: Windows2019 up to 1.24, Windows2022 from 1.25.
  const upTo124 =
    kubernetesMinor !== undefined &&
    (kubernetesMinor.major < 1 || (kubernetesMinor.major === 1 && kubernetesMinor.minor <= 24));
  return upTo124 ? 'Windows2019' : 'Windows2022';
}

/** The node count a pool may reach: autoscaler maxCount when set, else its count (default 1). */
export function poolNodeCeiling(pool: { count?: number; autoscaler?: { maxCount: number } | null }): number {
  return pool.autoscaler
    ? Math.max(pool.autoscaler.maxCount, pool.count ?? 0)
    : (pool.count ?? aksDefaults.nodePoolCount);
}

/** The count AKS starts a pool with when none is given: minCount under the autoscaler, else 1. */
export function effectivePoolCount(pool: {
  count?: number;
  autoscaler?: { minCount: number } | null;
}): number {
  return pool.count ?? (pool.autoscaler ? Math.max(pool.autoscaler.minCount, 1) : aksDefaults.nodePoolCount);
}

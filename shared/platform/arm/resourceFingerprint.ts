import type { AgentPool, ManagedCluster, ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';

/**
 * The settings of a cluster or pool that a write states and ARM echoes back as given, flattened to strings:
 * taken from the body a write sends, and later from what ARM holds, to tell whether ARM took that write.
 * Never secrets (admin passwords), never what ARM fills in or changes on its own (node counts under the autoscaler).
 */
export type ResourceFingerprint = Record<string, string>;

type PoolSettings = Pick<
  AgentPool,
  'mode' | 'vmSize' | 'osType' | 'osSKU' | 'count' | 'enableAutoScaling' | 'minCount' | 'maxCount' | 'orchestratorVersion' | 'nodeLabels' | 'nodeTaints'
>;

export function clusterFingerprint(cluster: ManagedCluster): ResourceFingerprint {
  const pools = [...(cluster.agentPoolProfiles ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const poolFields = pools.flatMap((pool: ManagedClusterAgentPoolProfile) =>
    Object.entries(agentPoolFingerprint(pool)).map(([key, value]) => [`agentPools.${pool.name}.${key}`, value] as const),
  );
  return {
    ...withoutUndefined({
      location: cluster.location?.toLowerCase(),
      kubernetesVersion: cluster.kubernetesVersion,
      tier: cluster.sku?.tier,
      tags: cluster.tags ? canonicalJson(cluster.tags) : undefined,
      agentPools: cluster.agentPoolProfiles ? pools.map((pool) => pool.name).join(',') : undefined,
    }),
    ...Object.fromEntries(poolFields),
  };
}

export function agentPoolFingerprint(pool: PoolSettings): ResourceFingerprint {
  const autoscaled = pool.enableAutoScaling === true;
  return withoutUndefined({
    mode: pool.mode,
    vmSize: pool.vmSize?.toLowerCase(),
    osType: pool.osType,
    osSKU: pool.osSKU,
    count: autoscaled ? undefined : pool.count?.toString(),
    minCount: autoscaled ? pool.minCount?.toString() : undefined,
    maxCount: autoscaled ? pool.maxCount?.toString() : undefined,
    orchestratorVersion: pool.orchestratorVersion,
    nodeLabels: pool.nodeLabels ? canonicalJson(pool.nodeLabels) : undefined,
    nodeTaints: pool.nodeTaints ? canonicalJson([...pool.nodeTaints].sort()) : undefined,
  });
}

/**
 * True when ARM holds every setting the write stated. A version may have been given as a minor ("1.36") that
 * ARM reports resolved to its patch ("1.36.2").
 */
export function fingerprintMatches(written: ResourceFingerprint, current: ResourceFingerprint): boolean {
  return Object.entries(written).every(([key, value]) => {
    const held = current[key];
    if (held === value) return true;
    return key.endsWith('ersion') && held !== undefined && held.startsWith(`${value}.`);
  });
}

function withoutUndefined(fields: Record<string, string | undefined>): ResourceFingerprint {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function canonicalJson(value: Record<string, string> | string[]): string {
  return Array.isArray(value) ? JSON.stringify(value) : JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));
}

import type { ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import type { PoolObservations, PoolState } from '../../domain/autoscale/evaluatePool';
import type { PoolIdentity } from '../../domain/autoscale/policy';
import type { ListedCluster } from './listedClusters';
import { nodeTemplateOf } from './nodeTemplate';
import type { TargetValues } from './logAnalyticsTargets';
import type { PoolMeasurements } from './poolMeasurements';

const SETTLED = new Set(['Succeeded', 'Failed', 'Canceled']);

export function poolIdentityOf(cluster: ListedCluster, profile: ManagedClusterAgentPoolProfile): PoolIdentity {
  return {
    clusterResourceId: cluster.id,
    subscriptionId: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    clusterName: cluster.name,
    poolName: profile.name ?? '',
    poolMode: profile.mode === 'System' ? 'System' : 'User',
    clusterTags: cluster.tags,
    poolTags: profile.tags ?? {},
  };
}

/** The pool as the list gave it: count, node size, the AKS autoscaler, and whether anything else holds it. */
export function poolStateOf(cluster: ListedCluster, profile: ManagedClusterAgentPoolProfile, inUpdateRun: boolean): PoolState {
  const poolState = profile.provisioningState ?? 'Succeeded';
  return {
    clusterResourceId: cluster.id,
    poolName: profile.name ?? '',
    mode: profile.mode === 'System' ? 'System' : 'User',
    count: profile.count ?? 0,
    node: nodeTemplateOf(profile.vmSize ?? '', profile.maxPods),
    clusterAutoscaler: { enabled: profile.enableAutoScaling === true, minCount: profile.minCount, maxCount: profile.maxCount },
    provisioningState: poolState,
    clusterPowerState: cluster.powerState,
    inOperation: !SETTLED.has(cluster.provisioningState) || !SETTLED.has(poolState),
    upgrading:
      cluster.provisioningState === 'Upgrading' ||
      poolState === 'Upgrading' ||
      (profile.currentOrchestratorVersion !== undefined && profile.orchestratorVersion !== undefined && !profile.currentOrchestratorVersion.startsWith(profile.orchestratorVersion)),
    inUpdateRun,
  };
}

/** What the cycle measured for the pool; a source that could not be read leaves its field null (missing). */
export function observationsOf(measured: PoolMeasurements, clusterId: string, poolName: string, at: Date): PoolObservations {
  const key = `${clusterId.toLowerCase()}/${poolName.toLowerCase()}`;
  const readings = measured.readings.get(key);
  const pending = measured.pending.get(clusterId.toLowerCase());
  const groups = pending && 'groups' in pending ? (pending.groups.get(poolName.toLowerCase()) ?? []) : undefined;
  return {
    cpuPercent: readings?.cpuPercent ?? null,
    memoryPercent: readings?.memoryPercent ?? null,
    pendingPods: groups === undefined ? null : { groups: groups.map(({ count, cpuMilli, memoryBytes }) => ({ count, cpuMilli, memoryBytes })), sampledAt: at.toISOString() },
    logAnalyticsValue: readingOf(measured.logAnalytics, key),
    customMetricValue: readingOf(measured.custom, key),
  };
}

function readingOf(values: TargetValues, key: string): { value: number; sampledAt: string } | null {
  const read = values.get(key);
  return read !== undefined && 'value' in read ? read : null;
}

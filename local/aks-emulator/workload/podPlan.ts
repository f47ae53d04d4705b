import { nameSuffix, stableUuid } from './stableNames';
import type { DeploymentSpec, OsName } from './workloadSpec';

/** A pod a deployment wants, before scheduling. */
export interface PlannedPod {
  namespace: string;
  name: string;
  uid: string;
  deployment: DeploymentSpec;
  replicaIndex: number;
  cpuRequestMillicores: number;
  memoryRequestBytes: number;
  os: OsName;
  pool: string | undefined;
}

/**
 * Replicas wanted at load factor L. A load-following deployment with maxReplicas above replicas has an HPA:
 * clamp(ceil(replicas × L), replicas, maxReplicas). Every other deployment keeps `replicas`.
 */
export function desiredReplicas(deployment: DeploymentSpec, load: number): number {
  const max = deployment.maxReplicas ?? deployment.replicas;
  if (!deployment.followsLoad || max <= deployment.replicas) return deployment.replicas;
  return Math.min(max, Math.max(deployment.replicas, Math.ceil(deployment.replicas * load - 1e-9)));
}

/** A key that changes exactly when the set of planned pods changes (for caching placements). */
export const replicaKey = (deployments: readonly DeploymentSpec[], load: number): string => deployments.map((d) => desiredReplicas(d, load)).join(',');

/**
 * Pods in scheduling priority order: every deployment's base replicas in spec order, then the HPA's extra replicas by
 * the load at which each appears (replica i of a deployment with base r appears once L > i / r), ties in spec order.
 * So the pods planned at a lower load are always a prefix of those planned at a higher load.
 */
export function plannedPods(identity: string, deployments: readonly DeploymentSpec[], load: number): PlannedPod[] {
  const base: PlannedPod[] = [];
  const extra: { threshold: number; order: number; pod: PlannedPod }[] = [];
  deployments.forEach((deployment, order) => {
    const wanted = desiredReplicas(deployment, load);
    for (let i = 0; i < wanted; i += 1) {
      const pod = plannedPod(identity, deployment, i);
      if (i < deployment.replicas) base.push(pod);
      else extra.push({ threshold: i / deployment.replicas, order, pod });
    }
  });
  extra.sort((a, b) => a.threshold - b.threshold || a.order - b.order);
  return [...base, ...extra.map((e) => e.pod)];
}

function plannedPod(identity: string, deployment: DeploymentSpec, replicaIndex: number): PlannedPod {
  const { namespace, name } = deployment;
  const podName = `${name}-${nameSuffix(10, identity, namespace, name, 'replicaset')}-${nameSuffix(5, identity, namespace, name, replicaIndex)}`;
  return {
    namespace,
    name: podName,
    uid: stableUuid(identity, namespace, podName),
    deployment,
    replicaIndex,
    cpuRequestMillicores: deployment.cpuRequestMillicores,
    memoryRequestBytes: deployment.memoryRequestBytes,
    os: deployment.nodeSelector.os,
    pool: deployment.nodeSelector.pool,
  };
}

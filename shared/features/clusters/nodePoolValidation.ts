import type { ManagedCluster } from '@azure/arm-containerservice';
import { clusterSpecFromView } from './clusterMapping';
import { checkNodePoolWrite, evaluateNodePoolGuardrails, poolNodeCeiling, withNodePool, type Violation } from '../../domain/fleet';
import type { ClusterView } from '../../domain/fleet/clusterSpec';
import type { NodePoolSpec } from '../../domain/fleet/nodePoolSpec';
import type { ClusterDependencies } from './clusterDependencies';
import { guardrailInputs, windowsCredentialViolations } from './clusterValidation';
import { nodePoolPreflightViolations } from './clusterPreflight';

/**
 * Guardrails and AKS rules of a write to one pool, judged on the whole cluster with that pool in place.
 * Paths are relative to the pool body (`vmSize`), cluster-wide ones keep their cluster path.
 */
export async function nodePoolWriteViolations(
  deps: ClusterDependencies,
  subscriptionId: string,
  cluster: { managed: ManagedCluster; view: ClusterView },
  pool: NodePoolSpec,
): Promise<Violation[]> {
  const desired = withNodePool(clusterSpecFromView(cluster.view), pool);
  const otherPoolsNodeCeiling = desired.nodePools
    .filter((candidate) => candidate.name !== pool.name)
    .reduce((sum, candidate) => sum + poolNodeCeiling(candidate), 0);
  const [{ guardrails, catalogue }, preflight] = await Promise.all([
    guardrailInputs(deps, subscriptionId, cluster.view.location, [pool.orchestratorVersion]),
    nodePoolPreflightViolations(deps, subscriptionId, cluster, pool),
  ]);
  return [
    ...evaluateNodePoolGuardrails(pool, guardrails, { otherPoolsNodeCeiling, ...(catalogue ? { catalogue } : {}) }),
    ...checkNodePoolWrite(desired, pool.name, cluster.view),
    ...windowsCredentialViolations([pool], () => 'osType', deps, cluster.managed),
    ...preflight,
  ];
}

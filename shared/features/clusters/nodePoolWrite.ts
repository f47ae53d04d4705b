import { toAgentPool, toNodePoolView } from './agentPoolMapping';
import type { NodePoolSpec } from '../../domain/fleet/nodePoolSpec';
import { startArmChange } from './acceptedOperation';
import { nodePoolArmId, type NodePoolAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import { NO_SCHEMA_PROBLEMS, poolJudgeContext, throwIfProblems, type SchemaProblems } from './bodyProblems';
import { armIfMatch } from '../../platform/http/etags';
import { agentPoolFingerprint } from '../../platform/arm/resourceFingerprint';
import { nodePoolWriteViolations } from './nodePoolValidation';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

/** Validates the pool against the cluster (with the body's schema problems, if any), then answers the dry run or sends the pool to ARM. */
export async function writeNodePool(
  deps: ClusterDependencies,
  context: WriteContext,
  address: NodePoolAddress,
  cluster: Parameters<typeof nodePoolWriteViolations>[2],
  pool: NodePoolSpec,
  write: { kind: string; currentEtag: string | undefined; currentSubnetId?: string | undefined },
  schema: SchemaProblems = NO_SCHEMA_PROBLEMS,
): Promise<ApiResponse> {
  const violations = await nodePoolWriteViolations(deps, address.subscriptionId, cluster, pool);
  throwIfProblems(schema, violations, 'node pool', poolJudgeContext(write.kind !== 'createNodePool'));
  const { name: _name, ...fields } = pool;
  // A pool never moves subnet: an existing pool keeps its own, a new pool goes into the cluster's.
  const subnetId = write.currentSubnetId ?? cluster.view.network.subnetId;
  const agentPool = toAgentPool(fields, subnetId ? { subnetId } : {});
  if (context.dryRun) {
    const effectiveSettings = toNodePoolView(
      { ...agentPool, name: pool.name },
      { networkPlugin: cluster.view.network.plugin, ...controlPlaneVersionOf(cluster.view) },
    );
    return { status: 200, headers: {}, body: { valid: true, effectiveSettings } };
  }
  return startArmChange(deps, context, {
    kind: write.kind,
    target: nodePoolArmId(address),
    subscriptionId: address.subscriptionId,
    expectedOutcome: { kind: 'matches', fingerprint: agentPoolFingerprint(agentPool) },
    submit: (arm, options) =>
      arm.agentPools.createOrUpdate(address.resourceGroup, address.clusterName, address.nodePoolName, agentPool, {
        ...options,
        ...armIfMatch(write.currentEtag),
      }),
  });
}

/** The control plane version a pool view defaults to (its Windows osSku default depends on it). */
export function controlPlaneVersionOf(view: { currentKubernetesVersion?: string; kubernetesVersion?: string }): { kubernetesVersion?: string } {
  const version = view.currentKubernetesVersion ?? view.kubernetesVersion;
  return version ? { kubernetesVersion: version } : {};
}

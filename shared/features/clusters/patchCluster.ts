import { clusterSpecFromView, effectiveSettingsOf, toClusterView, toManagedCluster } from './clusterMapping';
import { mergeClusterPatch } from '../../domain/fleet';
import type { ClusterPatch } from '../../domain/fleet/clusterSpec';
import { startArmChange } from './acceptedOperation';
import { clusterLabel, requireManagedCluster } from '../../platform/arm/armCalls';
import { clusterFingerprint } from '../../platform/arm/resourceFingerprint';
import { clusterArmId, type ClusterAddress } from '../../domain/fleet/clusterAddress';
import type { ClusterDependencies } from './clusterDependencies';
import { clusterSpecViolations } from './clusterValidation';
import { clusterJudgeContext, NO_SCHEMA_PROBLEMS, throwIfProblems, type SchemaProblems } from './bodyProblems';
import { requireIfMatch } from '../../domain/preconditions';
import { armIfMatch } from '../../platform/http/etags';
import { idempotent } from './idempotentRequest';
import { authorizeReferencedResources } from './referencedResources';
import { resourceReferencesOf } from '../../domain/fleet/resourceReferences';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

/** `PATCH …/clusters/{c}` (Operator): the patch is merged into the current settings, validated whole, then PUT. */
export async function patchCluster(
  deps: ClusterDependencies,
  context: WriteContext,
  address: ClusterAddress,
  patch: ClusterPatch,
  schema: SchemaProblems = NO_SCHEMA_PROBLEMS,
): Promise<ApiResponse> {
  const scope = clusterArmId(address);
  await context.authorize('clusters', 'patch', scope);
  // Only what the patch names: the rest comes from the cluster as it is.
  await authorizeReferencedResources(deps, context, resourceReferencesOf(patch));
  return idempotent(deps, context, async () => {
    const existing = await requireManagedCluster(deps.containerService(address.subscriptionId), address);
    requireIfMatch(context.ifMatch, existing.eTag, clusterLabel(address));
    const view = toClusterView(existing);
    const desired = mergeClusterPatch(clusterSpecFromView(view), patch);
    const violations = await clusterSpecViolations(deps, address.subscriptionId, desired, { cluster: existing, view });
    throwIfProblems(schema, violations, 'patched cluster', clusterJudgeContext(desired, schema, view));
    if (context.dryRun) return { status: 200, headers: {}, body: { valid: true, effectiveSettings: effectiveSettingsOf(desired) } };

    const credentials = deps.windowsCredentials();
    const body = toManagedCluster(desired, {
      existing,
      ...(credentials ? { windowsAdminUsername: credentials.username, windowsAdminPassword: credentials.password } : {}),
    });
    return startArmChange(deps, context, {
      kind: 'patchCluster',
      target: scope,
      subscriptionId: address.subscriptionId,
      expectedOutcome: { kind: 'matches', fingerprint: clusterFingerprint(body) },
      submit: (arm, options) =>
        arm.managedClusters.createOrUpdate(address.resourceGroup, address.clusterName, body, {
          ...options,
          ...armIfMatch(existing.eTag),
        }),
    });
  });
}

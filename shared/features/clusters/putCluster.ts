import { toClusterView, effectiveSettingsOf, toManagedCluster } from './clusterMapping';
import type { ClusterSpec } from '../../domain/fleet/clusterSpec';
import { startArmChange } from './acceptedOperation';
import { clusterLabel, findManagedCluster } from '../../platform/arm/armCalls';
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

/**
 * `PUT …/clusters/{c}`: create (Admin) or replace (Operator) a cluster. Authorize (the cluster, then every
 * resource the body references) → validate (guardrails, AKS rules, preflight) → Idempotency-Key → ARM through
 * the durable runner → 202 Operation-Location. With `schema` problems (an invalid body, `spec` its judgeable part)
 * it always answers 400, with those problems and every violation still judgeable.
 */
export async function putCluster(
  deps: ClusterDependencies,
  context: WriteContext,
  address: ClusterAddress,
  spec: ClusterSpec,
  schema: SchemaProblems = NO_SCHEMA_PROBLEMS,
): Promise<ApiResponse> {
  const scope = clusterArmId(address);
  // Every PUT needs at least update rights; checked before ARM is asked whether the cluster exists.
  await context.authorize('clusters', 'update', scope);
  await authorizeReferencedResources(deps, context, resourceReferencesOf(spec));
  return idempotent(deps, context, async () => {
    const client = deps.containerService(address.subscriptionId);
    const existing = await findManagedCluster(client, address);
    if (!existing) await context.authorize('clusters', 'create', scope);
    requireIfMatch(context.ifMatch, existing?.eTag, clusterLabel(address));
    const current = existing ? { cluster: existing, view: toClusterView(existing) } : undefined;
    const violations = await clusterSpecViolations(deps, address.subscriptionId, spec, current);
    throwIfProblems(schema, violations, 'cluster spec', clusterJudgeContext(spec, schema, current?.view));
    if (context.dryRun) return { status: 200, headers: {}, body: { valid: true, effectiveSettings: effectiveSettingsOf(spec) } };

    const credentials = deps.windowsCredentials();
    const body = toManagedCluster(spec, {
      // The DNS prefix is fixed at creation; an update keeps whatever the cluster has.
      ...(existing ? {} : { defaultDnsPrefix: dnsPrefixFor(address.clusterName) }),
      ...(credentials ? { windowsAdminUsername: credentials.username, windowsAdminPassword: credentials.password } : {}),
      ...(existing ? { existing } : {}),
    });
    return startArmChange(deps, context, {
      kind: existing ? 'updateCluster' : 'createCluster',
      target: scope,
      subscriptionId: address.subscriptionId,
      expectedOutcome: { kind: 'matches', fingerprint: clusterFingerprint(body) },
      submit: (arm, options) =>
        arm.managedClusters.createOrUpdate(address.resourceGroup, address.clusterName, body, {
          ...options,
          ...armIfMatch(existing?.eTag),
        }),
    });
  });
}

/** AKS DNS prefixes: 1-54 letters, digits and hyphens, starting and ending with a letter or digit. */
export function dnsPrefixFor(clusterName: string): string {
  const cleaned = clusterName
    .replace(/[^A-Za-z0-9-]/g, '-')
    .slice(0, 54)
    .replace(/^-+|-+$/g, '');
  return cleaned || 'aks';
}

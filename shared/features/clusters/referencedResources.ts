import { deny, type AccessDecision } from '../../domain/access/decision';
import { ValidationError, type FieldIssue } from '../../domain/errors';
import { isSharedResource, locateResource, type ResourceReference } from '../../domain/fleet/resourceReferences';
import type { WriteContext } from '../../platform/http/requestContext';
import type { ClusterDependencies } from './clusterDependencies';

export const REFERENCE_NOT_ALLOWED = 'ReferencedResourceNotAllowed';

/**
 * What a caller needs on a resource its body references: read rights (Reader, the weakest role) at the resource
 * group holding it, the narrowest scope a role binding can name outside AKS clusters.
 */
const REFERENCE_RESOURCE = 'clusters';
const REFERENCE_VERB = 'get';

interface RefusedReference {
  readonly reference: ResourceReference;
  readonly scope: string;
  readonly decision: AccessDecision;
}

/**
 * AKS attaches a cluster to the subnet, workspace or identity its body names with Fleetplane's own managed
 * identity, so a caller could otherwise reach resources it has no rights to (a confused deputy). Each referenced
 * id must lie in a guardrails `sharedResourceScopes` entry or in a resource group the caller may read. Runs before
 * any ARM call; a refusal is one 403 naming every refused field, recorded as an authorization denial.
 */
export async function authorizeReferencedResources(
  deps: Pick<ClusterDependencies, 'guardrails'>,
  context: Pick<WriteContext, 'decide' | 'enforce'>,
  references: ReadonlyArray<ResourceReference>,
): Promise<void> {
  if (references.length === 0) return;
  const { guardrails } = await deps.guardrails.get();
  const refused: RefusedReference[] = [];
  for (const reference of references) {
    const location = locateResource(reference.id);
    if (!location) throw unparseableReference(reference);
    if (isSharedResource(location, guardrails.sharedResourceScopes)) continue;
    const decision = await context.decide(REFERENCE_RESOURCE, REFERENCE_VERB, location.resourceGroupScope);
    if (!decision.allowed) refused.push({ reference, scope: location.resourceGroupScope, decision });
  }
  const [first] = refused;
  if (!first) return;
  const issues = refused.map(refusalIssue);
  const fields = refused.map((entry) => entry.reference.path).join(', ');
  const denial = deny(
    first.decision.code === 'granted' ? 'no_binding' : first.decision.code,
    `${fields}: the caller may not use resources in ${refused.map((entry) => entry.scope).join(', ')} ` +
      '(no role binding covers them and the guardrails do not list them as shared)',
  );
  context.enforce(denial, `${REFERENCE_RESOURCE}.${REFERENCE_VERB}`, first.scope, issues);
}

function refusalIssue({ reference, scope, decision }: RefusedReference): FieldIssue {
  return {
    path: reference.path,
    code: REFERENCE_NOT_ALLOWED,
    message: `${reference.path} names a resource in ${scope}, which the caller may not read (${decision.reason}) and which is not a shared resource scope of the guardrails`,
  };
}

function unparseableReference(reference: ResourceReference): ValidationError {
  return new ValidationError(`${reference.path} is not a resource id that can be checked.`, [
    {
      path: reference.path,
      code: 'InvalidResourceId',
      message: 'must be /subscriptions/{id}/resourceGroups/{name}/providers/{namespace}/{type}/{name}[/{type}/{name}…]',
    },
  ]);
}

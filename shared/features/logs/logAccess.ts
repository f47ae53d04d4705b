import { allow, deny, parseScope, type AccessDecision } from '../../domain/access';
import { LOG_RESOURCE, LOG_VERB, namespaceLogGrants, namespacesOf, needsClusterScope, type LogReadScope, type LogSource } from '../../domain/logs';
import type { HttpCall } from '../../platform/http/handleHttp';
import type { LogsDependencies } from './logsDependencies';

const PERMISSION = `${LOG_RESOURCE}.${LOG_VERB}`;

export interface LogAccess {
  scope: LogReadScope;
  decision: AccessDecision;
}

/**
 * What of the cluster the caller may read: all of it with `clusters/logs.query` on the cluster (or above), else
 * the namespaces of its namespace-scoped bindings. Denials go through `enforce`, so they are audited (403).
 */
export async function logAccessOf(
  deps: Pick<LogsDependencies, 'decide' | 'roleBindings'>,
  call: Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce'>,
  clusterId: string,
  request: { source: LogSource; namespace?: string | undefined },
): Promise<LogAccess> {
  const clusterDecision = await deps.decide(call.caller, LOG_VERB, LOG_RESOURCE, clusterId);
  if (clusterDecision.allowed) return { scope: { kind: 'cluster' }, decision: call.enforce(clusterDecision, PERMISSION, clusterId) };

  const { bindings, options } = await deps.roleBindings();
  const grants = namespaceLogGrants(call.caller, parseScope(clusterId), bindings, options);
  const [strongest] = grants;
  const [first, ...others] = namespacesOf(grants);
  if (strongest === undefined || first === undefined) {
    call.enforce(clusterDecision, PERMISSION, clusterId);
    throw new Error('unreachable: a denied decision throws');
  }
  const namespaces: [string, ...string[]] = [first, ...others];
  if (needsClusterScope(request.source)) {
    call.enforce(deny('insufficient_role', `${request.source} logs need ${PERMISSION} on the whole cluster; the caller has it in namespaces ${namespaces.join(', ')} only`), PERMISSION, clusterId);
  }
  if (request.namespace !== undefined && !namespaces.includes(request.namespace.toLowerCase())) {
    call.enforce(deny('no_binding', `no role binding lets the caller read logs of namespace ${request.namespace}`), `${PERMISSION}`, `${clusterId}/namespaces/${request.namespace}`);
  }
  const decision = allow(
    `${PERMISSION} in namespaces ${namespaces.join(', ')}; ${strongest.role} via binding '${strongest.binding.id}' at ${strongest.scope.id}`,
    strongest.binding.id,
    strongest.role,
  );
  return { scope: { kind: 'namespaces', namespaces }, decision: call.enforce(decision, PERMISSION, clusterId) };
}

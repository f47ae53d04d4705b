import { deny, roleAtLeast, type AccessDecision } from '../../domain/access';
import { LOG_RESOURCE, LOG_VERB } from '../../domain/logs';
import type { HttpCall } from '../../platform/http/handleHttp';
import type { LogsDependencies } from './logsDependencies';

const PERMISSION = `${LOG_RESOURCE}.${LOG_VERB}`;
const RAW_QUERY_ROLE = 'Admin';

/**
 * Raw KQL needs `clusters/logs.query` on the whole cluster (namespace-scoped bindings do not count: the query
 * could read any namespace) held through the Admin role or above. A denial goes through `enforce`: 403, audited.
 */
export async function authorizeRawLogQuery(
  deps: Pick<LogsDependencies, 'decide'>,
  call: Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce'>,
  clusterId: string,
): Promise<AccessDecision> {
  const decision = await deps.decide(call.caller, LOG_VERB, LOG_RESOURCE, clusterId);
  if (decision.allowed && (decision.effectiveRole === undefined || !roleAtLeast(decision.effectiveRole, RAW_QUERY_ROLE))) {
    return call.enforce(
      deny('insufficient_role', `raw KQL needs ${PERMISSION} as ${RAW_QUERY_ROLE} on the cluster; the caller holds ${decision.effectiveRole ?? 'no role'}`, decision.effectiveRole),
      PERMISSION,
      clusterId,
    );
  }
  return call.enforce(decision, PERMISSION, clusterId);
}

import { clusterArmId } from '../../domain/fleet/clusterAddress';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { nextLinkOf } from '../../platform/http/paging';
import { evaluateClusterAutoscale, listAutoscaleDecisions } from './autoscale.api';
import type { AutoscaleDependencies } from './autoscaleDependencies';
import { ensureRunning } from './cycleChain';
import { evaluateCluster } from './evaluateCluster';

export function autoscaleHttpHandlers(http: HttpPipeline, deps: AutoscaleDependencies, publicBaseUrl: string | undefined): HttpHandlers {
  return {
    [listAutoscaleDecisions.operationId]: http.handle(listAutoscaleDecisions, async ({ params, query, request, authorize }) => {
      const clusterId = clusterArmId(params);
      await authorize('clusters/autoscalepolicies', 'list', clusterId);
      const page = await deps.decisions.page(clusterId, {
        pageSize: query.pageSize,
        ...(query.pool ? { pool: query.pool } : {}),
        ...(query.continuationToken ? { continuationToken: query.continuationToken } : {}),
      });
      const nextLink = page.continuationToken ? nextLinkOf(request.url, { continuationToken: page.continuationToken }, publicBaseUrl) : undefined;
      return { status: 200, jsonBody: { value: page.records, ...(nextLink ? { nextLink } : {}) }, headers: { 'cache-control': 'no-store' } };
    }),
    [evaluateClusterAutoscale.operationId]: http.handle(evaluateClusterAutoscale, async ({ params, query, authorize, correlationId }) => {
      const clusterId = clusterArmId(params);
      // A dry run changes nothing: reading the policies' verdict is enough. A real evaluation may scale pools.
      if (query.dryRun) await authorize('clusters/autoscalepolicies', 'get', clusterId);
      else await authorize('clusters/nodepools', 'scale', clusterId);
      const value = await evaluateCluster(deps, params, { trigger: 'onDemand', dryRun: query.dryRun, correlationId });
      // Whoever asks for an evaluation wants the cycle: start it now if a policy is on (rather than at the next repair).
      await ensureRunning(deps);
      return { status: 200, jsonBody: { value } };
    }),
  };
}

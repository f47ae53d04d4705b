import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { getClusterHealth, getFleetHealth } from './clusterHealth.api';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import { readClusterHealth } from './readClusterHealth';
import { readFleetHealth } from './readFleetHealth';

export function clusterHealthHttpHandlers(http: HttpPipeline, deps: ClusterHealthDependencies): HttpHandlers {
  return {
    [getClusterHealth.operationId]: http.handle(getClusterHealth, async (call) => ({
      status: 200,
      jsonBody: await readClusterHealth(deps, call, call.params, call.query),
      headers: { 'cache-control': 'no-store' },
    })),
    [getFleetHealth.operationId]: http.handle(getFleetHealth, async (call) => ({
      status: 200,
      jsonBody: await readFleetHealth(deps, call, call.query),
      headers: { 'cache-control': 'no-store' },
    })),
  };
}

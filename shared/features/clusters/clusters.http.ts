import { etagHeader } from '../../platform/http/etags';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { ApiResponse } from '../../platform/http/requestContext';
import type { Settings } from '../../platform/settings/settings';
import type { ClusterDependencies } from './clusterDependencies';
import {
  deleteCluster,
  getCluster,
  getUpgradeProfile,
  listKubernetesVersions,
  patchCluster,
  putCluster,
  startCluster,
  stopCluster,
} from './clusters.api';
import { judgedClusterPatch, judgedClusterSpec, judgedNodePoolPatch, judgedNodePoolPut, writeJudgedBody } from './bodyProblems';
import { deleteCluster as removeCluster } from './deleteCluster';
import { deleteNodePool as removeNodePool } from './deleteNodePool';
import { writeContextOf, type IncomingWrite } from './incomingWrite';
import { catalogueSubscription, listKubernetesVersions as readVersions } from './kubernetesVersions';
import { deleteNodePool, getNodePool, listNodePools, patchNodePool, putNodePool } from './nodePools.api';
import { patchCluster as applyClusterPatch } from './patchCluster';
import { patchNodePool as applyNodePoolPatch } from './patchNodePool';
import { powerCluster } from './powerCluster';
import { putCluster as writeCluster } from './putCluster';
import { putNodePool as writeNodePool } from './putNodePool';
import { getCluster as readCluster, getUpgradeProfile as readUpgradeProfile } from './readCluster';
import { getNodePool as readNodePool, listNodePools as readNodePools } from './readNodePools';

export interface ClusterHttpOptions {
  settings: Settings;
}

/**
 * The cluster, node-pool and Kubernetes-version endpoints: each parses, hands over to one use case, answers. Writes
 * take a body that fails its schema too, so one 400 lists its schema issues with every rule it still breaks.
 */
export function clusterHttpHandlers(http: HttpPipeline, deps: ClusterDependencies, options: ClusterHttpOptions): HttpHandlers {
  const write = (call: IncomingWrite & { audit: { armCorrelationId?: string } }, dryRun?: boolean) => {
    call.audit.armCorrelationId = call.correlationId;
    return writeContextOf(call, { ...(dryRun ? { dryRun } : {}), publicBaseUrl: options.settings.FLEETPLANE_PUBLIC_BASE_URL });
  };
  return {
    [putCluster.operationId]: http.handleCheckedBody(putCluster, async (call) => {
      const { value, schema } = judgedClusterSpec(call.body);
      return asHttpResponse(await writeJudgedBody(schema, () => writeCluster(deps, write({ ...call, body: value }, call.query.dryRun), call.params, value, schema)));
    }),
    [getCluster.operationId]: http.handle(getCluster, async ({ authorize, params }) => {
      const { view, etag } = await readCluster(deps, { authorize }, params);
      return { status: 200, jsonBody: view, headers: etagHeader(etag) };
    }),
    [patchCluster.operationId]: http.handleCheckedBody(patchCluster, async (call) => {
      const { value, schema } = judgedClusterPatch(call.body);
      return asHttpResponse(await writeJudgedBody(schema, () => applyClusterPatch(deps, write({ ...call, body: value }, call.query.dryRun), call.params, value, schema)));
    }),
    [deleteCluster.operationId]: http.handle(deleteCluster, async (call) =>
      asHttpResponse(await removeCluster(deps, write(call), call.params)),
    ),
    [startCluster.operationId]: http.handle(startCluster, async (call) =>
      asHttpResponse(await powerCluster(deps, write(call), call.params, 'start')),
    ),
    [stopCluster.operationId]: http.handle(stopCluster, async (call) =>
      asHttpResponse(await powerCluster(deps, write(call), call.params, 'stop')),
    ),
    [getUpgradeProfile.operationId]: http.handle(getUpgradeProfile, async ({ authorize, params }) => ({
      status: 200,
      jsonBody: await readUpgradeProfile(deps, { authorize }, params),
    })),
    [listNodePools.operationId]: http.handle(listNodePools, async ({ authorize, params }) => ({
      status: 200,
      jsonBody: { value: await readNodePools(deps, { authorize }, params) },
    })),
    [getNodePool.operationId]: http.handle(getNodePool, async ({ authorize, params }) => {
      const { view, etag } = await readNodePool(deps, { authorize }, params);
      return { status: 200, jsonBody: view, headers: etagHeader(etag) };
    }),
    [putNodePool.operationId]: http.handleCheckedBody(putNodePool, async (call) => {
      const { value, schema } = judgedNodePoolPut(call.body);
      return asHttpResponse(await writeJudgedBody(schema, () => writeNodePool(deps, write({ ...call, body: value }, call.query.dryRun), call.params, value, schema)));
    }),
    [patchNodePool.operationId]: http.handleCheckedBody(patchNodePool, async (call) => {
      const { value, schema } = judgedNodePoolPatch(call.body);
      return asHttpResponse(await writeJudgedBody(schema, () => applyNodePoolPatch(deps, write({ ...call, body: value }, call.query.dryRun), call.params, value, schema)));
    }),
    [deleteNodePool.operationId]: http.handle(deleteNodePool, async (call) =>
      asHttpResponse(await removeNodePool(deps, write(call), call.params)),
    ),
    [listKubernetesVersions.operationId]: http.handle(listKubernetesVersions, async ({ authorize, params, query }) => {
      const subscriptionId = catalogueSubscription(options.settings, query.subscriptionId);
      return { status: 200, jsonBody: await readVersions(deps, { authorize }, subscriptionId, params.location) };
    }),
  };
}

/** A use case's answer in the shape Functions handlers return. */
function asHttpResponse(response: ApiResponse): { status: number; headers: Record<string, string>; jsonBody?: unknown } {
  return { status: response.status, headers: response.headers, ...(response.body === undefined ? {} : { jsonBody: response.body }) };
}

import { app } from '@azure/functions';
import { deleteNodePool, getNodePool, listNodePools, patchNodePool, putNodePool } from '../shared/features/clusters/nodePools.api';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { armEtagHeader } from '../shared/platform/http/etags';
import { clusterDependencies } from '../shared/features/clusters/clusterDependencies';
import { deleteNodePool as removeNodePool } from '../shared/features/clusters/deleteNodePool';
import { asHttpResponse, writeContextOf } from '../shared/platform/http/incomingRequest';
import { patchNodePool as applyNodePoolPatch } from '../shared/features/clusters/patchNodePool';
import { putNodePool as writeNodePool } from '../shared/features/clusters/putNodePool';
import { getNodePool as readNodePool, listNodePools as readNodePools } from '../shared/features/clusters/readNodePools';


export const listNodePoolsHandler = handleHttp(listNodePools, async ({ authorize, params }) => ({
  status: 200,
  jsonBody: { value: await readNodePools(clusterDependencies(), { authorize }, params) },
}));

export const getNodePoolHandler = handleHttp(getNodePool, async ({ authorize, params }) => {
  const { view, etag } = await readNodePool(clusterDependencies(), { authorize }, params);
  return { status: 200, jsonBody: view, headers: armEtagHeader(etag) };
});

export const putNodePoolHandler = handleHttp(putNodePool, async (call) => {
  call.audit.armCorrelationId = call.correlationId;
  const context = writeContextOf(call, { dryRun: call.query.dryRun });
  return asHttpResponse(await writeNodePool(clusterDependencies(), context, call.params, call.body));
});

export const patchNodePoolHandler = handleHttp(patchNodePool, async (call) => {
  call.audit.armCorrelationId = call.correlationId;
  const context = writeContextOf(call, { dryRun: call.query.dryRun });
  return asHttpResponse(await applyNodePoolPatch(clusterDependencies(), context, call.params, call.body));
});

export const deleteNodePoolHandler = handleHttp(deleteNodePool, async (call) => {
  call.audit.armCorrelationId = call.correlationId;
  return asHttpResponse(await removeNodePool(clusterDependencies(), writeContextOf(call), call.params));
});

app.http(listNodePools.operationId, { ...httpTriggerOf(listNodePools), handler: listNodePoolsHandler });
app.http(getNodePool.operationId, { ...httpTriggerOf(getNodePool), handler: getNodePoolHandler });
app.http(putNodePool.operationId, { ...httpTriggerOf(putNodePool), handler: putNodePoolHandler });
app.http(patchNodePool.operationId, { ...httpTriggerOf(patchNodePool), handler: patchNodePoolHandler });
app.http(deleteNodePool.operationId, { ...httpTriggerOf(deleteNodePool), handler: deleteNodePoolHandler });

import { app } from '@azure/functions';
import {
  deleteCluster,
  getCluster,
  getUpgradeProfile,
  patchCluster,
  putCluster,
  startCluster,
  stopCluster,
} from '../shared/features/clusters/clusters.api';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { armEtagHeader } from '../shared/platform/http/etags';
import { clusterDependencies } from '../shared/features/clusters/clusterDependencies';
import { deleteCluster as removeCluster } from '../shared/features/clusters/deleteCluster';
import { asHttpResponse, writeContextOf } from '../shared/platform/http/incomingRequest';
import { patchCluster as applyClusterPatch } from '../shared/features/clusters/patchCluster';
import { powerCluster } from '../shared/features/clusters/powerCluster';
import { putCluster as writeCluster } from '../shared/features/clusters/putCluster';
import { getCluster as readCluster, getUpgradeProfile as readUpgradeProfile } from '../shared/features/clusters/readCluster';


export const putClusterHandler = handleHttp(putCluster, async (call) => {
  call.audit.armCorrelationId = call.correlationId;
  const context = writeContextOf(call, { dryRun: call.query.dryRun });
  return asHttpResponse(await writeCluster(clusterDependencies(), context, call.params, call.body));
});

export const getClusterHandler = handleHttp(getCluster, async ({ authorize, params }) => {
  const { view, etag } = await readCluster(clusterDependencies(), { authorize }, params);
  return { status: 200, jsonBody: view, headers: armEtagHeader(etag) };
});

export const patchClusterHandler = handleHttp(patchCluster, async (call) => {
  call.audit.armCorrelationId = call.correlationId;
  const context = writeContextOf(call, { dryRun: call.query.dryRun });
  return asHttpResponse(await applyClusterPatch(clusterDependencies(), context, call.params, call.body));
});

export const deleteClusterHandler = handleHttp(deleteCluster, async (call) => {
  call.audit.armCorrelationId = call.correlationId;
  return asHttpResponse(await removeCluster(clusterDependencies(), writeContextOf(call), call.params));
});

export const startClusterHandler = handleHttp(startCluster, async (call) => {
  call.audit.armCorrelationId = call.correlationId;
  return asHttpResponse(await powerCluster(clusterDependencies(), writeContextOf(call), call.params, 'start'));
});

export const stopClusterHandler = handleHttp(stopCluster, async (call) => {
  call.audit.armCorrelationId = call.correlationId;
  return asHttpResponse(await powerCluster(clusterDependencies(), writeContextOf(call), call.params, 'stop'));
});

export const getUpgradeProfileHandler = handleHttp(getUpgradeProfile, async ({ authorize, params }) => ({
  status: 200,
  jsonBody: await readUpgradeProfile(clusterDependencies(), { authorize }, params),
}));

app.http(putCluster.operationId, { ...httpTriggerOf(putCluster), handler: putClusterHandler });
app.http(getCluster.operationId, { ...httpTriggerOf(getCluster), handler: getClusterHandler });
app.http(patchCluster.operationId, { ...httpTriggerOf(patchCluster), handler: patchClusterHandler });
app.http(deleteCluster.operationId, { ...httpTriggerOf(deleteCluster), handler: deleteClusterHandler });
app.http(startCluster.operationId, { ...httpTriggerOf(startCluster), handler: startClusterHandler });
app.http(stopCluster.operationId, { ...httpTriggerOf(stopCluster), handler: stopClusterHandler });
app.http(getUpgradeProfile.operationId, { ...httpTriggerOf(getUpgradeProfile), handler: getUpgradeProfileHandler });

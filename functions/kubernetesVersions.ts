import { app } from '@azure/functions';
import { listKubernetesVersions } from '../shared/features/clusters/clusters.api';
import { services } from '../shared/app';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { clusterDependencies } from '../shared/features/clusters/clusterDependencies';
import { catalogueSubscription, listKubernetesVersions as readVersions } from '../shared/features/clusters/kubernetesVersions';

export const listKubernetesVersionsHandler = handleHttp(listKubernetesVersions, async ({ authorize, params, query }) => {
  const subscriptionId = catalogueSubscription(services().settings, query.subscriptionId);
  return { status: 200, jsonBody: await readVersions(clusterDependencies(), { authorize }, subscriptionId, params.location) };
});

app.http(listKubernetesVersions.operationId, { ...httpTriggerOf(listKubernetesVersions), handler: listKubernetesVersionsHandler });

import { app } from '@azure/functions';
import { listKubernetesVersions } from '../shared/api/clustersApi';
import { services } from '../shared/composition';
import { handleHttp, httpTriggerOf } from '../shared/http/handleHttp';
import { clusterDependencies } from '../shared/services/clusters/clusterDependencies';
import { catalogueSubscription, listKubernetesVersions as readVersions } from '../shared/services/clusters/kubernetesVersions';

export const listKubernetesVersionsHandler = handleHttp(listKubernetesVersions, async ({ authorize, params, query }) => {
  const subscriptionId = catalogueSubscription(services().settings, query.subscriptionId);
  return { status: 200, jsonBody: await readVersions(clusterDependencies(), { authorize }, subscriptionId, params.location) };
});

app.http(listKubernetesVersions.operationId, { ...httpTriggerOf(listKubernetesVersions), handler: listKubernetesVersionsHandler });

import { ArmError } from '../errors';
import type { EmulatorControls } from '../controls';
import type { RequestContext, Router } from '../http/router';
import { asObject, asString } from '../services/requestShapes';
import { clusterSupportEvent } from './aksEvents';
import { readSubscriptionInput } from './webhookSubscriptions';

/**
 * `/_emulator/webhooks[...]`: Event Grid subscriptions and action-group webhooks; `/_emulator/alerts`: fire or
 * resolve a common-schema alert; `…/clusters/{sub}/{rg}/{name}/support`: AKS's support ending/ended events.
 */
export function addWebhookAdminRoutes(router: Router<EmulatorControls>): void {
  const param = (r: RequestContext, key: string) => r.params[key] ?? '';
  router.add('GET', '/_emulator/webhooks', 'admin.webhooks', (_r, c) => ({ status: 200, body: { value: c.webhooks.list() } }));
  router.add('PUT', '/_emulator/webhooks/{id}', 'admin.webhooks.set', async (r, c) => ({
    status: 200,
    body: await c.webhooks.configure(param(r, 'id'), readSubscriptionInput(asObject(r.body))),
  }));
  router.add('DELETE', '/_emulator/webhooks/{id}', 'admin.webhooks.delete', (r, c) => {
    c.webhooks.remove(param(r, 'id'));
    return { status: 204 };
  });
  router.add('GET', '/_emulator/webhooks/{id}/validate', 'admin.webhooks.validate', (r, c) => ({
    status: 200,
    body: c.webhooks.validateManually(param(r, 'id'), r.query.get('validationCode') ?? ''),
  }));
  router.add('GET', '/_emulator/webhooks/deliveries', 'admin.webhooks.deliveries', async (r, c) => {
    if (r.query.get('wait') === 'true') await c.webhooks.idle();
    return { status: 200, body: { value: c.webhooks.deliveries() } };
  });
  router.add('POST', '/_emulator/alerts', 'admin.alerts', (r, c) => {
    const body = asObject(r.body);
    const condition = body['monitorCondition'] ?? 'Fired';
    if (condition !== 'Fired' && condition !== 'Resolved') throw new ArmError(400, 'InvalidRequestContent', "monitorCondition must be 'Fired' or 'Resolved'.");
    const signal = body['signalType'] ?? 'Metric';
    if (signal !== 'Metric' && signal !== 'Log') throw new ArmError(400, 'InvalidRequestContent', "signalType must be 'Metric' or 'Log'.");
    const cluster = c.cluster(required(asString(body['subscriptionId']), 'subscriptionId'), required(asString(body['resourceGroup']), 'resourceGroup'), required(asString(body['clusterName']), 'clusterName'));
    const severity = asString(body['severity']);
    return {
      status: 202,
      body: c.webhooks.alert({ cluster, alertRule: required(asString(body['alertRule']), 'alertRule'), monitorCondition: condition, signalType: signal, ...(severity ? { severity } : {}) }),
    };
  });
  router.add('POST', '/_emulator/clusters/{sub}/{rg}/{name}/support', 'admin.clusters.support', (r, c) => {
    const cluster = c.cluster(param(r, 'sub'), param(r, 'rg'), param(r, 'name'));
    const ended = asObject(r.body)['ended'] === true;
    c.raiseAksEvent(clusterSupportEvent(cluster, ended, c.now()));
    return { status: 202, body: { type: ended ? 'ClusterSupportEnded' : 'ClusterSupportEnding', kubernetesVersion: cluster.currentKubernetesVersion } };
  });
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new ArmError(400, 'InvalidRequestContent', `The field '${name}' is required.`);
  return value;
}

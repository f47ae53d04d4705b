import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../../fixtures');

export const FLEET_SUB = '00000000-0000-0000-0000-000000000000';
export const OTHER_SUB = '11111111-2222-3333-4444-555555555555';

/** A published example with its placeholders filled in. */
export function fixture(relativePath: string, place: { subscriptionId?: string; resourceGroup?: string; cluster?: string } = {}): any {
  const text = readFileSync(path.join(FIXTURES, relativePath), 'utf8')
    .replaceAll('{subscription-id}', place.subscriptionId ?? FLEET_SUB)
    .replaceAll('<subscription ID>', place.subscriptionId ?? FLEET_SUB)
    .replaceAll('{resource-group}', place.resourceGroup ?? 'rg1')
    .replaceAll('<resource-group>', place.resourceGroup ?? 'rg1')
    .replaceAll('{cluster}', place.cluster ?? 'c1');
  return JSON.parse(text);
}

export const EVENT_GRID_FIXTURES = {
  newKubernetesVersionAvailable: 'eventgrid/event-grid-schema/new_kubernetes_version_available.json',
  clusterSupportEnding: 'eventgrid/event-grid-schema/cluster_support_ending.json',
  clusterSupportEnded: 'eventgrid/event-grid-schema/cluster_support_ended.json',
  nodePoolRollingStarted: 'eventgrid/event-grid-schema/node_pool_rolling_started.json',
  nodePoolRollingSucceeded: 'eventgrid/event-grid-schema/node_pool_rolling_succeeded.json',
  nodePoolRollingFailed: 'eventgrid/event-grid-schema/node_pool_rolling_failed.json',
} as const;

export const CLOUD_EVENT_FIXTURE = 'eventgrid/cloud-events-schema/new_kubernetes_version_available.json';
export const METRIC_ALERT_FIXTURE = 'monitor-alerts/common-alert-schema-metric.json';
export const LOG_ALERT_CONTEXT_FIXTURE = 'monitor-alerts/log-search-alert-v2-alertcontext.json';

export const clusterId = (name = 'c1', subscriptionId = FLEET_SUB, resourceGroup = 'rg1') =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`;

export function validationEvent(topic: string, code = 'A1B2C3', url = 'https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/s/validate?id=1&t=2') {
  return {
    id: '2d1781af-3a4c-4d7c-bd0c-e34b19da4e66',
    topic,
    subject: '',
    data: { validationCode: code, validationUrl: url },
    eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
    eventTime: '2026-12-06T18:00:00.0000000Z',
    metadataVersion: '1',
    dataVersion: '1',
  };
}

/** The metric alert example, its target replaced by the given resources (lower-cased as Azure Monitor sends them). */
export function alertOn(targets: string[], monitorCondition: 'Fired' | 'Resolved' = 'Fired'): any {
  const alert = fixture(METRIC_ALERT_FIXTURE);
  alert.data.essentials.alertTargetIDs = targets.map((target) => target.toLowerCase());
  alert.data.essentials.monitorCondition = monitorCondition;
  return alert;
}

import { describe, expect, it } from 'vitest';
import {
  actionsForAlert,
  actionsForEvent,
  commonAlertSchema,
  eventGridDeliverySchema,
  readCommonAlert,
  readEventGridDelivery,
  type InboundEvent,
} from '../../../shared/domain/webhookEvents';
import { alertOn, clusterId, CLOUD_EVENT_FIXTURE, EVENT_GRID_FIXTURES, fixture, LOG_ALERT_CONTEXT_FIXTURE, METRIC_ALERT_FIXTURE } from './fixtures';

function eventOf(path: string, place: Parameters<typeof fixture>[1] = {}): InboundEvent {
  const published = fixture(path, place);
  const delivery = readEventGridDelivery(eventGridDeliverySchema.parse(Array.isArray(published) ? published : published.eventType ? [published] : published), published.eventType ? 'application/json' : 'application/cloudevents+json');
  if (delivery.kind !== 'events') throw new Error('not events');
  return delivery.events[0]!;
}

const C1 = clusterId('c1');
const refresh = { kind: 'refreshCluster', clusterResourceId: C1 };
const EVENT_ID = '1234567890abcdef1234567890abcdef12345678';

describe('what each AKS event asks for (every published example)', () => {
  it.each([
    ['NewKubernetesVersionAvailable', EVENT_GRID_FIXTURES.newKubernetesVersionAvailable, [{ kind: 'refreshVersionCatalogues' }, refresh]],
    ['NewKubernetesVersionAvailable as a CloudEvent', CLOUD_EVENT_FIXTURE, [{ kind: 'refreshVersionCatalogues' }, refresh]],
    [
      'ClusterSupportEnding',
      EVENT_GRID_FIXTURES.clusterSupportEnding,
      [refresh, { kind: 'emitSupportEnding', clusterResourceId: C1, kubernetesVersion: '1.24.10', supportEnded: false, eventId: EVENT_ID }],
    ],
    [
      'ClusterSupportEnded',
      EVENT_GRID_FIXTURES.clusterSupportEnded,
      [refresh, { kind: 'emitSupportEnding', clusterResourceId: C1, kubernetesVersion: '1.23.15', supportEnded: true, eventId: EVENT_ID }],
    ],
    ...(['Started', 'Succeeded', 'Failed'] as const).map((status) => [
      `NodePoolRolling${status}`,
      EVENT_GRID_FIXTURES[`nodePoolRolling${status}`],
      [refresh, { kind: 'nodePoolRolling', clusterResourceId: C1, nodePool: 'nodepool1', status, eventId: EVENT_ID, time: '2023-03-29T18:00:00.0000000Z' }],
    ]),
  ] as [string, string, unknown[]][])('%s', (_name, path, expected) => {
    expect(actionsForEvent(eventOf(path))).toEqual(expected);
  });

  it('names the cluster by its canonical id whatever the topic casing', () => {
    const event = eventOf(EVENT_GRID_FIXTURES.nodePoolRollingStarted);
    const shouted = { ...event, source: event.source.replace('resourceGroups', 'RESOURCEGROUPS').replace('managedClusters', 'managedclusters') };
    expect(actionsForEvent(shouted)[0]).toEqual(refresh);
  });

  it('refreshes the cluster for any other Microsoft.ContainerService event', () => {
    expect(actionsForEvent({ ...eventOf(EVENT_GRID_FIXTURES.nodePoolRollingStarted), type: 'Microsoft.ContainerService.SomethingNew', data: {} })).toEqual([refresh]);
  });

  it.each([
    ['another provider', { type: 'Microsoft.Storage.BlobCreated' }],
    ['a topic that is not a managed cluster', { source: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1' }],
    ['an agent pool as topic', { source: `${C1}/agentPools/np1` }],
    ['no topic', { source: '' }],
  ])('asks nothing of %s', (_name, change) => {
    expect(actionsForEvent({ ...eventOf(EVENT_GRID_FIXTURES.nodePoolRollingStarted), ...change })).toEqual([]);
  });

  it('a rolling event without a pool name only refreshes the cluster', () => {
    expect(actionsForEvent({ ...eventOf(EVENT_GRID_FIXTURES.nodePoolRollingFailed), data: {} })).toEqual([refresh]);
  });
});

describe('what an alert asks for', () => {
  it('reads the published metric alert (a VM target: no cluster) and asks nothing', () => {
    const alert = readCommonAlert(commonAlertSchema.parse(fixture(METRIC_ALERT_FIXTURE)));
    expect(alert).toMatchObject({ monitorCondition: 'Resolved', severity: 'Sev3', clusterResourceIds: [] });
    expect(actionsForAlert(alert, [])).toEqual([]);
  });

  it('takes a log search alert context (v2) as published', () => {
    const body = alertOn([C1]);
    body.data.alertContext = fixture(LOG_ALERT_CONTEXT_FIXTURE).alertContext;
    expect(commonAlertSchema.safeParse(body).success).toBe(true);
  });

  it('acts on registered clusters only: an evaluation and the health gate each', () => {
    const alert = readCommonAlert(commonAlertSchema.parse(alertOn([C1, clusterId('c2'), `${C1}/agentpools/np1`], 'Fired')));
    expect(alert.clusterResourceIds).toEqual([C1, clusterId('c2')]);
    expect(actionsForAlert(alert, [clusterId('c2').toUpperCase()])).toEqual([
      { kind: 'requestEvaluation', clusterResourceId: clusterId('c2'), reason: 'alert WCUS-R2-Gen2 Fired (Sev3)' },
      {
        kind: 'alertHealthGate',
        clusterResourceId: clusterId('c2'),
        alertId: alert.alertId,
        alertRule: 'WCUS-R2-Gen2',
        monitorCondition: 'Fired',
        severity: 'Sev3',
        firedAt: '2019-03-22T13:58:24.3713213Z',
      },
    ]);
    expect(actionsForAlert(alert, [])).toEqual([]);
  });

  it.each([
    ['another schema', (a: any) => ({ ...a, schemaId: 'Microsoft.Insights/activityLogs' })],
    ['an unknown condition', (a: any) => ({ ...a, data: { ...a.data, essentials: { ...a.data.essentials, monitorCondition: 'Acknowledged' } } })],
    ['101 targets', (a: any) => ({ ...a, data: { ...a.data, essentials: { ...a.data.essentials, alertTargetIDs: Array.from({ length: 101 }, () => C1) } } })],
  ])('refuses %s', (_name, change) => {
    expect(commonAlertSchema.safeParse(change(alertOn([C1]))).success).toBe(false);
  });
});

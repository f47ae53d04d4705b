import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/domain/access/caller';
import { webhookDeliveryDecision } from '../../../shared/domain/access/webhookSender';
import {
  alertDedupeKey,
  answerAbuseProtection,
  eventDedupeKey,
  isInFleetSubscriptions,
  parseManagedClusterId,
  type InboundEvent,
} from '../../../shared/domain/webhookEvents';
import { clusterId, FLEET_SUB, OTHER_SUB } from './fixtures';

const event = (change: Partial<InboundEvent> = {}): InboundEvent => ({ format: 'EventGrid', id: 'e1', source: clusterId(), type: 't', data: {}, ...change });

describe('dedupe keys', () => {
  it.each([
    ['the same Event Grid id, another topic (retried delivery)', event(), event({ source: clusterId('c2') }), true],
    ['two Event Grid ids', event(), event({ id: 'e2' }), false],
    ['the same CloudEvents id and source, source cased differently', event({ format: 'CloudEvents' }), event({ format: 'CloudEvents', source: clusterId().toUpperCase() }), true],
    ['the same CloudEvents id from two sources', event({ format: 'CloudEvents' }), event({ format: 'CloudEvents', source: clusterId('c2') }), false],
    ['one id as Event Grid and as CloudEvents', event(), event({ format: 'CloudEvents' }), false],
  ])('%s → same key: %s', (_name, a, b, same) => {
    expect(eventDedupeKey(a) === eventDedupeKey(b)).toBe(same);
  });

  it('an alert is one fact per instance and condition', () => {
    const alertId = `/subscriptions/${FLEET_SUB}/providers/Microsoft.AlertsManagement/alerts/a1`;
    expect(alertDedupeKey({ alertId, monitorCondition: 'Fired' })).toBe(alertDedupeKey({ alertId: alertId.toLowerCase(), monitorCondition: 'Fired' }));
    expect(alertDedupeKey({ alertId, monitorCondition: 'Fired' })).not.toBe(alertDedupeKey({ alertId, monitorCondition: 'Resolved' }));
  });
});

describe('the CloudEvents abuse-protection answer (W2)', () => {
  it.each([
    ['eventgrid.azure.net', null, { 'webhook-allowed-origin': 'eventgrid.azure.net', allow: 'POST, OPTIONS' }],
    ['EventGrid.Azure.Net', '120', { 'webhook-allowed-origin': 'eventgrid.azure.net', allow: 'POST, OPTIONS', 'webhook-allowed-rate': '120' }],
    ['eventgrid.azure.net', '100000', { 'webhook-allowed-origin': 'eventgrid.azure.net', allow: 'POST, OPTIONS', 'webhook-allowed-rate': '600' }],
    ['eventgrid.azure.net', '*', { 'webhook-allowed-origin': 'eventgrid.azure.net', allow: 'POST, OPTIONS', 'webhook-allowed-rate': '600' }],
  ])('grants %s (rate %s)', (origin, rate, headers) => {
    expect(answerAbuseProtection(origin, rate)).toEqual({ allowed: true, headers });
  });

  it.each([['evil.example'], [''], [null], ['eventgrid.azure.net.evil.example']])('refuses origin %s', (origin) => {
    expect(answerAbuseProtection(origin, null)).toMatchObject({ allowed: false });
  });
});

describe('who may deliver', () => {
  const caller = (change: Partial<Caller>): Caller => ({ tenantId: 't', objectId: 'o', kind: 'servicePrincipal', appRoles: [], groups: [], groupsOverage: false, ...change });
  it.each([
    ['a service principal with Fleet.Webhook', caller({ appRoles: ['Fleet.Webhook'] }), true],
    ['a user with Fleet.Webhook', caller({ kind: 'user', appRoles: ['Fleet.Webhook'] }), false],
    ['a service principal that is a Fleet Owner', caller({ appRoles: ['Fleet.Owner'] }), false],
    ['a service principal without roles', caller({}), false],
  ])('%s → %s', (_name, who, allowed) => {
    const decision = webhookDeliveryDecision(who);
    expect(decision.allowed).toBe(allowed);
    if (!allowed) expect(decision.code).toBe('missing_app_role');
  });
});

describe('managed cluster ids and fleet subscriptions', () => {
  it.each([
    [clusterId('c1'), clusterId('c1')],
    [clusterId('c1').toLowerCase(), clusterId('c1')],
    [`${clusterId('c1')}/`, clusterId('c1')],
    [`${clusterId('c1')}/agentPools/np1`, undefined],
    [clusterId('-bad'), undefined],
    [clusterId('c'.repeat(64)), undefined],
    ['/subscriptions/not-a-guid/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1', undefined],
    ['subscriptions/x', undefined],
  ])('%s → %s', (id, expected) => {
    expect(parseManagedClusterId(id)?.resourceId).toBe(expected);
  });

  it('keeps the resource group and name as given, the subscription lower-cased', () => {
    expect(parseManagedClusterId(clusterId('C1', FLEET_SUB.toUpperCase(), 'RG-One'))).toMatchObject({ subscriptionId: FLEET_SUB, resourceGroup: 'RG-One', name: 'C1' });
  });

  it.each([
    [clusterId(), true],
    [clusterId('c1', OTHER_SUB), false],
    [`/subscriptions/${FLEET_SUB.toUpperCase()}/resourceGroups/x`, true],
    ['/providers/Microsoft.EventGrid/topics/x', false],
  ])('%s in the fleet: %s', (path, inFleet) => {
    expect(isInFleetSubscriptions(path, [FLEET_SUB])).toBe(inFleet);
  });
});

import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { OutboxEventRecord } from '../../../shared/features/webhooks/outboxEvent';
import { signDelivery } from '../../../shared/features/webhooks/signedDelivery';
import { newSigningSecret } from '../../../shared/features/webhooks/signingSecrets';

const EVENT: OutboxEventRecord = {
  id: '3f2b8c1e-0000-4000-8000-000000000001',
  type: 'fleetplane.cluster.deleted',
  subject: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c',
  time: '2026-05-01T10:00:00.000Z',
  data: { clusterId: 'c' },
  orderingKey: 'c',
  sequence: 7,
  deliveriesPlanned: true,
};

describe('O1: our signatures against the standardwebhooks library', () => {
  const secret = newSigningSecret();

  it('a secret is whsec_ and base64 of 32 random bytes', () => {
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });

  it('verifies; a tampered body, a stale timestamp or another secret fail', () => {
    const signed = signDelivery(EVENT, { source: 'urn:fleetplane', secrets: [secret], now: new Date() });
    expect(new Webhook(secret).verify(signed.body, signed.headers)).toMatchObject({ id: EVENT.id, sequence: '0000000000000007' });
    expect(() => new Webhook(secret).verify(signed.body.replace('"c"}', '"d"}'), signed.headers)).toThrow('No matching signature found');
    const stale = signDelivery(EVENT, { source: 'urn:fleetplane', secrets: [secret], now: new Date(Date.now() - 10 * 60_000) });
    expect(() => new Webhook(secret).verify(stale.body, stale.headers)).toThrow('Message timestamp too old');
    expect(() => new Webhook(newSigningSecret()).verify(signed.body, signed.headers)).toThrow('No matching signature found');
  });

  it('signs with every active secret, space-separated', () => {
    const other = newSigningSecret();
    const signed = signDelivery(EVENT, { source: 'urn:fleetplane', secrets: [secret, other], now: new Date() });
    expect(signed.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    for (const key of [secret, other]) expect(new Webhook(key).verify(signed.body, signed.headers)).toMatchObject({ id: EVENT.id });
  });
});

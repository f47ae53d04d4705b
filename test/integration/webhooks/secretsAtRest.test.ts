import { describe, expect, it } from 'vitest';
import { rotateSecrets } from '../../../shared/features/webhooks/signingSecrets';
import { SubscriptionStore } from '../../../shared/features/webhooks/subscriptionStore';
import { subscriptionRecordSchema, type SubscriptionRecord } from '../../../shared/features/webhooks/webhookSubscription';
import { SecretEnvelopeError, SecretKeyRing } from '../../../shared/platform/secrets/secretEnvelope';
import { TableRepository } from '../../../shared/platform/storage/tableRepository';
import { randomSecretKey } from '../../support/secretKeys';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const secret = (n: number) => `whsec_${Buffer.alloc(32, n).toString('base64')}`;

function subscription(id: string, secrets: SubscriptionRecord['secrets']): SubscriptionRecord {
  return {
    id,
    url: 'https://receiver.example/hook',
    eventTypes: ['fleetplane.cluster.created'],
    scope: 'tenant',
    enabled: true,
    owner: { tenantId: 't', objectId: 'o', kind: 'user', appRoles: [], groups: [], groupsOverage: false },
    secrets,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

/** Signing secrets at rest over Azurite: sealed rows, key rotation, rows from before encryption. */
describe('webhook signing secrets at rest (Azurite)', () => {
  const k1 = randomSecretKey('k1');
  const k2 = randomSecretKey('k2');

  function table() {
    return testStorage().tableClient(`${uniqueTablePrefix()}subs`);
  }

  async function rawRows(client: ReturnType<typeof table>): Promise<string[]> {
    const rows: string[] = [];
    for await (const entity of client.listEntities()) rows.push(JSON.stringify(entity));
    return rows;
  }

  it('stores no secret in clear, current or previous; reads them back', async () => {
    const client = table();
    const store = new SubscriptionStore(client, new SecretKeyRing(k1));
    const created = subscription('s1', [{ secret: secret(1), createdAt: NOW.toISOString() }]);
    await store.create(created);
    const found = (await store.get('s1'))!;
    const rotated = { ...found.value, secrets: rotateSecrets(found.value, secret(2), NOW, 3_600_000) };
    const written = await store.replace(rotated, found.etag);
    expect(written.value.secrets.map((s) => s.secret)).toEqual([secret(2), secret(1)]);

    const raw = await rawRows(client);
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain('whsec_');
    expect(raw[0]).not.toContain(Buffer.alloc(32, 1).toString('base64'));
    expect(raw[0]).toContain('fpenc:v1:k1:');
    expect((await store.get('s1'))!.value.secrets.map((s) => s.secret)).toEqual([secret(2), secret(1)]);
    expect((await store.all()).map((row) => row.value.secrets[0]!.secret)).toEqual([secret(2)]);
    const updated = await store.update('s1', (current) => ({ ...current, enabled: false }));
    expect(updated.value.secrets[0]!.secret).toBe(secret(2));
    expect(await rawRows(client)).not.toContainEqual(expect.stringContaining('whsec_'));
  });

  it('after the key rotates, rows sealed with the old key read, re-sealing moves them to the new key, then the old key can go', async () => {
    const client = table();
    await new SubscriptionStore(client, new SecretKeyRing(k1)).create(subscription('s1', [{ secret: secret(3), createdAt: NOW.toISOString() }]));
    const rotated = new SubscriptionStore(client, new SecretKeyRing(k2, [k1]));
    expect((await rotated.get('s1'))!.value.secrets[0]!.secret).toBe(secret(3));
    const keyRemovedTooEarly = new SubscriptionStore(client, new SecretKeyRing(k2));
    await expect(keyRemovedTooEarly.get('s1')).rejects.toThrow(SecretEnvelopeError);
    // Listing (what every emit matches against) still works: that subscription is listed without its secrets.
    expect((await keyRemovedTooEarly.all()).map((row) => [row.value.id, row.value.secrets])).toEqual([['s1', []]]);

    expect(await rotated.resealStale()).toBe(1);
    expect(await rotated.resealStale()).toBe(0);
    const raw = (await rawRows(client))[0]!;
    expect(raw).toContain('fpenc:v1:k2:');
    expect(raw).not.toContain('fpenc:v1:k1:');
    expect((await new SubscriptionStore(client, new SecretKeyRing(k2)).get('s1'))!.value.secrets[0]!.secret).toBe(secret(3));
  });

  it('reads rows written in clear before encryption, and re-sealing encrypts them', async () => {
    const client = table();
    await client.createTable().catch(() => undefined);
    const legacy = new TableRepository(client, { entityName: 'Webhook subscription', schema: subscriptionRecordSchema });
    await legacy.create('subscription', 'old', subscription('old', [{ secret: secret(4), createdAt: NOW.toISOString() }]));
    const store = new SubscriptionStore(client, new SecretKeyRing(k1));
    expect((await store.get('old'))!.value.secrets[0]!.secret).toBe(secret(4));

    expect(await store.resealStale()).toBe(1);
    expect((await rawRows(client))[0]).not.toContain('whsec_');
    expect((await store.get('old'))!.value.secrets[0]!.secret).toBe(secret(4));
  });

  it('a sealed secret copied onto another subscription row does not open there', async () => {
    const client = table();
    const store = new SubscriptionStore(client, new SecretKeyRing(k1));
    await store.create(subscription('a', [{ secret: secret(5), createdAt: NOW.toISOString() }]));
    const raw = new TableRepository(client, { entityName: 'Webhook subscription', schema: subscriptionRecordSchema });
    const sealedOfA = (await raw.get('subscription', 'a'))!.value.secrets;
    await raw.create('subscription', 'b', { ...subscription('b', sealedOfA) });
    await expect(store.get('b')).rejects.toThrow(SecretEnvelopeError);
  });
});

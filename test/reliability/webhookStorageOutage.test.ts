import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevIssuer, webhookSenderToken, type RunningDevIssuer } from '../../local/dev-issuer';
import { buildFleetplane, type Fleetplane } from '../../shared/app';
import { DependencyUnavailableError } from '../../shared/domain/errors';
import { acceptInbound } from '../../shared/features/webhookEvents/acceptInbound';
import { InboundEventStore } from '../../shared/features/webhookEvents/inboundEventStore';
import type { InboundMessage } from '../../shared/features/webhookEvents/inboundQueue';
import { parseSettings } from '../../shared/platform/settings/settings';
import { StorageAccount } from '../../shared/platform/storage/storageAccount';
import { uniqueTablePrefix } from '../support/storage';
import { fixture } from '../unit/webhookEvents/fixtures';
import { startPrivateAzurite, type PrivateAzurite } from './support/privateAzurite';

const AUDIENCE = 'api://fleetplane-webhook-outage';
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1';

/**
 * §5.8 W5: an event Fleetplane cannot store must be answered 503 + Retry-After (Event Grid retries 5xx, and
 * drops or dead-letters 400/401/403/413), never a 400 or a 200 that loses it. Once storage is back, the retried
 * delivery is taken exactly once.
 */
describe('inbound webhooks while storage is down (W5)', () => {
  let azurite: PrivateAzurite;
  let issuer: RunningDevIssuer;
  let fleetplane: Fleetplane;
  let storage: StorageAccount;
  let sender: string;
  const tablePrefix = uniqueTablePrefix();

  beforeAll(async () => {
    [azurite, issuer] = await Promise.all([startPrivateAzurite(), startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) })]);
    const settings = parseSettings({
      AzureWebJobsStorage: azurite.connectionString,
      FLEETPLANE_MODE: 'local',
      FLEETPLANE_TABLE_PREFIX: tablePrefix,
      FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
      FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
      FLEETPLANE_SUBSCRIPTION_IDS: '00000000-0000-0000-0000-000000000000',
      FLEETPLANE_WEBHOOKS_INBOUND_QUEUE: `${tablePrefix.toLowerCase()}-inbound`,
    });
    fleetplane = buildFleetplane(settings);
    storage = new StorageAccount(settings);
    sender = await webhookSenderToken(issuer, AUDIENCE);
  }, 60_000);
  afterAll(async () => {
    await issuer?.close();
    await azurite?.dispose();
  });

  async function deliver(body: unknown): Promise<HttpResponseInit> {
    const request = new HttpRequest({
      method: 'POST',
      url: 'http://127.0.0.1:7071/api/webhooks/eventgrid',
      headers: { authorization: `Bearer ${sender}`, 'content-type': 'application/json' },
      body: { string: JSON.stringify(body) },
    });
    return await fleetplane.webhookEvents.http.receiveEventGridEvents!(request, new InvocationContext());
  }

  const event = fixture('eventgrid/event-grid-schema/node_pool_rolling_succeeded.json');

  it('answers 503 + Retry-After while storage is down, then takes the retried delivery once', async () => {
    await azurite.stop();
    let down: HttpResponseInit;
    try {
      down = await deliver([event]);
    } finally {
      await azurite.start();
    }
    expect(down.status).toBe(503);
    expect(Number((down.headers as Record<string, string>)['retry-after'])).toBeGreaterThan(0);
    expect(down.jsonBody).toMatchObject({ status: 503, dependency: 'storage' });

    const retried = await deliver([event]);
    expect([retried.status, retried.jsonBody]).toEqual([200, { accepted: 1, duplicates: 0, ignored: 0 }]);
    expect((await deliver([event])).jsonBody).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
  });

  it('the store-and-queue step itself fails as "storage unavailable" (→ 503), not as a bad request', async () => {
    const intake = {
      store: new InboundEventStore(storage.tableClient(`${tablePrefix}direct`)),
      queue: storage.queue<InboundMessage>(`${tablePrefix.toLowerCase()}-direct`),
      now: () => new Date(),
    };
    await azurite.stop();
    try {
      await expect(
        acceptInbound(intake, { dedupeKey: 'eventgrid|w5', kind: 'event', type: 'Microsoft.ContainerService.NodePoolRollingSucceeded', subject: CLUSTER, actions: [{ kind: 'refreshCluster', clusterResourceId: CLUSTER }] }),
      ).rejects.toBeInstanceOf(DependencyUnavailableError);
    } finally {
      await azurite.start();
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { buildFleetplane, type Fleetplane } from '../../shared/app';
import { basicCluster, clusterPath, raw, startTestEmulator, SUB, withApi } from '../emulator/harness';
import { testSettings } from '../support/storage';

const AUDIENCE = 'api://fleetplane-read-budget';
/** ARM's read bucket, shrunk so the test is fast: 40 tokens, 1 back per second (the real one is 250 and 25/s). */
const ARM_READS = { bucket: 40, refillPerSecond: 1 };

describe('ARM read budget: one caller hammering cluster GETs is refused by Fleetplane before ARM throttles, and timers still read', () => {
  let issuer: RunningDevIssuer;
  let emulator: RunningAksEmulator;
  let fleetplane: Fleetplane;
  let hammering: string;
  let other: string;

  beforeAll(async () => {
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    emulator = await startTestEmulator({ speed: 0 });
    expect((await raw(emulator, 'PUT', withApi(clusterPath('rg-budget', 'busy')), basicCluster())).status).toBe(201);
    emulator.advanceClock(3_600);
    emulator.setThrottling({ enabled: true, reads: ARM_READS });
    fleetplane = buildFleetplane(
      testSettings({
        FLEETPLANE_MODE: 'local',
        FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
        FLEETPLANE_ARM_CREDENTIAL: 'emulator',
        AZURE_SUBSCRIPTION_ID: SUB,
        FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
        FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
        FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
        // This instance's split of the same bucket: 10 kept for system work, 30 for callers, 15 for any one caller.
        FLEETPLANE_ARM_READ_BUCKET: String(ARM_READS.bucket),
        FLEETPLANE_ARM_READS_PER_SECOND: String(ARM_READS.refillPerSecond),
        FLEETPLANE_ARM_SYSTEM_READ_SHARE: '0.25',
        FLEETPLANE_ARM_CALLER_READ_SHARE: '0.5',
      }),
      { arm: { maxRetries: 0 } },
    );
    [hammering, other] = await Promise.all([
      issuer.signToken({ audience: AUDIENCE, role: 'Reader', oid: '0b000000-0000-4000-8000-000000000001' }),
      issuer.signToken({ audience: AUDIENCE, role: 'Reader', oid: '0b000000-0000-4000-8000-000000000002' }),
    ]);
  });
  afterAll(async () => {
    await emulator?.close();
    await issuer?.close();
  });

  async function getCluster(bearer: string): Promise<HttpResponseInit & { headers: Record<string, string> }> {
    const request = new HttpRequest({
      method: 'GET',
      url: `http://127.0.0.1:7071/api/subscriptions/${SUB}/resourceGroups/rg-budget/clusters/busy`,
      headers: { authorization: `Bearer ${bearer}` },
      params: { subscriptionId: SUB, resourceGroup: 'rg-budget', clusterName: 'busy' },
    });
    return (await fleetplane.clusters.http.getCluster!(request, new InvocationContext())) as HttpResponseInit & { headers: Record<string, string> };
  }

  it('refuses the hammering caller with 429 + Retry-After once its share is spent; ARM itself never throttles', async () => {
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await getCluster(hammering));
    const served = answers.filter((answer) => answer.status === 200).length;
    const refused = answers.filter((answer) => answer.status === 429);

    expect(served).toBeGreaterThanOrEqual(10);
    expect(served).toBeLessThanOrEqual(16);
    expect(refused.length).toBe(40 - served);
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.jsonBody).toMatchObject({ status: 429, code: 'ArmReadBudgetExceeded' });
    expect(emulator.counters()['managedClusters.get']).toBe(served);
    expect(emulator.counters()['arm.throttled']).toBeUndefined();
  });

  it('still serves another caller from the callers’ part', async () => {
    expect((await getCluster(other)).status).toBe(200);
  });

  it('lets the inventory timer’s ARM reads through on the system reserve', async () => {
    const lines: Record<string, unknown>[] = [];
    const context = new InvocationContext({ logHandler: (_level, ...args) => lines.push(args[0] as Record<string, unknown>) });
    const listsBefore = emulator.counters()['managedClusters.list'] ?? 0;

    await fleetplane.inventory.runSync(context);

    expect(emulator.counters()['managedClusters.list']).toBe(listsBefore + 1);
    expect(lines).toContainEqual(expect.objectContaining({ message: 'Inventory synced', status: 'succeeded' }));
    expect(emulator.counters()['arm.throttled']).toBeUndefined();
  });
});

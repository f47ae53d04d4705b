import { callUpdateRunsApi } from './support/inProcessApi';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvocationContext } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { startDevIssuer, type RunningDevIssuer } from '../../../local/dev-issuer';
import { buildFleetplane, type Fleetplane } from '../../../shared/app';
import { basicCluster, clusterPath, raw, startTestEmulator, SUB, withApi } from '../../emulator/harness';
import { testSettings, uniqueTablePrefix } from '../../support/storage';

const AUDIENCE = 'api://fleetplane-run-preflight';
const RG = 'rg-preflight';
const NAMES = ['pf-1', 'pf-2', 'pf-3', 'pf-4', 'pf-5', 'pf-6'];
const idOf = (name: string) => clusterPath(RG, name);
const context = () => new InvocationContext({ functionName: 'updateRunsAdvance' });

/**
 * The update-run preflight as queued system work, in process (no host): the API over HTTP handlers with a dev-issuer
 * token, the messages read from the Azurite queue and handed to the engine's queue handler one by one, so that
 * duplicates, a start during planning and a lost message are exact. The caller's ARM read burst is 4 reads; six
 * members need 12 per preflight.
 */
describe('update-run preflights on the update-runs queue (Azurite + emulator, messages handled in process)', () => {
  let emulator: RunningAksEmulator;
  let issuer: RunningDevIssuer;
  let app: Fleetplane;
  let queue: QueueClient;
  let token: string;

  const api = (operationId: string, url: string, params: Record<string, string>, body?: unknown) => callUpdateRunsApi(app, token, operationId, url, params, body);
  const create = (members = NAMES) => api('createUpdateRun', 'updateRuns', {}, { upgradeType: 'Full', kubernetesVersion: '1.36', members: { clusterIds: members.map(idOf) } });
  const start = (runId: string) => api('startUpdateRun', `updateRuns/${runId}/start`, { runId });
  const stored = async (runId: string) => app.updateRuns.dependencies.store.require(runId);
  /** Takes every visible message off the queue (what the trigger would receive). */
  const receive = async (): Promise<Record<string, unknown>[]> => {
    const taken: Record<string, unknown>[] = [];
    for (;;) {
      const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 1 });
      if (receivedMessageItems.length === 0) return taken;
      for (const message of receivedMessageItems) {
        taken.push(JSON.parse(Buffer.from(message.messageText, 'base64').toString()) as Record<string, unknown>);
        await queue.deleteMessage(message.messageId, message.popReceipt);
      }
    }
  };
  const preflightMessages = async () => (await receive()).filter((message) => message.kind === 'preflight');
  const handle = (message: Record<string, unknown>) => app.updateRunsEngine.handleMessage(message, context());
  const armReads = () => Object.entries(emulator.counters()).filter(([name]) => /\.(get|list)/.test(name)).reduce((sum, [, n]) => sum + n, 0);

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: Date.parse('2026-12-07T10:00:00Z') });
    for (const name of NAMES) expect((await raw(emulator, 'PUT', withApi(idOf(name)), basicCluster({ dnsPrefix: name }))).status).toBeLessThan(300);
    emulator.advanceClock(30 * 60);
    expect((await raw(emulator, 'POST', withApi(`${idOf('pf-6')}/stop`))).status).toBeLessThan(300);
    emulator.advanceClock(30 * 60);
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-preflight-issuer-')) });
    const prefix = uniqueTablePrefix();
    app = buildFleetplane(
      testSettings({
        FLEETPLANE_TABLE_PREFIX: prefix,
        FLEETPLANE_UPDATERUNS_QUEUE: `${prefix}-updateruns`,
        FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
        FLEETPLANE_ARM_CREDENTIAL: 'emulator',
        FLEETPLANE_SUBSCRIPTION_IDS: SUB,
        FLEETPLANE_VIRTUAL_CLOCK_URL: `${emulator.baseUrl}/_emulator/clock`,
        FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
        FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
        FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
        // A caller's burst: 20 × (1 − 0.2 system share) × 0.25 = 4 reads, refilled at 0.1/s.
        FLEETPLANE_ARM_READ_BUCKET: '20',
        FLEETPLANE_ARM_READS_PER_SECOND: '0.5',
      }),
      { arm: { maxRetries: 0 } },
    );
    queue = new QueueClient(inject('storageConnectionString'), `${prefix}-updateruns`);
    await queue.createIfNotExists();
    token = await issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: '0e000000-0000-4000-8000-0000000000c1' });
  }, 60_000);
  afterAll(async () => {
    await emulator?.close();
    await issuer?.close();
  });

  it('create reads nothing live and queues the plan preflight; the queue plans every member past the caller’s burst; a duplicate message does nothing', async () => {
    emulator.resetCounters();
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.headers.location).toMatch(new RegExp(`/api/updateRuns/${created.body.id}$`));
    expect(created.body).toMatchObject({ status: 'NotStarted', preflight: { status: 'Pending', purpose: 'plan' } });
    expect(created.body.members.map((m) => [m.name, m.steps])).toEqual(NAMES.map((name) => [name, []]));
    expect(armReads()).toBe(0);
    const messages = await receive();
    expect(messages).toEqual([{ kind: 'preflight', runId: created.body.id, preflightId: created.body.preflight!.id }]);

    await handle(messages[0]!);
    const planned = await stored(created.body.id);
    expect(planned.value).toMatchObject({ status: 'NotStarted', preflight: { status: 'Completed' }, plannedAt: expect.any(String) });
    expect(planned.value.members.every((m) => m.steps.length === 1 && m.stage === 'default')).toBe(true);
    expect(planned.value.members.find((m) => m.name === 'pf-6')?.problems.map((p) => p.code)).toContain('CLUSTER_STOPPED');
    expect(emulator.counters()['managedClusters.get']).toBe(NAMES.length);
    expect(planned.value.events.map((e) => e.kind)).toEqual(['Created', 'Planned']);

    emulator.resetCounters();
    await handle(messages[0]!);
    expect(armReads()).toBe(0);
    expect((await stored(created.body.id)).etag).toBe(planned.etag);
    expect(await receive()).toEqual([]);
  });

  it('a start while the plan preflight is pending supersedes it: the plan message does nothing, the start message starts the run once', async () => {
    const created = await create(NAMES.slice(0, 5));
    const started = await start(created.body.id);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'NotStarted', preflight: { status: 'Pending', purpose: 'start' } });
    const [planMessage, startMessage, ...rest] = await receive();
    expect(rest).toEqual([]);
    expect(planMessage).toMatchObject({ kind: 'preflight', preflightId: created.body.preflight!.id });
    expect(startMessage).toMatchObject({ kind: 'preflight', preflightId: started.body.preflight!.id });

    emulator.resetCounters();
    await handle(planMessage!);
    expect(armReads()).toBe(0);
    expect((await stored(created.body.id)).value.preflight).toMatchObject({ purpose: 'start', status: 'Pending' });
    // Asked again while its preflight is pending: the same answer, no second message.
    expect((await start(created.body.id)).status).toBe(202);
    expect(await receive()).toEqual([]);

    await handle(startMessage!);
    const run = (await stored(created.body.id)).value;
    expect(run).toMatchObject({ status: 'Running', frozenAt: run.startedAt, preflight: { status: 'Completed', purpose: 'start' } });
    expect(run.events.map((e) => e.kind)).toEqual(['Created', 'Started']);
    expect(await receive()).toEqual([{ runId: created.body.id }]); // the engine's first advance
    await handle(startMessage!); // a duplicate
    expect((await stored(created.body.id)).value.events.map((e) => e.kind)).toEqual(['Created', 'Started']);
    expect(await receive()).toEqual([]);
    expect((await start(created.body.id)).status).toBe(200);
  });

  it('a start refused by the preflight leaves the run NotStarted with the reason; a dry run never starts', async () => {
    const created = await create();
    await receive();
    const started = await start(created.body.id);
    expect(started.status).toBe(202);
    for (const message of await receive()) await handle(message);
    const refused = (await stored(created.body.id)).value;
    expect(refused).toMatchObject({ status: 'NotStarted', preflight: { purpose: 'start', status: 'Failed', error: expect.stringContaining('pf-6: CLUSTER_STOPPED') } });
    expect(refused.events.map((e) => e.kind)).toEqual(['Created', 'PreflightFailed']);

    const dry = await api('createUpdateRun', 'updateRuns?dryRun=true', {}, { upgradeType: 'Full', kubernetesVersion: '1.36', members: { clusterIds: [idOf('pf-1')] } });
    expect(dry.status).toBe(202);
    expect(dry.body).toMatchObject({ dryRun: true, preflight: { status: 'Pending' } });
    for (const message of await receive()) await handle(message);
    expect((await stored(dry.body.id)).value).toMatchObject({ dryRun: true, preflight: { status: 'Completed' }, members: [{ steps: [{ controlPlane: expect.stringMatching(/^1\.36\./) }] }] });
    expect((await start(dry.body.id)).status).toBe(409);
  });

  it('a throttled preflight throws for the queue to retry and says why on the run; the retry completes it and clears that', async () => {
    const created = await create();
    const [message] = await preflightMessages();
    expect((await raw(emulator, 'PUT', '/_emulator/throttling', { enabled: true, reads: { bucket: 2, refillPerSecond: 0.01 } })).status).toBeLessThan(300);
    try {
      await expect(handle(message!)).rejects.toThrow(/throttl|Too many/i);
    } finally {
      expect((await raw(emulator, 'PUT', '/_emulator/throttling', { enabled: false })).status).toBeLessThan(300);
    }
    const retrying = (await stored(created.body.id)).value;
    expect(retrying).toMatchObject({ status: 'NotStarted', preflight: { status: 'Pending', error: expect.stringContaining('it is retried') } });
    expect(retrying.members.every((m) => m.steps.length === 0 && m.problems.length === 0)).toBe(true); // nothing half-read is shown

    await handle(message!);
    const planned = (await stored(created.body.id)).value;
    expect(planned.preflight).toMatchObject({ status: 'Completed' });
    expect(planned.preflight?.error).toBeUndefined();
  });

  it('the repair timer re-sends a preflight whose message was lost, once it is minutes old, and only once per sweep', async () => {
    const created = await create(['pf-1']);
    expect(await preflightMessages()).toHaveLength(1); // lost: taken, never handled
    // (The repair also kicks the run started above, whose first advance was never handled.)
    await app.updateRunsEngine.repair(context());
    expect(await preflightMessages()).toEqual([]); // just sent: not late yet

    const { value, etag } = await stored(created.body.id);
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    await app.updateRuns.dependencies.store.replace({ ...value, preflight: { ...value.preflight!, messageSentAt: old } }, etag);
    await app.updateRunsEngine.repair(context());
    const resent = await preflightMessages();
    expect(resent).toEqual([{ kind: 'preflight', runId: created.body.id, preflightId: created.body.preflight!.id }]);
    await app.updateRunsEngine.repair(context());
    expect(await preflightMessages()).toEqual([]);

    await handle(resent[0]!);
    expect((await stored(created.body.id)).value.preflight).toMatchObject({ status: 'Completed' });
  });
});

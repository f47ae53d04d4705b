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

const AUDIENCE = 'api://fleetplane-run-economy';
const RG = 'rg-economy';
const NAMES = ['ec-1', 'ec-2', 'ec-3'];
const idOf = (name: string) => clusterPath(RG, name);
const context = () => new InvocationContext({ functionName: 'updateRunsAdvance' });

/**
 * The engine's ARM and Monitor economy, in process over Azurite and the emulator (virtual clock frozen): an advance
 * reads operation records and makes no ARM call while the members' operations run; the operations queue's check that
 * finds an operation's end kicks the run, once; a waiting health gate reads all its members in one metrics batch.
 */
describe('update-run engine economy (Azurite + emulator, messages handled in process)', () => {
  let emulator: RunningAksEmulator;
  let issuer: RunningDevIssuer;
  let app: Fleetplane;
  let queue: QueueClient;
  let token: string;
  let runId: string;

  const api = (operationId: string, url: string, params: Record<string, string>, body?: unknown) => callUpdateRunsApi(app, token, operationId, url, params, body);
  const run = async () => (await app.updateRuns.dependencies.store.require(runId)).value;
  /** Takes every visible message off the update-runs queue (what its trigger would receive). */
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
  const handlePreflight = async () => {
    const [message] = (await receive()).filter((m) => m.kind === 'preflight');
    await app.updateRunsEngine.handleMessage(message, context());
  };
  const advance = () => app.updateRunsEngine.handleMessage({ runId }, context());
  const armCalls = () => Object.entries(emulator.counters()).filter(([name]) => !/^(metrics|logAnalytics)\./.test(name));
  const operationIds = async () => (await run()).members.map((member) => member.steps[member.currentStep]?.operationId).filter((id): id is string => id !== undefined);

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: Date.parse('2026-12-07T10:00:00Z') });
    for (const name of NAMES) expect((await raw(emulator, 'PUT', withApi(idOf(name)), basicCluster({ dnsPrefix: name }))).status).toBeLessThan(300);
    // The default workloads may hold PDBs that allow no disruption (a blocking preflight problem): this is about the engine.
    for (const name of NAMES) emulator.workload.patch(SUB, RG, name, { podDisruptionBudgets: [] });
    emulator.advanceClock(30 * 60);
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-economy-issuer-')) });
    const prefix = uniqueTablePrefix();
    app = buildFleetplane(
      testSettings({
        FLEETPLANE_TABLE_PREFIX: prefix,
        FLEETPLANE_UPDATERUNS_QUEUE: `${prefix}-updateruns`,
        FLEETPLANE_OPERATIONS_QUEUE: `${prefix}-operations`,
        FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
        FLEETPLANE_ARM_CREDENTIAL: 'emulator',
        FLEETPLANE_LOGS_ENDPOINT: `${emulator.baseUrl}/v1`,
        FLEETPLANE_METRICS_ENDPOINT: `${emulator.baseUrl}/regions/{region}`,
        FLEETPLANE_SUBSCRIPTION_IDS: SUB,
        FLEETPLANE_VIRTUAL_CLOCK_URL: `${emulator.baseUrl}/_emulator/clock`,
        FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
        FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
        FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
      }),
      { arm: { maxRetries: 0 } },
    );
    queue = new QueueClient(inject('storageConnectionString'), `${prefix}-updateruns`);
    await queue.createIfNotExists();
    token = await issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: '0e000000-0000-4000-8000-0000000000e1' });

    const created = await api('createUpdateRun', 'updateRuns', {}, {
      upgradeType: 'Full',
      kubernetesVersion: '1.36',
      members: { clusterIds: NAMES.map(idOf) },
      strategy: {
        stages: [
          {
            name: 'all',
            groups: [{ name: 'g', members: { clusterIds: NAMES.map(idOf) }, maxConcurrency: NAMES.length }],
            afterGates: [{ type: 'Health', worstStatus: 'Unhealthy', window: 'PT5M', soakSeconds: 600 }],
          },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    runId = created.body.id;
    await handlePreflight();
    expect((await api('startUpdateRun', `updateRuns/${runId}/start`, { runId })).status).toBe(202);
    await handlePreflight();
    for (let i = 0; i < 5 && (await operationIds()).length < NAMES.length; i += 1) await advance();
    expect(await operationIds()).toHaveLength(NAMES.length);
  }, 120_000);

  afterAll(async () => {
    await emulator?.close();
    await issuer?.close();
  });

  it('an advance while the members’ operations run makes no ARM call', async () => {
    emulator.advanceClock(60);
    // The operations queue's checks (one ARM poll each), then the engine's advances: records only.
    for (const operationId of await operationIds()) await app.operations.advance({ operationId }, context());
    emulator.resetCounters();
    await advance();
    await advance();
    expect(armCalls()).toEqual([]);
    expect((await run()).members.map((m) => m.status)).toEqual(NAMES.map(() => 'Running'));
  });

  it('the operations queue’s check that finds an operation’s end kicks its run at once, once per operation', async () => {
    emulator.advanceClock(60 * 60);
    await receive();
    const ids = await operationIds();
    for (const operationId of ids) await app.operations.advance({ operationId }, context());
    expect(await receive()).toEqual(ids.map(() => ({ runId })));
    // A second check of an ended operation (a retried message) announces nothing more.
    for (const operationId of ids) await app.operations.advance({ operationId }, context());
    expect(await receive()).toEqual([]);

    await advance();
    expect((await run()).members.map((m) => m.status)).toEqual(NAMES.map(() => 'Succeeded'));
  });

  it('a waiting health gate reads its members’ health in one metrics batch per advance', async () => {
    for (let i = 0; i < 3 && !(await run()).gates.some((gate) => gate.status === 'Waiting'); i += 1) await advance();
    expect((await run()).gates.map((gate) => gate.status)).toEqual(['Waiting']);
    emulator.resetCounters();
    await advance();
    expect(emulator.counters()['metrics.getBatch']).toBe(1);
    expect(emulator.counters()['managedClusters.get']).toBe(NAMES.length);
    const [gate] = (await run()).gates;
    expect(gate!.observations.every((o) => o.status !== 'Unknown')).toBe(true);
    expect(gate!.observations.map((o) => o.clusterId.toLowerCase()).sort()).toEqual(NAMES.map((name) => idOf(name).toLowerCase()).sort());
  });
});

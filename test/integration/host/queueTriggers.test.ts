import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TableClient } from '@azure/data-tables';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FunctionSummary } from '../../../local/host/functionList';
import { repoRoot, startLocalHost, type StartedHost } from '../../support/localHost';

/** The fixture app run by the real local host process: its `work` function records each run in a table. */
const fixtureApp = path.join(repoRoot, 'test/fixtures/queue-app');

interface Run {
  partitionKey: string;
  host: string;
  dequeueCount: number;
  inputType: string;
  input: string;
  metadata: string;
  state: 'started' | 'succeeded' | 'failed';
  startedAt: number;
  endedAt?: number;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
const storage = () => inject('storageConnectionString');

/** A queue and a table of its own, and hosts started against them. */
async function newWorkload() {
  const id = randomUUID().replace(/-/g, '').slice(0, 16);
  const queueName = `work${id}`;
  const service = QueueServiceClient.fromConnectionString(storage());
  const queue = service.getQueueClient(queueName);
  await queue.create();
  const table = TableClient.fromConnectionString(storage(), `runs${id}`, { allowInsecureConnection: true });
  await table.createTable();
  const hosts: StartedHost[] = [];
  return {
    queue,
    poison: service.getQueueClient(`${queueName}-poison`),
    async startHost(hostName: string, env: Record<string, string> = {}) {
      const host = await startLocalHost({
        appDir: fixtureApp,
        env: {
          AzureWebJobsStorage: storage(),
          FixtureStorage: storage(),
          FIXTURE_QUEUE: queueName,
          FIXTURE_TABLE: table.tableName,
          FIXTURE_HOST_NAME: hostName,
          LOCAL_HOST_TIMERS: 'false',
          ...env,
        },
      });
      hosts.push(host);
      return host;
    },
    async runs(): Promise<Run[]> {
      const rows: Run[] = [];
      for await (const row of table.listEntities<Run>()) rows.push(row);
      return rows;
    },
    stopHosts: () => Promise.all(hosts.map((host) => host.stop())),
  };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

const messageCount = async (queue: QueueClient) =>
  (await queue.getProperties()).approximateMessagesCount ?? 0;
const settled = (runs: Run[]) => runs.filter((run) => run.state !== 'started');

describe('queue triggers in the local host', () => {
  let workload: Awaited<ReturnType<typeof newWorkload>>;

  beforeAll(async () => {
    workload = await newWorkload();
    await workload.startHost('one');
  });
  afterAll(() => workload?.stopHosts());

  it('runs JSON and text messages once each with the input and metadata the Node worker gives, and deletes them', async () => {
    const json = await workload.queue.sendMessage(base64('{"key":"json-1","note":"hi"}'));
    const text = await workload.queue.sendMessage(base64('text-1'));
    await waitFor(
      async () => settled(await workload.runs()).length === 2 && (await messageCount(workload.queue)) === 0,
    );
    const runs = await workload.runs();
    const jsonRun = runs.find((run) => run.partitionKey === 'json-1')!;
    const textRun = runs.find((run) => run.partitionKey === 'text-1')!;
    expect([jsonRun.inputType, JSON.parse(jsonRun.input)]).toEqual(['object', { key: 'json-1', note: 'hi' }]);
    expect([textRun.inputType, JSON.parse(textRun.input)]).toEqual(['string', 'text-1']);
    expect(JSON.parse(jsonRun.metadata)).toMatchObject({
      id: json.messageId,
      dequeueCount: 1,
      queueTrigger: { key: 'json-1', note: 'hi' },
      key: 'json-1',
      note: 'hi',
    });
    expect(JSON.parse(textRun.metadata)).toMatchObject({ id: text.messageId, queueTrigger: 'text-1' });
    expect(runs.map((run) => run.state)).toEqual(['succeeded', 'succeeded']);
  });

  it('retries a failing message five times with a rising dequeueCount, then moves it to <queue>-poison', async () => {
    const sent = base64('{"key":"fail-1","failTimes":99}');
    await workload.queue.sendMessage(sent);
    await waitFor(
      async () =>
        (await workload.poison.exists()) &&
        (await workload.poison.peekMessages()).peekedMessageItems.length === 1,
    );
    const attempts = settled(await workload.runs()).filter((run) => run.partitionKey === 'fail-1');
    expect(attempts.map((run) => run.dequeueCount).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(attempts.every((run) => run.state === 'failed')).toBe(true);
    expect((await workload.poison.peekMessages()).peekedMessageItems[0]!.messageText).toBe(sent);
    expect(await messageCount(workload.queue)).toBe(0);
  });
});

describe('queue triggers across two local hosts', () => {
  it('run every message exactly once, never one message on both at the same time', async () => {
    const workload = await newWorkload();
    try {
      await Promise.all([workload.startHost('one'), workload.startHost('two')]);
      const total = 24;
      await Promise.all(
        Array.from({ length: total }, (_, i) =>
          workload.queue.sendMessage(base64(JSON.stringify({ key: `m${i}`, sleepMs: 20 }))),
        ),
      );
      await waitFor(
        async () =>
          settled(await workload.runs()).length >= total && (await messageCount(workload.queue)) === 0,
        20_000,
      );
      await sleep(300);
      const runs = await workload.runs();
      expect(runs.map((run) => run.partitionKey).sort()).toEqual(
        Array.from({ length: total }, (_, i) => `m${i}`).sort(),
      );
      expect(runs.every((run) => run.state === 'succeeded' && run.dequeueCount === 1)).toBe(true);
      expect(new Set(runs.map((run) => run.host))).toEqual(new Set(['one', 'two']));
    } finally {
      await workload.stopHosts();
    }
  });
});

describe('stopping and switching off queue triggers', () => {
  it('on SIGTERM, lets the running function finish and settle its message before exiting', async () => {
    const workload = await newWorkload();
    try {
      const host = await workload.startHost('one');
      await workload.queue.sendMessage(base64('{"key":"slow-1","sleepMs":1500}'));
      await waitFor(async () => (await workload.runs()).length === 1);
      await host.stop();
      expect((await workload.runs()).map((run) => run.state)).toEqual(['succeeded']);
      expect(await messageCount(workload.queue)).toBe(0);
      expect(host.output()).toContain('"message":"Host stopping"');
    } finally {
      await workload.stopHosts();
    }
  });

  it('leaves the queue alone with LOCAL_HOST_QUEUES=false', async () => {
    const workload = await newWorkload();
    try {
      await workload.startHost('one', { LOCAL_HOST_QUEUES: 'false' });
      await workload.queue.sendMessage(base64('ignored'));
      await sleep(800);
      expect(await workload.runs()).toEqual([]);
      expect((await workload.queue.peekMessages()).peekedMessageItems).toHaveLength(1);
    } finally {
      await workload.stopHosts();
    }
  });

  it('lists queue functions with their queue and connection in npm run functions', () => {
    const printFunctions = path.join(repoRoot, 'dist/local/host/printFunctions.js');
    const json = execFileSync(process.execPath, [printFunctions, '--json'], {
      cwd: fixtureApp,
      encoding: 'utf8',
    });
    expect((JSON.parse(json) as { functions: FunctionSummary[] }).functions).toEqual([
      { name: 'work', trigger: 'queueTrigger', queueName: '%FIXTURE_QUEUE%', connection: 'FixtureStorage' },
    ]);
  });
});

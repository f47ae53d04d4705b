import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InvocationContext } from '@azure/functions';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { QueueFunction } from '../../../local/host/queues/queueFunctions';
import type { QueueHostOptions } from '../../../local/host/queues/queueHostOptions';
import { QueuePoller, type QueuePollerOptions } from '../../../local/host/queues/queuePoller';

interface Call {
  input: unknown;
  metadata: Record<string, unknown>;
  poller: string;
  startedAt: number;
  endedAt?: number;
}

type Handler = (input: unknown, metadata: Record<string, unknown>) => Promise<void> | void;

const fast: QueueHostOptions = {
  batchSize: 16,
  newBatchThreshold: 8,
  maxPollingIntervalMs: 200,
  visibilityTimeoutMs: 0,
  maxDequeueCount: 5,
  messageEncoding: 'base64',
};
const silent = () => undefined;
const base64 = (text: string) => Buffer.from(text).toString('base64');
const service = () => QueueServiceClient.fromConnectionString(inject('storageConnectionString'));

const running: QueuePoller[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((poller) => poller.stop()));
});

async function newQueue(create = true) {
  const name = `q${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const queue = service().getQueueClient(name);
  if (create) await queue.create();
  return { name, queue, poison: service().getQueueClient(`${name}-poison`) };
}

/** Starts a poller whose function records every call, then runs `handler`. */
function startPoller(
  queueName: string,
  handler: Handler,
  calls: Call[],
  overrides: Partial<QueueHostOptions> = {},
  tuning: Partial<QueuePollerOptions> = {},
  pollerName = 'a',
): QueuePoller {
  const fn: QueueFunction = {
    name: 'work',
    queueName,
    connection: 'AzureWebJobsStorage',
    trigger: { type: 'queueTrigger', direction: 'in', name: 'queueTrigger1', queueName, connection: '' },
    handler: async (...args: unknown[]) => {
      const [input, context] = args as [unknown, InvocationContext];
      const call: Call = {
        input,
        metadata: context.triggerMetadata ?? {},
        poller: pollerName,
        startedAt: Date.now(),
      };
      calls.push(call);
      try {
        await handler(input, call.metadata);
      } finally {
        call.endedAt = Date.now();
      }
    },
  };
  const poller = new QueuePoller({
    fn,
    queue: service().getQueueClient(queueName),
    poisonQueue: service().getQueueClient(`${queueName}-poison`),
    options: { ...fast, ...overrides },
    logSink: silent,
    ...tuning,
  });
  running.push(poller);
  poller.start();
  return poller;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(25);
  }
}

const messageCount = async (queue: QueueClient) =>
  (await queue.getProperties()).approximateMessagesCount ?? 0;
const fail = () => {
  throw new Error('handler failed on purpose');
};

describe('queue triggers against Azurite', () => {
  it('runs a JSON message once with the worker-shaped input and metadata, then deletes it', async () => {
    const { name, queue } = await newQueue();
    const sent = await queue.sendMessage(base64('{"order":42,"lines":[1,2]}'));
    const calls: Call[] = [];
    startPoller(name, () => undefined, calls);
    await waitFor(async () => calls.length === 1 && (await messageCount(queue)) === 0);
    expect(calls[0]!.input).toEqual({ order: 42, lines: [1, 2] });
    expect(calls[0]!.metadata).toMatchObject({
      queueTrigger: { order: 42, lines: [1, 2] },
      dequeueCount: 1,
      id: sent.messageId,
      order: 42,
      insertionTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      expirationTime: expect.stringMatching(/\+00:00$/),
      nextVisibleTime: expect.stringMatching(/\+00:00$/),
      popReceipt: expect.any(String),
    });
    expect(Date.parse(calls[0]!.metadata.insertionTime as string)).toBe(sent.insertedOn.getTime());
    expect(calls[0]!.metadata.insertedOn).toBe(calls[0]!.metadata.insertionTime);
  });

  it('hands text that is not JSON over as a string, and JSON scalars parsed', async () => {
    const { name, queue } = await newQueue();
    await queue.sendMessage(base64('plain words'));
    await queue.sendMessage(base64('42'));
    const calls: Call[] = [];
    startPoller(name, () => undefined, calls);
    await waitFor(() => calls.length === 2);
    expect(calls.map((call) => call.input).sort()).toEqual([42, 'plain words']);
  });

  it('reads stored text as is with messageEncoding none', async () => {
    const { name, queue } = await newQueue();
    await queue.sendMessage('not base64 at all');
    await queue.sendMessage('{"plain":true}');
    const calls: Call[] = [];
    startPoller(name, () => undefined, calls, { messageEncoding: 'none' });
    await waitFor(() => calls.length === 2);
    expect(calls.map((call) => call.input)).toEqual(
      expect.arrayContaining(['not base64 at all', { plain: true }]),
    );
  });

  it('moves a message that is not base64 to the poison queue without running the function', async () => {
    const { name, queue, poison } = await newQueue();
    await queue.sendMessage('not base64!');
    const calls: Call[] = [];
    startPoller(name, () => undefined, calls);
    await waitFor(
      async () => (await poison.exists()) && (await poison.peekMessages()).peekedMessageItems.length === 1,
    );
    expect((await poison.peekMessages()).peekedMessageItems[0]!.messageText).toBe('not base64!');
    expect(await messageCount(queue)).toBe(0);
    expect(calls).toHaveLength(0);
  });

  it('retries a failing message with a rising dequeueCount, then moves it unchanged to <queue>-poison', async () => {
    const { name, queue, poison } = await newQueue();
    const text = base64('{"doomed":true}');
    await queue.sendMessage(text);
    const calls: Call[] = [];
    startPoller(name, fail, calls);
    await waitFor(
      async () => (await poison.exists()) && (await poison.peekMessages()).peekedMessageItems.length === 1,
    );
    expect(calls.map((call) => call.metadata.dequeueCount)).toEqual([1, 2, 3, 4, 5]);
    expect((await poison.peekMessages()).peekedMessageItems[0]!.messageText).toBe(text);
    expect(await messageCount(queue)).toBe(0);
  });

  it('keeps a failed message invisible for visibilityTimeout before the next attempt', async () => {
    const { name, queue } = await newQueue();
    await queue.sendMessage(base64('retry me'));
    const calls: Call[] = [];
    startPoller(name, (_, metadata) => (metadata.dequeueCount === 1 ? fail() : undefined), calls, {
      visibilityTimeoutMs: 2_000,
    });
    await waitFor(() => calls.length === 2);
    const gap = calls[1]!.startedAt - calls[0]!.endedAt!;
    expect(gap).toBeGreaterThanOrEqual(1_900);
    expect(gap).toBeLessThan(3_500);
  });

  it('renews the lease while a function outlasts it, so no other receiver runs the message', async () => {
    const { name, queue } = await newQueue();
    await queue.sendMessage(base64('slow'));
    const calls: Call[] = [];
    const slow = () => sleep(3_500).then(() => undefined);
    startPoller(name, slow, calls, {}, { leaseMs: 2_000 }, 'a');
    startPoller(name, slow, calls, {}, { leaseMs: 2_000 }, 'b');
    await waitFor(
      async () => calls.every((call) => call.endedAt !== undefined) && (await messageCount(queue)) === 0,
    );
    await sleep(300);
    expect(calls).toHaveLength(1);
  });

  it('shares a queue between two pollers, running every message exactly once', async () => {
    const { name, queue } = await newQueue();
    const total = 30;
    await Promise.all(
      Array.from({ length: total }, (_, i) => queue.sendMessage(base64(JSON.stringify({ key: i })))),
    );
    const calls: Call[] = [];
    const work = () => sleep(20 + Math.random() * 40).then(() => undefined);
    startPoller(name, work, calls, {}, {}, 'a');
    startPoller(name, work, calls, {}, {}, 'b');
    await waitFor(async () => calls.length >= total && (await messageCount(queue)) === 0);
    await sleep(300);
    const keys = calls.map((call) => (call.input as { key: number }).key);
    expect(keys.sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(new Set(calls.map((call) => call.poller))).toEqual(new Set(['a', 'b']));
  });

  it('runs at most batchSize + newBatchThreshold messages at once', async () => {
    const { name, queue } = await newQueue();
    for (let i = 0; i < 6; i++)
      await queue.sendMessage(base64(JSON.stringify({ ms: i % 2 === 0 ? 150 : 400 })));
    let current = 0;
    let highest = 0;
    const calls: Call[] = [];
    const work = async (input: unknown) => {
      current += 1;
      highest = Math.max(highest, current);
      await sleep((input as { ms: number }).ms);
      current -= 1;
    };
    startPoller(name, work, calls, { batchSize: 2, newBatchThreshold: 1 });
    await waitFor(() => calls.length === 6 && calls.every((call) => call.endedAt !== undefined));
    expect(highest).toBe(3);
  });

  it('backs off exponentially on an empty queue and polls at the minimum again after a message', async () => {
    const { name, queue } = await newQueue();
    const delays: number[] = [];
    const recordedSleep = async (ms: number) => {
      delays.push(Math.round(ms));
      await sleep(5);
    };
    const calls: Call[] = [];
    let delaysBeforeMessage = 0;
    startPoller(
      name,
      () => void (delaysBeforeMessage = delays.length),
      calls,
      { maxPollingIntervalMs: 1_000 },
      {
        sleep: recordedSleep,
        random: () => 0.5,
      },
    );
    await waitFor(() => delays.length >= 7);
    expect(delays.slice(0, 7)).toEqual([100, 200, 300, 500, 900, 1_000, 1_000]);
    await queue.sendMessage(base64('wake up'));
    await waitFor(() => calls.length === 1 && delays.length >= delaysBeforeMessage + 2);
    expect(delays.slice(delaysBeforeMessage, delaysBeforeMessage + 2)).toEqual([100, 200]);
  });

  it('does not create a missing queue, and picks it up once it exists', async () => {
    const { name, queue } = await newQueue(false);
    const calls: Call[] = [];
    startPoller(name, () => undefined, calls);
    await sleep(500);
    expect(await queue.exists()).toBe(false);
    await queue.create();
    await queue.sendMessage(base64('finally'));
    await waitFor(() => calls.length === 1);
    expect(calls[0]!.input).toBe('finally');
  });

  it('stops cleanly: waits for the running function and settles its message, starts nothing after', async () => {
    const { name, queue } = await newQueue();
    await queue.sendMessage(base64('in flight'));
    const calls: Call[] = [];
    const poller = startPoller(name, () => sleep(800).then(() => undefined), calls);
    await waitFor(() => calls.length === 1);
    await poller.stop();
    const stoppedAt = Date.now();
    expect(calls[0]!.endedAt).toBeLessThanOrEqual(stoppedAt);
    expect(await messageCount(queue)).toBe(0);
    await queue.sendMessage(base64('after stop'));
    await sleep(600);
    expect(calls).toHaveLength(1);
    expect((await queue.peekMessages()).peekedMessageItems[0]!.messageText).toBe(base64('after stop'));
  });
});

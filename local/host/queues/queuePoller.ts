import { setTimeout as delay } from 'node:timers/promises';
import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import { hostLog, type LogSink } from '../invocationLog';
import { DEFAULT_LEASE_MS } from './messageLease';
import { PollingBackoff } from './pollingBackoff';
import type { QueueFunction } from './queueFunctions';
import { MIN_POLLING_INTERVAL_MS, type QueueHostOptions } from './queueHostOptions';
import { QueueMessageProcessor, type QueueLog } from './queueMessageProcessor';
import { isMessageNoLongerHeld, isQueueNotFound } from './queueStorageErrors';

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface QueuePollerOptions {
  fn: QueueFunction;
  queue: QueueClient;
  poisonQueue: QueueClient | undefined;
  options: QueueHostOptions;
  /** Visibility timeout of received messages, renewed while the function runs. */
  leaseMs?: number;
  sleep?: Sleep;
  random?: () => number;
  logSink?: LogSink;
}

const interruptibleSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * One queue-triggered function's listener, as the extension's QueueListener: receive up to `batchSize`
 * messages (leased for 10 minutes), run each at once, fetch again once no more than `newBatchThreshold` are
 * still running, and back off exponentially while the queue is empty or missing. The queue's own visibility
 * rules keep a message on one receiver at a time, across any number of hosts.
 */
export class QueuePoller {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly processor: QueueMessageProcessor;
  private readonly backoff: PollingBackoff;
  private readonly sleep: Sleep;
  private readonly leaseMs: number;
  private readonly log: QueueLog;
  private loop: Promise<void> | undefined;
  private queueExists = false;
  private reportedMissingQueue = false;
  private foundMessagesSinceLastDelay = false;

  constructor(private readonly setup: QueuePollerOptions) {
    this.leaseMs = setup.leaseMs ?? DEFAULT_LEASE_MS;
    this.sleep = setup.sleep ?? interruptibleSleep;
    this.log = (message, extra = {}) =>
      hostLog(message, { function: setup.fn.name, queue: setup.queue.name, ...extra }, setup.logSink);
    this.backoff = new PollingBackoff(
      MIN_POLLING_INTERVAL_MS,
      setup.options.maxPollingIntervalMs,
      setup.random,
    );
    this.processor = new QueueMessageProcessor({ ...setup, leaseMs: this.leaseMs, log: this.log });
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Starts no further function run, then waits for the running ones to finish and settle their messages. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const batch = await this.receiveBatch();
      if (this.stopped) {
        await this.releaseUnstarted(batch);
        return;
      }
      if (batch.length === 0) {
        await this.sleep(this.backoff.nextDelayMs(this.foundMessagesSinceLastDelay), this.stopping.signal);
        this.foundMessagesSinceLastDelay = false;
        continue;
      }
      batch.forEach((message) => this.track(message));
      this.foundMessagesSinceLastDelay = true;
      await this.waitForNewBatchThreshold();
    }
  }

  private async receiveBatch(): Promise<DequeuedMessageItem[]> {
    try {
      if (!this.queueExists && !(await this.checkQueueExists())) return [];
      const response = await this.setup.queue.receiveMessages({
        numberOfMessages: this.setup.options.batchSize,
        visibilityTimeout: Math.max(1, Math.round(this.leaseMs / 1000)),
      });
      return response.receivedMessageItems;
    } catch (error) {
      // Any failure re-checks the queue's existence before the next receive, as the extension does.
      this.queueExists = false;
      if (!isQueueNotFound(error))
        this.log('Polling the queue failed; backing off', { error: String(error) });
      return [];
    }
  }

  /** The Functions host does not create trigger queues: a missing queue is polled (with back-off) until it exists. */
  private async checkQueueExists(): Promise<boolean> {
    this.queueExists = await this.setup.queue.exists();
    if (!this.queueExists && !this.reportedMissingQueue) {
      this.log('Queue does not exist; waiting for it (the Functions host does not create trigger queues)');
    }
    this.reportedMissingQueue = !this.queueExists;
    return this.queueExists;
  }

  private track(message: DequeuedMessageItem): void {
    const run = this.processor
      .process(message)
      .catch((error: unknown) =>
        this.log('Settling a queue message failed', { messageId: message.messageId, error: String(error) }),
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async waitForNewBatchThreshold(): Promise<void> {
    while (this.inFlight.size > this.setup.options.newBatchThreshold) {
      await Promise.race(this.inFlight);
    }
  }

  /** Messages received while stopping go back to the queue at once instead of waiting out their lease. */
  private async releaseUnstarted(batch: DequeuedMessageItem[]): Promise<void> {
    await Promise.all(
      batch.map((message) =>
        this.setup.queue
          .updateMessage(message.messageId, message.popReceipt, undefined, 0)
          .catch((error: unknown) => {
            if (!isMessageNoLongerHeld(error))
              this.log('Releasing a message on stop failed', {
                messageId: message.messageId,
                error: String(error),
              });
          }),
      ),
    );
  }
}

import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import type { LogSink } from '../invocationLog';
import { MessageLease } from './messageLease';
import { copyToPoisonQueue } from './poisonQueue';
import type { QueueFunction } from './queueFunctions';
import type { QueueHostOptions } from './queueHostOptions';
import { invokeQueueFunction, type InvocationOutcome } from './queueInvocation';
import { asWorkerValue, decodeMessageText } from './queueMessageDecoding';
import { isMessageNoLongerHeld } from './queueStorageErrors';
import { queueTriggerMetadata } from './queueTriggerMetadata';

export type QueueLog = (message: string, extra?: Record<string, unknown>) => void;

export interface QueueMessageProcessorOptions {
  fn: QueueFunction;
  queue: QueueClient;
  /** Absent when the queue has no poison queue (see poisonQueueNameOf). */
  poisonQueue: QueueClient | undefined;
  options: QueueHostOptions;
  leaseMs: number;
  log: QueueLog;
  logSink?: LogSink | undefined;
}

/**
 * One received message, from decoding to settling, as the extension's QueueProcessor does it: success deletes;
 * failure releases the message after `visibilityTimeout`, or moves it to the poison queue once its dequeue
 * count reaches `maxDequeueCount`. Without a poison queue a failed message is left invisible until its lease
 * runs out, so it cannot spin.
 */
export class QueueMessageProcessor {
  private readonly warned = new Set<string>();

  constructor(private readonly setup: QueueMessageProcessorOptions) {}

  private readonly warnOnce = (warning: string): void => {
    if (this.warned.has(warning)) return;
    this.warned.add(warning);
    this.setup.log(warning);
  };

  async process(message: DequeuedMessageItem): Promise<void> {
    const { options, fn, log } = this.setup;
    const decoded = decodeMessageText(message.messageText, options.messageEncoding);
    if (!decoded.decoded) {
      log('Queue message is not valid base64; moving it to the poison queue', this.describe(message));
      await this.moveToPoison(message);
      return;
    }
    if (message.dequeueCount > options.maxDequeueCount) {
      await this.moveToPoison(message);
      return;
    }
    const lease = new MessageLease(
      this.setup.queue,
      message.messageId,
      message.popReceipt,
      this.setup.leaseMs,
      log,
    );
    lease.start();
    const started = Date.now();
    let outcome: InvocationOutcome;
    let popReceipt: string;
    try {
      const metadata = queueTriggerMetadata(message, decoded.text, (warning) =>
        log(warning, { function: fn.name }),
      );
      outcome = await invokeQueueFunction(fn, asWorkerValue(decoded.text), metadata, this.setup.logSink);
    } finally {
      popReceipt = await lease.end();
    }
    log('Executed', {
      ...this.describe(message),
      succeeded: outcome.succeeded,
      durationMs: Date.now() - started,
    });
    await this.complete({ ...message, popReceipt }, outcome);
  }

  private async complete(message: DequeuedMessageItem, outcome: InvocationOutcome): Promise<void> {
    if (outcome.succeeded) {
      await this.delete(message);
    } else if (!this.setup.poisonQueue) {
      this.setup.log(
        'Failed queue message left invisible: its queue has no poison queue',
        this.describe(message),
      );
    } else if (message.dequeueCount >= this.setup.options.maxDequeueCount) {
      await this.moveToPoison(message);
    } else {
      await this.release(message);
    }
  }

  private async moveToPoison(message: DequeuedMessageItem): Promise<void> {
    const { poisonQueue, options, log } = this.setup;
    if (!poisonQueue) return;
    log(
      `Message has reached MaxDequeueCount of ${options.maxDequeueCount}. Moving message to queue '${poisonQueue.name}'.`,
      this.describe(message),
    );
    await copyToPoisonQueue(poisonQueue, message.messageText);
    await this.delete(message);
  }

  private async release(message: DequeuedMessageItem): Promise<void> {
    const seconds = Math.floor(this.setup.options.visibilityTimeoutMs / 1000);
    await this.ignoringLostMessage(() =>
      this.setup.queue.updateMessage(message.messageId, message.popReceipt, undefined, seconds),
    );
  }

  private async delete(message: DequeuedMessageItem): Promise<void> {
    await this.ignoringLostMessage(() =>
      this.setup.queue.deleteMessage(message.messageId, message.popReceipt),
    );
  }

  /** Someone else holds the message now, or it is gone: theirs to settle, as the extension treats it. */
  private async ignoringLostMessage(operation: () => Promise<unknown>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      if (!isMessageNoLongerHeld(error)) throw error;
    }
  }

  private describe(message: DequeuedMessageItem): Record<string, unknown> {
    return {
      function: this.setup.fn.name,
      queue: this.setup.queue.name,
      messageId: message.messageId,
      dequeueCount: message.dequeueCount,
    };
  }
}

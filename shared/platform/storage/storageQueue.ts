import type { QueueClient } from '@azure/storage-queue';
import { storageUnavailableError, translateStorageFailure } from './storageUnavailable';

/** Azure Storage's longest visibility delay for a new message (7 days). */
const MAX_DELAY_SECONDS = 7 * 86_400;

/**
 * Sends JSON messages to one Storage queue the way the Functions queue trigger reads them: the text
 * base64-encoded (the extension's default `messageEncoding`), optionally invisible for a delay. A send ends
 * within `timeoutMs`; storage that cannot answer is a DependencyUnavailableError.
 */
export class StorageQueue<M> {
  private created: Promise<unknown> | undefined;

  constructor(
    private readonly queue: QueueClient,
    private readonly timeoutMs: number,
  ) {}

  get name(): string {
    return this.queue.name;
  }

  async send(message: M, options: { delaySeconds?: number } = {}): Promise<void> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      await this.ensureQueue(deadline);
      const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.round(options.delaySeconds ?? 0)));
      await this.queue.sendMessage(Buffer.from(JSON.stringify(message)).toString('base64'), {
        abortSignal: deadline,
        ...(delay > 0 ? { visibilityTimeout: delay } : {}),
      });
    } catch (error) {
      if (deadline.aborted) throw storageUnavailableError(`no answer within ${this.timeoutMs} ms`);
      throw translateStorageFailure(error);
    }
  }

  private ensureQueue(abortSignal: AbortSignal): Promise<unknown> {
    this.created ??= this.queue.createIfNotExists({ abortSignal }).catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }
}

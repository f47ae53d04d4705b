import type { QueueClient } from '@azure/storage-queue';

/** Azure Storage's longest visibility delay for a new message (7 days). */
const MAX_DELAY_SECONDS = 7 * 86_400;

/**
 * Sends JSON messages to one Storage queue the way the Functions queue trigger reads them: the text
 * base64-encoded (the extension's default `messageEncoding`), optionally invisible for a delay.
 */
export class StorageQueue<M> {
  private created: Promise<unknown> | undefined;

  constructor(private readonly queue: QueueClient) {}

  get name(): string {
    return this.queue.name;
  }

  async send(message: M, options: { delaySeconds?: number } = {}): Promise<void> {
    this.created ??= this.queue.createIfNotExists().catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    await this.created;
    const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.round(options.delaySeconds ?? 0)));
    await this.queue.sendMessage(Buffer.from(JSON.stringify(message)).toString('base64'), {
      ...(delay > 0 ? { visibilityTimeout: delay } : {}),
    });
  }
}

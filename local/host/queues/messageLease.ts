import type { QueueClient } from '@azure/storage-queue';
import { isMessageNoLongerHeld } from './queueStorageErrors';

/** The extension receives with a 10-minute visibility timeout and renews it while the function runs. */
export const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * Keeps a received message invisible while its function runs: renews the visibility timeout halfway through
 * each lease, sooner after a failed renewal. Every renewal returns a new pop receipt, which is the only one
 * that can delete or release the message afterwards; `end()` hands back the latest.
 */
export class MessageLease {
  private popReceipt: string;
  private timer: NodeJS.Timeout | undefined;
  private renewal: Promise<void> | undefined;
  private ended = false;

  constructor(
    private readonly queue: QueueClient,
    private readonly messageId: string,
    popReceipt: string,
    private readonly leaseMs: number,
    private readonly warn: (message: string, extra: Record<string, unknown>) => void,
  ) {
    this.popReceipt = popReceipt;
  }

  start(): void {
    this.schedule(this.leaseMs / 2);
  }

  /** Stops renewing (after any renewal in flight) and returns the pop receipt that now holds the message. */
  async end(): Promise<string> {
    this.ended = true;
    clearTimeout(this.timer);
    await this.renewal;
    return this.popReceipt;
  }

  private schedule(delayMs: number): void {
    if (this.ended) return;
    this.timer = setTimeout(() => {
      this.renewal = this.renew().finally(() => (this.renewal = undefined));
    }, delayMs);
  }

  private async renew(): Promise<void> {
    if (this.ended) return;
    try {
      const seconds = Math.max(1, Math.round(this.leaseMs / 1000));
      const response = await this.queue.updateMessage(this.messageId, this.popReceipt, undefined, seconds);
      if (response.popReceipt) this.popReceipt = response.popReceipt;
      this.schedule(this.leaseMs / 2);
    } catch (error) {
      if (isMessageNoLongerHeld(error)) {
        this.warn('Queue message lease lost; another receiver may run it', { messageId: this.messageId });
        return;
      }
      this.warn('Queue message lease renewal failed; retrying', {
        messageId: this.messageId,
        error: String(error),
      });
      this.schedule(this.leaseMs / 10);
    }
  }
}

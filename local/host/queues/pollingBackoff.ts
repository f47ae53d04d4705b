const RANDOMIZATION = 0.2;

/**
 * The extension's randomized exponential back-off between polls of an empty queue: the minimum, then
 * min + delta·2^(n-1)·(0.8…1.2) with delta = min, capped at the maximum; back to the minimum once a poll has
 * found messages since the previous wait.
 */
export class PollingBackoff {
  private currentMs = 0;
  private exponent = 0;

  constructor(
    private readonly minimumMs: number,
    private readonly maximumMs: number,
    private readonly random: () => number = Math.random,
  ) {
    if (minimumMs > maximumMs) throw new Error('The minimum polling interval must not exceed the maximum.');
  }

  nextDelayMs(foundMessagesSinceLastDelay: boolean): number {
    if (foundMessagesSinceLastDelay) {
      this.currentMs = this.minimumMs;
      this.exponent = 1;
    } else if (this.currentMs !== this.maximumMs) {
      const factor = 1 - RANDOMIZATION + this.random() * 2 * RANDOMIZATION;
      const backoff =
        this.exponent > 0
          ? this.minimumMs + factor * 2 ** (this.exponent - 1) * this.minimumMs
          : this.minimumMs;
      if (backoff < this.maximumMs) {
        this.currentMs = backoff;
        this.exponent += 1;
      } else {
        this.currentMs = this.maximumMs;
      }
    }
    return this.currentMs;
  }
}

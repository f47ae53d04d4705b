/** Size and refill rate of a token bucket: at most `capacity` at once, `refillPerSecond` sustained. */
export interface BucketLimits {
  capacity: number;
  refillPerSecond: number;
}

/**
 * A token bucket like ARM's throttling: it starts full, each request takes one token, and tokens come back
 * continuously at the refill rate up to the capacity. Time is passed in, so it is plain arithmetic.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAtMs: number;

  constructor(
    readonly limits: BucketLimits,
    nowMs: number,
  ) {
    this.tokens = limits.capacity;
    this.updatedAtMs = nowMs;
  }

  /** Whole tokens left at `nowMs`. */
  remaining(nowMs: number): number {
    this.refill(nowMs);
    return Math.floor(this.tokens);
  }

  /** Whether a token is there at `nowMs` (without taking it). */
  hasToken(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= 1;
  }

  /** Takes one token if there is one. */
  tryTake(nowMs: number): boolean {
    if (!this.hasToken(nowMs)) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole seconds until one token is back (0 when one is there). */
  secondsUntilToken(nowMs: number): number {
    this.refill(nowMs);
    if (this.tokens >= 1) return 0;
    if (this.limits.refillPerSecond <= 0) return Number.POSITIVE_INFINITY;
    return Math.ceil((1 - this.tokens) / this.limits.refillPerSecond);
  }

  /** True when it has refilled completely: then it holds no information and may be dropped. */
  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.limits.capacity;
  }

  private refill(nowMs: number): void {
    const elapsedSeconds = Math.max(0, nowMs - this.updatedAtMs) / 1000;
    this.tokens = Math.min(this.limits.capacity, this.tokens + elapsedSeconds * this.limits.refillPerSecond);
    this.updatedAtMs = Math.max(this.updatedAtMs, nowMs);
  }
}

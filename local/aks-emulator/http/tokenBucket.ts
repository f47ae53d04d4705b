export interface BucketSize {
  bucket: number;
  refillPerSecond: number;
}

/** A token bucket: full at first, refilled continuously up to its size. */
export class Bucket {
  private tokens: number;
  private atMs: number;

  constructor(
    private readonly size: BucketSize,
    nowMs: number,
  ) {
    this.tokens = size.bucket;
    this.atMs = nowMs;
  }

  level(nowMs: number): number {
    this.tokens = Math.min(this.size.bucket, this.tokens + (Math.max(0, nowMs - this.atMs) / 1000) * this.size.refillPerSecond);
    this.atMs = Math.max(this.atMs, nowMs);
    return this.tokens;
  }

  take(): void {
    this.tokens = Math.max(0, this.tokens - 1);
  }

  secondsUntilToken(nowMs: number): number {
    return Math.max(1, Math.ceil((1 - this.level(nowMs)) / this.size.refillPerSecond));
  }
}

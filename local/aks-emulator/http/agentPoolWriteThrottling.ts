import { ArmError } from '../errors';
import { Bucket } from './tokenBucket';

/**
 * AKS's resource provider throttles `PUT …/agentPools/{pool}` per subscription on top of ARM's buckets: a burst of
 * about 20, refilled about one a minute (AKS docs, "Quotas, SKUs and regions", throttling table; see
 * ../shared/reference/autoscale.md §7). Azure always applies it, so the emulator does too unless a test turns it off.
 * It refills on the emulator's virtual clock: a test that advances the clock a minute earns one write.
 */
export interface AgentPoolWriteLimit {
  enabled: boolean;
  bucket: number;
  refillPerSecond: number;
}

export const AGENT_POOL_WRITE_DEFAULTS: AgentPoolWriteLimit = { enabled: true, bucket: 20, refillPerSecond: 1 / 60 };

export class AgentPoolWriteThrottling {
  private limit: AgentPoolWriteLimit = { ...AGENT_POOL_WRITE_DEFAULTS };
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly nowMs: () => number) {}

  configure(limit: AgentPoolWriteLimit): void {
    this.limit = { ...limit };
    this.buckets.clear();
  }

  /** Takes a token of the subscription's bucket, or throws 429 with Retry-After when it is empty (and enabled). */
  admit(subscriptionId: string): void {
    if (!this.limit.enabled) return;
    const now = this.nowMs();
    const bucket = this.bucketOf(subscriptionId, now);
    if (bucket.level(now) < 1) {
      const seconds = bucket.secondsUntilToken(now);
      throw new ArmError(
        429,
        'TooManyRequestsReceived',
        `Too many requests to create or update agent pools in subscription '${subscriptionId}'. Please try again after '${seconds}' seconds.`,
        undefined,
        { 'retry-after': String(seconds) },
      );
    }
    bucket.take();
  }

  private bucketOf(subscriptionId: string, now: number): Bucket {
    const key = subscriptionId.toLowerCase();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket({ bucket: this.limit.bucket, refillPerSecond: this.limit.refillPerSecond }, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

export function validAgentPoolWriteLimit(limit: AgentPoolWriteLimit): AgentPoolWriteLimit {
  const { enabled, bucket, refillPerSecond } = limit;
  if (!Number.isFinite(bucket) || bucket < 1 || !Number.isFinite(refillPerSecond) || refillPerSecond <= 0) {
    throw new ArmError(400, 'InvalidThrottling', 'agentPoolWrites needs a bucket of at least 1 and a positive refillPerSecond.');
  }
  return { enabled: enabled === true, bucket, refillPerSecond };
}

import { ArmError } from '../errors';
import { Bucket, type BucketSize } from './tokenBucket';
import { AGENT_POOL_WRITE_DEFAULTS, AgentPoolWriteThrottling, validAgentPoolWriteLimit, type AgentPoolWriteLimit } from './agentPoolWriteThrottling';

export type { BucketSize } from './tokenBucket';

export type RequestKind = 'reads' | 'writes' | 'deletes';

/** What the admin API shows and sets: off by default, ARM's published token-bucket sizes otherwise. */
export interface ThrottlingSettings {
  enabled: boolean;
  reads: BucketSize;
  writes: BucketSize;
  deletes: BucketSize;
  /** The subscription-wide limit shared by every principal is this many times the per-principal one. */
  globalMultiplier: number;
  /** AKS's own limit on agent-pool PUTs (on by default, like in Azure): see agentPoolWriteThrottling.ts. */
  agentPoolWrites: AgentPoolWriteLimit;
}

export const ARM_THROTTLING_DEFAULTS: ThrottlingSettings = {
  enabled: false,
  reads: { bucket: 250, refillPerSecond: 25 },
  writes: { bucket: 200, refillPerSecond: 10 },
  deletes: { bucket: 200, refillPerSecond: 10 },
  globalMultiplier: 15,
  agentPoolWrites: AGENT_POOL_WRITE_DEFAULTS,
};

const SINGULAR: Record<RequestKind, string> = { reads: 'read', writes: 'write', deletes: 'delete' };

/**
 * ARM's subscription throttling as token buckets, per subscription and request kind, plus the global
 * subscription bucket (the emulator sees one principal, so both drain together). Every answer carries the
 * `x-ms-ratelimit-remaining-subscription-{kind}` and `…-global-{kind}` headers; when enabled, a request that
 * finds a bucket empty gets 429 `SubscriptionRequestsThrottled` with Retry-After instead of being served.
 */
export class ArmThrottling {
  private settings: ThrottlingSettings = structuredClone(ARM_THROTTLING_DEFAULTS);
  private readonly buckets = new Map<string, Bucket>();
  private readonly agentPoolWrites: AgentPoolWriteThrottling;

  /** `virtualNowMs`: the emulator's clock, which AKS's minute-scale agent-pool bucket refills on (tests advance it). */
  constructor(
    private readonly nowMs: () => number = () => Date.now(),
    virtualNowMs: () => number = nowMs,
  ) {
    this.agentPoolWrites = new AgentPoolWriteThrottling(virtualNowMs);
  }

  current(): ThrottlingSettings {
    return structuredClone(this.settings);
  }

  /** Changes the settings (partially) and refills every bucket. */
  configure(change: Partial<ThrottlingSettings>): ThrottlingSettings {
    const next: ThrottlingSettings = { ...this.settings, ...change };
    for (const kind of ['reads', 'writes', 'deletes'] as const) next[kind] = validSize({ ...this.settings[kind], ...change[kind] }, kind);
    if (!(next.globalMultiplier >= 1)) throw new ArmError(400, 'InvalidThrottling', 'globalMultiplier must be at least 1.');
    next.agentPoolWrites = validAgentPoolWriteLimit({ ...this.settings.agentPoolWrites, ...change.agentPoolWrites });
    this.settings = { ...next, enabled: next.enabled === true };
    this.buckets.clear();
    this.agentPoolWrites.configure(next.agentPoolWrites);
    return this.current();
  }

  /** AKS's agent-pool PUT bucket of the subscription (after ARM's own buckets admitted the request). */
  admitAgentPoolWrite(subscriptionId: string): void {
    this.agentPoolWrites.admit(subscriptionId);
  }

  reset(): void {
    this.configure(ARM_THROTTLING_DEFAULTS);
  }

  /** Takes a token for one request; returns the rate-limit headers, or throws the 429 when throttled. */
  admit(subscriptionId: string, kind: RequestKind): Record<string, string> {
    const now = this.nowMs();
    const own = this.bucket(subscriptionId, kind, 1, now);
    const global = this.bucket(subscriptionId, kind, this.settings.globalMultiplier, now);
    const empty = [own, global].find((bucket) => bucket.level(now) < 1);
    if (empty && this.settings.enabled) {
      const seconds = empty.secondsUntilToken(now);
      throw new ArmError(
        429,
        'SubscriptionRequestsThrottled',
        `Number of '${SINGULAR[kind]}' requests for subscription '${subscriptionId}' exceeded the limit. Please try again after '${seconds}' seconds, when additional tokens are available.`,
        undefined,
        { 'retry-after': String(seconds), ...headersOf(kind, own, global, now) },
      );
    }
    own.take();
    global.take();
    return headersOf(kind, own, global, now);
  }

  private bucket(subscriptionId: string, kind: RequestKind, multiplier: number, now: number): Bucket {
    const key = `${subscriptionId.toLowerCase()}/${kind}/${multiplier}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const size = this.settings[kind];
      bucket = new Bucket({ bucket: size.bucket * multiplier, refillPerSecond: size.refillPerSecond * multiplier }, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

function headersOf(kind: RequestKind, own: Bucket, global: Bucket, now: number): Record<string, string> {
  return {
    [`x-ms-ratelimit-remaining-subscription-${kind}`]: String(Math.floor(own.level(now))),
    [`x-ms-ratelimit-remaining-subscription-global-${kind}`]: String(Math.floor(global.level(now))),
  };
}

function validSize(size: BucketSize, kind: RequestKind): BucketSize {
  const { bucket, refillPerSecond } = size;
  if (!Number.isFinite(bucket) || bucket < 1 || !Number.isFinite(refillPerSecond) || refillPerSecond <= 0) {
    throw new ArmError(400, 'InvalidThrottling', `${kind} needs a bucket of at least 1 and a positive refillPerSecond.`);
  }
  return { bucket, refillPerSecond };
}

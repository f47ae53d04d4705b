import { TooManyRequestsError } from '../../domain/errors';
import type { Settings } from '../settings/settings';
import { TokenBucket, type BucketLimits } from './tokenBucket';

/** How this instance divides the ARM read budget of the app's identity. */
export interface ArmReadBudgetLimits {
  /** ARM's read bucket for one identity in one subscription (250 tokens, 25 per second). */
  arm: BucketLimits;
  /** Instances that may run at once: each keeps 1/instances of ARM's bucket. */
  instances: number;
  /** Share of this instance's bucket kept for system work (timers, queue triggers, readiness). */
  systemShare: number;
  /** Share of the callers' part one caller may use. */
  callerShare: number;
}

/** On whose behalf an ARM read runs. */
export type ArmReader = { kind: 'system' } | { kind: 'caller'; id: string };

interface SubscriptionBudget {
  system: TokenBucket;
  callers: TokenBucket;
  perCaller: Map<string, TokenBucket>;
}

/** Callers are remembered while their bucket is not full again; past this many, full ones are forgotten. */
const CALLERS_BEFORE_SWEEP = 1_000;

/**
 * Per-instance budget of live ARM reads, per subscription: a reserved part for system work that callers
 * cannot touch, and a callers' part in which no caller may hold more than its share. A caller over its share,
 * or finding the callers' part empty, is refused (429) before ARM is called; system work is never refused here
 * (it draws on its reserve, then on spare callers' tokens, and ARM's own throttling stays the last word).
 */
export class ArmReadBudget {
  private readonly subscriptions = new Map<string, SubscriptionBudget>();
  readonly system: BucketLimits;
  readonly callers: BucketLimits;
  readonly perCaller: BucketLimits;

  constructor(
    limits: ArmReadBudgetLimits,
    private readonly nowMs: () => number = () => Date.now(),
  ) {
    const instanceShare = 1 / limits.instances;
    this.system = scaled(limits.arm, instanceShare * limits.systemShare);
    this.callers = scaled(limits.arm, instanceShare * (1 - limits.systemShare));
    this.perCaller = scaled(limits.arm, instanceShare * (1 - limits.systemShare) * limits.callerShare);
  }

  /** Spends one read in `subscriptionId` for `reader`; throws TooManyRequestsError when a caller is over budget. */
  spend(subscriptionId: string, reader: ArmReader): void {
    const now = this.nowMs();
    const budget = this.budgetOf(subscriptionId.toLowerCase(), now);
    if (reader.kind === 'system') {
      if (!budget.system.tryTake(now)) budget.callers.tryTake(now);
      return;
    }
    const own = this.callerBucket(budget, reader.id, now);
    if (own.hasToken(now) && budget.callers.hasToken(now)) {
      own.tryTake(now);
      budget.callers.tryTake(now);
      return;
    }
    const retryAfterSeconds = Math.max(1, own.secondsUntilToken(now), budget.callers.secondsUntilToken(now));
    throw new TooManyRequestsError(
      `Too many live Azure Resource Manager reads: this caller has used its share of Fleetplane's read budget for the subscription; retry after ${retryAfterSeconds} s.`,
      retryAfterSeconds,
      'ArmReadBudgetExceeded',
    );
  }

  private budgetOf(subscriptionId: string, now: number): SubscriptionBudget {
    let budget = this.subscriptions.get(subscriptionId);
    if (!budget) {
      budget = { system: new TokenBucket(this.system, now), callers: new TokenBucket(this.callers, now), perCaller: new Map() };
      this.subscriptions.set(subscriptionId, budget);
    }
    return budget;
  }

  private callerBucket(budget: SubscriptionBudget, callerId: string, now: number): TokenBucket {
    let bucket = budget.perCaller.get(callerId);
    if (!bucket) {
      if (budget.perCaller.size >= CALLERS_BEFORE_SWEEP) forgetFullBuckets(budget.perCaller, now);
      bucket = new TokenBucket(this.perCaller, now);
      budget.perCaller.set(callerId, bucket);
    }
    return bucket;
  }
}

function scaled(limits: BucketLimits, factor: number): BucketLimits {
  return { capacity: Math.max(1, Math.floor(limits.capacity * factor)), refillPerSecond: limits.refillPerSecond * factor };
}

function forgetFullBuckets(buckets: Map<string, TokenBucket>, now: number): void {
  for (const [id, bucket] of buckets) if (bucket.isFull(now)) buckets.delete(id);
}

/** The budget the settings describe. */
export function armReadBudgetOf(settings: Settings, nowMs?: () => number): ArmReadBudget {
  return new ArmReadBudget(
    {
      arm: { capacity: settings.FLEETPLANE_ARM_READ_BUCKET, refillPerSecond: settings.FLEETPLANE_ARM_READS_PER_SECOND },
      instances: settings.FLEETPLANE_INSTANCE_COUNT,
      systemShare: settings.FLEETPLANE_ARM_SYSTEM_READ_SHARE,
      callerShare: settings.FLEETPLANE_ARM_CALLER_READ_SHARE,
    },
    nowMs,
  );
}

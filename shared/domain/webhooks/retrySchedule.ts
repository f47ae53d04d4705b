/**
 * When a failed delivery is tried again: exponential back-off (base × 4^(n-1), capped) with equal jitter
 * (half the delay fixed, half random) so that a receiver that comes back is not hit by every delivery at
 * once, until the delivery is older than `giveUpAfterSeconds` (about 3 days by default).
 */
export interface RetryPolicy {
  readonly baseDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly giveUpAfterSeconds: number;
}

const GROWTH = 4;

/** The delay before attempt `failedAttempts + 1`; `random` is in [0, 1). */
export function retryDelaySeconds(failedAttempts: number, policy: RetryPolicy, random: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const delay = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * GROWTH ** Math.min(exponent, 30));
  return delay / 2 + (delay / 2) * Math.min(Math.max(random, 0), 1);
}

/** The next attempt's time, or undefined when the delivery has been retried long enough and fails for good. */
export function nextAttemptAt(
  input: { firstAttemptAt: Date; failedAttempts: number; now: Date; retryAfterSeconds?: number },
  policy: RetryPolicy,
  random: number,
): Date | undefined {
  // A receiver's Retry-After (429, 503) is honoured up to the longest back-off delay.
  const asked = Math.min(Math.max(input.retryAfterSeconds ?? 0, 0), policy.maxDelaySeconds);
  const delaySeconds = Math.max(retryDelaySeconds(input.failedAttempts, policy, random), asked);
  const next = new Date(input.now.getTime() + delaySeconds * 1000);
  const giveUpAt = input.firstAttemptAt.getTime() + policy.giveUpAfterSeconds * 1000;
  return next.getTime() > giveUpAt ? undefined : next;
}

/** The default policy: 5 s, 20 s, 80 s, … capped at 10 h, for 3 days (about 15 attempts with jitter). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelaySeconds: 5, maxDelaySeconds: 36_000, giveUpAfterSeconds: 259_200 };

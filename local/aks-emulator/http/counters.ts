/** Requests seen, by ARM operation name (e.g. `managedClusters.list`), so tests can assert the product's call count. */
export class RequestCounters {
  private readonly counts = new Map<string, number>();
  /** Every request that reached the server, matched to an operation or not (e.g. a malformed path). */
  private seen = 0;

  noteRequest(): void {
    this.seen += 1;
  }

  requestsSeen(): number {
    return this.seen;
  }

  increment(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  get(operation: string): number {
    return this.counts.get(operation) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
    this.seen = 0;
  }
}

/** Approximates ARM's x-ms-ratelimit-remaining-subscription-* headers: a budget per subscription per hour. */
export class RateLimitBudget {
  private readonly used = new Map<string, { hour: number; count: number }>();

  constructor(private readonly limits = { reads: 12_000, writes: 1_200 }) {}

  consume(subscriptionId: string, kind: 'reads' | 'writes', nowMs: number): number {
    const hour = Math.floor(nowMs / 3_600_000);
    const key = `${subscriptionId.toLowerCase()}/${kind}`;
    const entry = this.used.get(key);
    const next = entry && entry.hour === hour ? { hour, count: entry.count + 1 } : { hour, count: 1 };
    this.used.set(key, next);
    return Math.max(0, this.limits[kind] - next.count);
  }
}

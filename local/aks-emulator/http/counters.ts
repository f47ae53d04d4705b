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

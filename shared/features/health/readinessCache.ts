import type { ReadinessReport } from './health.api';

/**
 * The last readiness report of this instance, reused for `ttlMs`: a flood of probes (load balancers, monitors,
 * anyone on the internet) costs at most one dependency probe per period, and concurrent callers share the
 * probe in flight.
 */
export class ReadinessCache {
  private latest: { report: ReadinessReport; expiresAt: number } | undefined;
  private inFlight: Promise<ReadinessReport> | undefined;

  constructor(
    private readonly probe: () => Promise<ReadinessReport>,
    private readonly ttlMs: number,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  /** The cached report while fresh, else the result of one new probe. */
  async current(): Promise<{ report: ReadinessReport; retryAfterSeconds: number }> {
    const report = this.fresh() ?? (await this.probeOnce());
    return { report, retryAfterSeconds: this.secondsUntilNextProbe() };
  }

  private fresh(): ReadinessReport | undefined {
    return this.latest && this.nowMs() < this.latest.expiresAt ? this.latest.report : undefined;
  }

  private probeOnce(): Promise<ReadinessReport> {
    this.inFlight ??= this.probe()
      .then((report) => {
        this.latest = { report, expiresAt: this.nowMs() + this.ttlMs };
        return report;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private secondsUntilNextProbe(): number {
    const remainingMs = (this.latest?.expiresAt ?? 0) - this.nowMs();
    return Math.max(1, Math.ceil(remainingMs / 1000));
  }
}

/**
 * Virtual clock. Simulated time = start + (real elapsed × speed) + manual advances.
 * speed 0 freezes time so tests move it only through `advance`, which makes intermediate states observable.
 */
export class VirtualClock {
  private realStart: number;
  private advancedMs = 0;

  constructor(
    private startMs: number,
    private speed: number,
    private readonly realNow: () => number = () => Date.now(),
  ) {
    this.realStart = realNow();
  }

  now(): number {
    return this.startMs + (this.realNow() - this.realStart) * this.speed + this.advancedMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  advance(ms: number): void {
    if (ms < 0 || !Number.isFinite(ms)) throw new RangeError('advance needs a non-negative number of milliseconds');
    this.advancedMs += ms;
  }

  /** Changes the speed from now on without moving the current virtual time. */
  setSpeed(speed: number): void {
    if (speed < 0 || !Number.isFinite(speed)) throw new RangeError('speed must be a non-negative number');
    this.startMs = this.now();
    this.advancedMs = 0;
    this.realStart = this.realNow();
    this.speed = speed;
  }
}

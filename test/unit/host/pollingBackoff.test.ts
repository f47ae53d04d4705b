import { describe, expect, it } from 'vitest';
import { PollingBackoff } from '../../../local/host/queues/pollingBackoff';

const delays = (backoff: PollingBackoff, found: boolean[]) =>
  found.map((f) => Math.round(backoff.nextDelayMs(f)));

describe('polling back-off', () => {
  it('grows exponentially from the minimum while nothing is found, capped at the maximum', () => {
    const backoff = new PollingBackoff(100, 1_000, () => 0.5);
    expect(delays(backoff, Array(8).fill(false))).toEqual([100, 200, 300, 500, 900, 1_000, 1_000, 1_000]);
  });

  it('returns to the minimum after messages were found, then grows again', () => {
    const backoff = new PollingBackoff(100, 60_000, () => 0.5);
    delays(backoff, [false, false, false, false]);
    expect(delays(backoff, [true, false, false])).toEqual([100, 200, 300]);
  });

  it('randomizes each step by ±20%', () => {
    const low = new PollingBackoff(100, 60_000, () => 0);
    const high = new PollingBackoff(100, 60_000, () => 1);
    expect(delays(low, [false, false, false])).toEqual([100, 180, 260]);
    expect(delays(high, [false, false, false])).toEqual([100, 220, 340]);
  });

  it('refuses a minimum above the maximum', () => {
    expect(() => new PollingBackoff(200, 100)).toThrow(/must not exceed/);
  });
});

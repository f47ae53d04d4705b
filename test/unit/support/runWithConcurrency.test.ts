import { describe, expect, it } from 'vitest';
import { runWithConcurrency } from '../../support/runWithConcurrency';

describe('runWithConcurrency', () => {
  it('does every item once with at most `limit` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await runWithConcurrency([...Array(25).keys()], 4, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, item % 3));
      done.push(item);
      inFlight--;
    });
    expect(done.sort((a, b) => a - b)).toEqual([...Array(25).keys()]);
    expect(peak).toBe(4);
  });

  it('rejects with the failure of an item', async () => {
    await expect(
      runWithConcurrency([1, 2, 3], 2, (item) =>
        item === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(),
      ),
    ).rejects.toThrow('boom');
  });

  it('does nothing for no items', async () => {
    await expect(
      runWithConcurrency([], 3, () => Promise.reject(new Error('never'))),
    ).resolves.toBeUndefined();
  });
});

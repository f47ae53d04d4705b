import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transactionBatches } from '../../../shared/platform/storage/transactionBatches';

const limits = { maxOperations: 3, maxBytes: 10 };

describe('transactionBatches', () => {
  it.each([
    ['nothing', [], []],
    ['by count', [1, 1, 1, 1, 1, 1, 1], [[1, 1, 1], [1, 1, 1], [1]]],
    ['by size', [4, 4, 4, 1], [[4, 4], [4, 1]]],
    ['exactly at the size limit', [5, 5, 1], [[5, 5], [1]]],
    ['an oversized item alone', [2, 11, 2], [[2], [11], [2]]],
  ])('%s', (_name, sizes, expected) => {
    expect(transactionBatches(sizes, (size) => size, limits)).toEqual(expected);
  });

  it('keeps order and every item, and each batch within the limits unless one item alone exceeds them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 60 }), (sizes) => {
        const batches = transactionBatches(sizes, (size) => size, limits);
        expect(batches.flat()).toEqual(sizes);
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(limits.maxOperations);
          const bytes = batch.reduce((sum, size) => sum + size, 0);
          if (batch.length > 1) expect(bytes).toBeLessThanOrEqual(limits.maxBytes);
        }
      }),
    );
  });

  it('defaults to the service limits: 100 operations per transaction', () => {
    expect(transactionBatches(Array.from({ length: 250 }, () => 'row'), () => 100).map((batch) => batch.length)).toEqual([100, 100, 50]);
  });
});

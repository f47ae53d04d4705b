import { describe, expect, it } from 'vitest';
import { KeyedTtlCache } from '../../../shared/platform/cache/keyedTtlCache';

describe('KeyedTtlCache', () => {
  function setup() {
    let now = 0;
    let reads = 0;
    const cache = new KeyedTtlCache<number>(1_000, () => now);
    const read = (value: number) => () => {
      reads += 1;
      return Promise.resolve(value);
    };
    return { cache, read, reads: () => reads, advance: (ms: number) => (now += ms) };
  }

  it('shares one read per key until the time to live has passed', async () => {
    const { cache, read, reads, advance } = setup();
    expect(await Promise.all([cache.get('a', read(1)), cache.get('a', read(2))])).toEqual([1, 1]);
    expect(await cache.get('b', read(3))).toBe(3);
    advance(999);
    expect(await cache.get('a', read(4))).toBe(1);
    advance(1);
    expect(await cache.get('a', read(5))).toBe(5);
    expect(reads()).toBe(3);
  });

  it('forgets a failed read at once', async () => {
    const { cache, read } = setup();
    await expect(cache.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', read(7))).toBe(7);
  });

  it('forgets the keys under a prefix only', async () => {
    const { cache, read, reads } = setup();
    await cache.get('sub1/eastus', read(1));
    await cache.get('sub2/eastus', read(2));
    cache.forgetPrefix('sub1/');
    expect(await cache.get('sub1/eastus', read(3))).toBe(3);
    expect(await cache.get('sub2/eastus', read(4))).toBe(2);
    expect(reads()).toBe(3);
  });
});

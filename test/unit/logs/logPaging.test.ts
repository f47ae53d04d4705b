import { describe, expect, it } from 'vitest';
import { pageOf, rowsToFetch, type LogPagePosition } from '../../../shared/domain/logs/logPaging';

interface Row {
  id: string;
  time: number;
}
const row = (id: string, time: number): Row => ({ id, time });
const timeOf = (value: Row) => value.time;
const ids = (rows: Row[]) => rows.map((value) => value.id);

/** What the query would return: rows up to the cursor's millisecond, in order, at most rowsToFetch of them. */
function fetch(all: Row[], limit: number, after?: LogPagePosition): Row[] {
  const eligible = after === undefined ? all : all.filter((value) => value.time <= after.time);
  return eligible.slice(0, rowsToFetch(limit, after));
}

function everyPage(all: Row[], limit: number): string[][] {
  const pages: string[][] = [];
  let after: LogPagePosition | undefined;
  do {
    const page = pageOf(fetch(all, limit, after), timeOf, limit, after);
    pages.push(ids(page.rows));
    after = page.next;
  } while (after !== undefined && pages.length < 100);
  return pages;
}

// Newest first; equal times already in their total order.
const ROWS = [row('a', 50), row('b', 40), row('c', 40), row('d', 40), row('e', 40), row('f', 30), row('g', 20), row('h', 20)];

describe('log paging', () => {
  it.each([1, 2, 3, 4, 5, 8, 9])('returns every row exactly once in pages of %s, also across runs of equal times', (limit) => {
    const pages = everyPage(ROWS, limit);
    expect(pages.flat()).toEqual(ids(ROWS));
    expect(pages.every((page) => page.length <= limit)).toBe(true);
    expect(pages).toHaveLength(Math.ceil(ROWS.length / limit));
  });

  it('counts the rows of the last millisecond, adding those of earlier pages when a page ends in the same one', () => {
    const first = pageOf(fetch(ROWS, 2), timeOf, 2, undefined);
    expect(first.next).toEqual({ time: 40, skip: 1 });
    const second = pageOf(fetch(ROWS, 2, first.next), timeOf, 2, first.next);
    expect(ids(second.rows)).toEqual(['c', 'd']);
    expect(second.next).toEqual({ time: 40, skip: 3 });
  });

  it('has no next position when the rows end with the page', () => {
    expect(pageOf(fetch(ROWS, 8), timeOf, 8, undefined)).toEqual({ rows: ROWS });
    expect(pageOf([], timeOf, 5, { time: 10, skip: 1 })).toEqual({ rows: [] });
  });

  it('is not shifted by newer rows arriving between pages', () => {
    const first = pageOf(fetch(ROWS, 3), timeOf, 3, undefined);
    const grown = [row('new', 60), ...ROWS];
    const second = pageOf(fetch(grown, 3, first.next), timeOf, 3, first.next);
    expect(ids(second.rows)).toEqual(['d', 'e', 'f']);
  });

  it('skips only rows of the cursor\'s millisecond when some of them are gone', () => {
    const after = { time: 40, skip: 3 };
    const fetched = [row('d', 40), row('f', 30), row('g', 20)];
    expect(pageOf(fetched, timeOf, 2, after)).toEqual({ rows: [row('f', 30), row('g', 20)] });
  });
});

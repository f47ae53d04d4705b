import { describe, expect, it } from 'vitest';
import type { Row } from '../../../local/aks-emulator/logAnalytics/kql/table';
import type { LogRecord } from '../../../local/aks-emulator/logAnalytics/logRecords';
import { RowCache } from '../../../local/aks-emulator/logAnalytics/rowCache';

function counting(): { convert: (record: LogRecord) => Row; converted: () => number } {
  let count = 0;
  return {
    convert: (record) => {
      count += 1;
      return [record['n'] as number];
    },
    converted: () => count,
  };
}

describe('RowCache', () => {
  it('converts an append-only array once and only the appended records afterwards', () => {
    const cache = new RowCache();
    const { convert, converted } = counting();
    const records: LogRecord[] = [{ n: 1 }, { n: 2 }];
    const first = cache.rowsOf('ws', 'T', records, convert);
    expect(cache.rowsOf('ws', 'T', records, convert)).toBe(first);
    records.push({ n: 3 });
    expect(cache.rowsOf('ws', 'T', records, convert)).toEqual([[1], [2], [3]]);
    expect(converted()).toBe(3);
  });

  it('converts everything again when the array lost records at the front or is another array', () => {
    const cache = new RowCache();
    const { convert, converted } = counting();
    const records: LogRecord[] = [{ n: 1 }, { n: 2 }];
    cache.rowsOf('ws', 'T', records, convert);
    records.shift();
    records.push({ n: 3 });
    expect(cache.rowsOf('ws', 'T', records, convert)).toEqual([[2], [3]]);
    expect(cache.rowsOf('ws', 'T', [...records], convert)).toEqual([[2], [3]]);
    expect(converted()).toBe(6);
  });

  it('keeps workspaces and tables apart, and converts iterables that are not arrays every time', () => {
    const cache = new RowCache();
    const { convert, converted } = counting();
    const records: LogRecord[] = [{ n: 1 }];
    cache.rowsOf('ws1', 'T', records, convert);
    cache.rowsOf('ws2', 'T', records, convert);
    cache.rowsOf('ws1', 'U', records, convert);
    expect(converted()).toBe(3);
    const set = new Set(records);
    cache.rowsOf('ws1', 'V', set, convert);
    cache.rowsOf('ws1', 'V', set, convert);
    expect(converted()).toBe(5);
  });
});

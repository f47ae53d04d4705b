import type { Row } from './kql/table';
import type { LogRecord } from './logRecords';

interface ConvertedTable {
  readonly records: readonly LogRecord[];
  readonly rows: Row[];
  first: LogRecord | undefined;
  last: LogRecord | undefined;
}

/**
 * Rows already converted from records, per workspace and table, so that repeated queries skip the conversion
 * (the dominant cost over 100,000 records). It pays off when a workspace hands out the same array each time and
 * only appends to it: the new tail is converted, the rest reused. Any other change to the array (a record
 * removed or replaced at the front or at the end of the converted part) converts it all again; records
 * themselves are never modified once handed over (`LogRecord` is read-only). Callers must not modify the rows.
 */
export class RowCache {
  private readonly tables = new Map<string, ConvertedTable>();

  rowsOf(
    workspaceId: string,
    table: string,
    records: Iterable<LogRecord>,
    convert: (record: LogRecord) => Row,
  ): readonly Row[] {
    if (!Array.isArray(records)) return Array.from(records, convert);
    const list = records as readonly LogRecord[];
    const key = `${workspaceId}\u0000${table}`;
    let converted = this.tables.get(key);
    if (converted === undefined || !isAppendOnlyContinuation(converted, list)) {
      converted = { records: list, rows: [], first: list[0], last: undefined };
      this.tables.set(key, converted);
    }
    for (let i = converted.rows.length; i < list.length; i += 1) converted.rows.push(convert(list[i]!));
    converted.last = list[list.length - 1];
    return converted.rows;
  }
}

function isAppendOnlyContinuation(converted: ConvertedTable, records: readonly LogRecord[]): boolean {
  const count = converted.rows.length;
  return (
    converted.records === records &&
    records.length >= count &&
    records[0] === converted.first &&
    (count === 0 || records[count - 1] === converted.last)
  );
}

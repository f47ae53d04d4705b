import { toKqlString } from './kql/expressions/conversions';
import type { KqlType, KqlValue, Table } from './kql/table';
import { formatDateTime, formatTimespan } from './kql/timeValues';

export type WireCell = string | number | boolean | null;

export interface WireTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: KqlType }[];
  readonly rows: WireCell[][];
}

/**
 * A result table as the service sends it: datetimes as ISO 8601 text, timespans as "[d.]hh:mm:ss[.fffffff]",
 * dynamic values as JSON text (a dynamic string as itself), non-finite reals as "NaN"/"Infinity"/"-Infinity".
 */
export function toWireTable(table: Table, name = 'PrimaryResult'): WireTable {
  const writers = table.columns.map((column) => cellWriter(column.type));
  return {
    name,
    columns: table.columns.map((column) => ({ name: column.name, type: column.type })),
    rows: table.rows.map((row) => writers.map((write, index) => write(row[index] ?? null))),
  };
}

function cellWriter(type: KqlType): (value: KqlValue) => WireCell {
  switch (type) {
    case 'datetime':
      return (value) => (value === null ? null : formatDateTime(value as number));
    case 'timespan':
      return (value) => (value === null ? null : formatTimespan(value as number));
    case 'dynamic':
      return (value) => (value === null ? null : toKqlString('dynamic', value));
    case 'real':
      return (value) =>
        typeof value === 'number' && !Number.isFinite(value) ? String(value) : (value as WireCell);
    default:
      return (value) => value as WireCell;
  }
}

import type { TableSchema } from './kql/analyzeQuery';
import type { JsonValue, KqlType, KqlValue, Row } from './kql/table';
import { formatDateTime, parseIsoDateTime, parseTimespanText } from './kql/timeValues';

/**
 * A record as the workload simulation writes it: column name → value. Datetimes may be `Date`s, ISO 8601 text
 * or epoch milliseconds; dynamic columns hold any JSON value; a missing column is null (empty for strings).
 */
export type LogRecord = Readonly<Record<string, unknown>>;

/**
 * The record as a row in the schema's column order, each cell converted to the engine's form (`KqlValue`).
 * `defaults` fill columns the record leaves out (the workspace's TenantId, the table's Type).
 */
export function toRow(schema: TableSchema, record: LogRecord, defaults: LogRecord = {}): Row {
  return schema.columns.map((column) => toCell(column.type, record[column.name] ?? defaults[column.name]));
}

function toCell(type: KqlType, value: unknown): KqlValue {
  switch (type) {
    case 'string':
    case 'guid':
      return toText(value);
    case 'long':
    case 'int':
    case 'real':
      return toNumber(value);
    case 'datetime':
      return toDateTime(value);
    case 'timespan':
      return typeof value === 'number'
        ? value
        : typeof value === 'string'
          ? (parseTimespanText(value) ?? null)
          : null;
    case 'bool':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;
    case 'dynamic':
      return toJson(value);
  }
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return formatDateTime(value.getTime());
  return JSON.stringify(value);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

function toDateTime(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseIsoDateTime(value) ?? null;
  return null;
}

function toJson(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return formatDateTime(value.getTime());
  return value as JsonValue;
}

import type { TableSchema } from './kql/analyzeQuery';
import type { JsonValue, KqlType, KqlValue, Row } from './kql/table';
import { formatDateTime, parseIsoDateTime, parseTimespanText } from './kql/timeValues';

/**
 * A record as the workload simulation writes it: column name → value. Datetimes may be `Date`s, ISO 8601 text
 * or epoch milliseconds; dynamic columns hold any JSON value; a missing column is null (empty for strings).
 */
export type LogRecord = Readonly<Record<string, unknown>>;

/**
 * A converter of records to rows in the schema's column order, each cell in the engine's form (`KqlValue`).
 * `defaults` fill columns a record leaves out (the workspace's TenantId, the table's Type).
 */
export function rowConverter(schema: TableSchema, defaults: LogRecord = {}): (record: LogRecord) => Row {
  const names = schema.columns.map((column) => column.name);
  const converters = schema.columns.map((column) => cellConverter(column.type));
  return (record) => {
    const row: Row = new Array<KqlValue>(names.length);
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i]!;
      row[i] = converters[i]!(record[name] ?? defaults[name]);
    }
    return row;
  };
}

function cellConverter(type: KqlType): (value: unknown) => KqlValue {
  switch (type) {
    case 'string':
    case 'guid':
      return toText;
    case 'long':
    case 'int':
    case 'real':
      return toNumber;
    case 'datetime':
      return toDateTime;
    case 'timespan':
      return (value) =>
        typeof value === 'number'
          ? value
          : typeof value === 'string'
            ? (parseTimespanText(value) ?? null)
            : null;
    case 'bool':
      return (value) =>
        typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;
    case 'dynamic':
      return toJson;
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

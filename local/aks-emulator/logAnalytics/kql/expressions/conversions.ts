import type { JsonValue, KqlType, KqlValue } from '../table';
import { formatDateTime, formatTimespan } from '../timeValues';

/** `tostring()`: null becomes "", datetimes ISO 8601, timespans "[d.]hh:mm:ss", dynamic strings unquoted. */
export function toKqlString(type: KqlType, value: KqlValue): string {
  if (value === null) return '';
  switch (type) {
    case 'datetime':
      return formatDateTime(value as number);
    case 'timespan':
      return formatTimespan(value as number);
    case 'real':
      return formatReal(value as number);
    case 'dynamic':
      return typeof value === 'string'
        ? value
        : typeof value === 'number'
          ? formatReal(value)
          : JSON.stringify(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** .NET's shortest round-trip form, which Kusto prints: "1.5", "1", "1E+21", "NaN". */
function formatReal(value: number): string {
  return String(value).replace('e', 'E');
}

/** A typed value placed inside a dynamic (make_list, parse_json of a non-string): times become their text. */
export function toDynamic(type: KqlType, value: KqlValue): JsonValue {
  if (value === null) return null;
  if (type === 'datetime') return formatDateTime(value as number);
  if (type === 'timespan') return formatTimespan(value as number);
  return value;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** `toint()`: reals truncate toward zero; text must be an integer; anything else, or out of range, is null. */
export function toInt(type: KqlType, value: KqlValue): number | null {
  const number = toNumber(type, value, /^[+-]?\d+$/);
  if (number === null || !Number.isFinite(number)) return null;
  const truncated = Math.trunc(number);
  return truncated < INT32_MIN || truncated > INT32_MAX ? null : truncated;
}

/** `todouble()`: numbers and numeric text; anything else is null. */
export function toDouble(type: KqlType, value: KqlValue): number | null {
  return toNumber(type, value, /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$|^[+-]?(nan|infinity)$/i);
}

function toNumber(type: KqlType, value: KqlValue, textForm: RegExp): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return type === 'datetime' || type === 'timespan' ? null : value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.trim();
    if (!textForm.test(text)) return null;
    return /nan$/i.test(text) ? Number.NaN : Number(text.replace(/infinity$/i, 'Infinity'));
  }
  return null;
}

/** `parse_json()`: JSON text becomes its value; text that is not JSON stays a dynamic string. */
export function parseJson(type: KqlType, value: KqlValue): JsonValue {
  if (type !== 'string') return toDynamic(type, value);
  const text = value as string;
  if (text === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

import { unsupported } from './kqlErrors';
import type { LiteralExpressionNode } from './syntaxNodes';
import type { KqlType, KqlValue } from './table';
import { parseIsoDateTime, parseTimespanText } from './timeValues';

/**
 * The value of a literal token. The parser classifies the literal (its `SyntaxKind`); its text is read here
 * because the Bridge build's decoded values are lossy for anything but strings (hex longs, NaN, sub-second
 * datetimes and clock-form timespans come back wrong).
 */
export function literalValue(kind: string, node: LiteralExpressionNode): { type: KqlType; value: KqlValue } {
  const text = node.Token.Text;
  switch (kind) {
    case 'LongLiteralExpression':
      return { type: 'long', value: integerLiteral(text) };
    case 'IntLiteralExpression':
      return { type: 'int', value: integerLiteral(text) };
    case 'RealLiteralExpression':
      return { type: 'real', value: realLiteral(text) };
    case 'BooleanLiteralExpression':
      return { type: 'bool', value: booleanLiteral(text) };
    case 'StringLiteralExpression':
      return { type: 'string', value: String(node.LiteralValue) };
    case 'DateTimeLiteralExpression':
      return { type: 'datetime', value: dateTimeLiteral(text) };
    case 'TimespanLiteralExpression':
      return { type: 'timespan', value: timespanLiteral(text) };
    case 'NullLiteralExpression':
      return { type: 'dynamic', value: null };
    default:
      throw unsupported(`The literal ${text}`);
  }
}

/** `long(5)` → "5"; `5` → "5". */
function unwrap(text: string): string {
  const wrapped = /^[a-z0-9_]+\(([\s\S]*)\)$/i.exec(text.trim());
  return (wrapped ? wrapped[1]! : text).trim();
}

function integerLiteral(text: string): number | null {
  const body = unwrap(text);
  if (body.toLowerCase() === 'null') return null;
  const hex = /^([+-]?)0x([0-9a-f]+)$/i.exec(body);
  if (hex) return (hex[1] === '-' ? -1 : 1) * parseInt(hex[2]!, 16);
  const value = Number(body);
  if (!Number.isInteger(value)) throw unsupported(`The literal ${text}`);
  return value;
}

function realLiteral(text: string): number | null {
  const body = unwrap(text).toLowerCase();
  if (body === 'null') return null;
  if (body === 'nan') return Number.NaN;
  if (body === '+inf' || body === 'inf') return Number.POSITIVE_INFINITY;
  if (body === '-inf') return Number.NEGATIVE_INFINITY;
  const value = Number(body);
  if (Number.isNaN(value)) throw unsupported(`The literal ${text}`);
  return value;
}

function booleanLiteral(text: string): boolean | null {
  const body = unwrap(text).toLowerCase();
  if (body === 'null') return null;
  if (body === 'true' || body === '1') return true;
  if (body === 'false' || body === '0') return false;
  throw unsupported(`The literal ${text}`);
}

function dateTimeLiteral(text: string): number | null {
  const body = unwrap(text).replace(/^(['"])(.*)\1$/s, '$2');
  if (body.toLowerCase() === 'null') return null;
  const ms = parseIsoDateTime(body);
  if (ms === undefined) throw unsupported(`The datetime literal ${text} (only ISO 8601 forms are)`);
  return ms;
}

function timespanLiteral(text: string): number | null {
  const isWrapped = /^(time|timespan)\(/i.test(text.trim());
  const body = isWrapped ? unwrap(text).replace(/^(['"])(.*)\1$/s, '$2') : text;
  if (body.toLowerCase() === 'null') return null;
  const ms = parseTimespanText(body);
  if (ms === undefined) throw unsupported(`The timespan literal ${text}`);
  return ms;
}

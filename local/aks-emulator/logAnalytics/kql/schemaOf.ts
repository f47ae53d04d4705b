import type { ColumnSymbol, TypeSymbol } from './kustoApi';
import { unsupported } from './kqlErrors';
import { readOnlyItems } from './syntaxNodes';
import type { Column, KqlType } from './table';

const SCALAR_TYPES: ReadonlySet<string> = new Set([
  'string',
  'long',
  'int',
  'real',
  'datetime',
  'timespan',
  'bool',
  'guid',
]);

/** The wire type of an analysed expression or column; `decimal` and the like are outside the emulator's subset. */
export function kqlTypeOf(symbol: TypeSymbol | null): KqlType {
  const name = symbol?.Name ?? 'unknown';
  if (SCALAR_TYPES.has(name)) return name as KqlType;
  if (name === 'dynamic') return 'dynamic';
  throw unsupported(`A value of type '${name}'`);
}

/** The columns of a tabular expression as the analyser computed them (names, order, types). */
export function columnsOf(symbol: TypeSymbol | null): Column[] {
  return columnSymbolsOf(symbol).map((column) => ({ name: column.Name, type: kqlTypeOf(column.Type) }));
}

export function columnSymbolsOf(symbol: TypeSymbol | null): ColumnSymbol[] {
  if (symbol?.Columns === undefined)
    throw unsupported(`A tabular value of type '${symbol?.Name ?? 'unknown'}'`);
  return readOnlyItems(symbol.Columns);
}

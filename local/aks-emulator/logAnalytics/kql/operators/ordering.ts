import type { SyntaxNode } from '../kustoApi';
import { compareScalars } from '../expressions/comparisons';
import type { CompiledScalar } from '../expressions/compiledScalar';
import { unsupported } from '../kqlErrors';
import { as, type OrderedExpressionNode } from '../syntaxNodes';
import type { KqlValue, Row } from '../table';
import type { OperatorContext } from './operatorContext';

export interface SortKey {
  readonly value: CompiledScalar;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/**
 * A `by` term of sort/order/top: `desc` unless `asc` is written; nulls (and NaN, grouped with them) last when
 * descending and first when ascending, unless `nulls first|last` says otherwise.
 */
export function sortKey(node: SyntaxNode, context: OperatorContext): SortKey {
  const isOrdered = context.language.kindOf(node) === 'OrderedExpression';
  const ordered = isOrdered ? as<OrderedExpressionNode>(node) : undefined;
  const value = context.scalar(ordered ? ordered.Expression : node);
  if (value.type === 'dynamic') throw unsupported('Sorting by a dynamic value');
  const direction = ordered?.Ordering.AscOrDescKeyword?.Text.toLowerCase();
  const descending = direction !== 'asc';
  const nulls = ordered?.Ordering.NullsClause?.FirstOrLastKeyword?.Text.toLowerCase();
  return { value, descending, nullsFirst: nulls === undefined ? !descending : nulls === 'first' };
}

interface KeyedRow {
  readonly row: Row;
  readonly values: KqlValue[];
}

/** Sorts rows by the keys (stable: equal rows keep their input order); each key is evaluated once per row. */
export function sortRows(rows: readonly Row[], keys: readonly SortKey[]): Row[] {
  const compare = comparator(keys);
  return rows
    .map((row) => keyed(row, keys))
    .sort(compare)
    .map((entry) => entry.row);
}

/**
 * The first `count` rows of `sortRows(rows, keys)`. For a small count the rows are not all sorted: a sorted
 * buffer of `count` rows keeps the best seen so far (a later row only displaces a strictly better-ranked one).
 */
export function topRows(rows: readonly Row[], keys: readonly SortKey[], count: number): Row[] {
  if (count * 4 >= rows.length) return sortRows(rows, keys).slice(0, count);
  const compare = comparator(keys);
  const best: KeyedRow[] = [];
  for (const row of rows) {
    const entry = keyed(row, keys);
    if (best.length === count && compare(entry, best[count - 1]!) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(entry, best[middle]!) < 0) high = middle;
      else low = middle + 1;
    }
    best.splice(low, 0, entry);
    if (best.length > count) best.pop();
  }
  return best.map((entry) => entry.row);
}

function keyed(row: Row, keys: readonly SortKey[]): KeyedRow {
  return { row, values: keys.map((key) => key.value.evaluate(row)) };
}

function comparator(keys: readonly SortKey[]): (a: KeyedRow, b: KeyedRow) => number {
  return (a, b) => {
    for (let i = 0; i < keys.length; i += 1) {
      const order = compareKeyValues(a.values[i] ?? null, b.values[i] ?? null, keys[i]!);
      if (order !== 0) return order;
    }
    return 0;
  };
}

const isNullLike = (value: KqlValue): boolean =>
  value === null || (typeof value === 'number' && Number.isNaN(value));

function compareKeyValues(a: KqlValue, b: KqlValue, key: SortKey): number {
  const aNull = isNullLike(a);
  const bNull = isNullLike(b);
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    return aNull === key.nullsFirst ? -1 : 1;
  }
  const order = compareScalars(a, b);
  return key.descending ? -order : order;
}

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

/** Sorts rows by the keys (stable: equal rows keep their input order); each key is evaluated once per row. */
export function sortRows(rows: readonly Row[], keys: readonly SortKey[]): Row[] {
  const decorated = rows.map((row) => ({ row, values: keys.map((key) => key.value.evaluate(row)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i += 1) {
      const order = compareKeyValues(a.values[i] ?? null, b.values[i] ?? null, keys[i]!);
      if (order !== 0) return order;
    }
    return 0;
  });
  return decorated.map((entry) => entry.row);
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

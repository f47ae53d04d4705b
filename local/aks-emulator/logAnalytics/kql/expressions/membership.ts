import { typeMismatch, unsupported } from '../kqlErrors';
import type { KqlType, KqlValue, Row, Table } from '../table';
import { isNumericType } from '../table';
import type { CompiledScalar } from './compiledScalar';
import { fromDynamic } from './comparisons';

/** One entry of an `in (...)` list: a scalar (a dynamic array counts as its items) or a tabular expression. */
export type MembershipSource = { readonly scalar: CompiledScalar } | { readonly table: () => Table };

/**
 * `in`, `!in`, `in~`, `!in~`. Text compares case-sensitively unless `~`; a tabular source contributes its first
 * column. A null left side is in no list (so `!in` holds for it).
 */
export function compileIn(
  options: { negated: boolean; caseInsensitive: boolean },
  left: CompiledScalar,
  sources: readonly MembershipSource[],
): CompiledScalar {
  for (const source of sources) {
    if ('scalar' in source) checkComparable(left.type, source.scalar.type);
  }
  const fold = options.caseInsensitive ? foldCase : (value: KqlValue) => value;
  const readLeft = (row: Row): KqlValue => {
    const value = left.evaluate(row);
    return left.type === 'dynamic' ? primitive(value) : fold(value);
  };
  const isConstant = sources.every((source) => !('scalar' in source) || source.scalar.constant === true);
  let constantMembers: Set<KqlValue> | undefined;
  const membersFor = (row: Row): Set<KqlValue> => {
    if (isConstant) return (constantMembers ??= collectMembers(sources, left.type, fold, row));
    return collectMembers(sources, left.type, fold, row);
  };
  return {
    type: 'bool',
    evaluate: (row) => {
      const value = readLeft(row);
      const found = value !== null && membersFor(row).has(value);
      return found !== options.negated;
    },
  };
}

function collectMembers(
  sources: readonly MembershipSource[],
  leftType: KqlType,
  fold: (value: KqlValue) => KqlValue,
  row: Row,
): Set<KqlValue> {
  const members = new Set<KqlValue>();
  const add = (type: KqlType, value: KqlValue): void => {
    if (value === null) return;
    if (type === 'dynamic' && Array.isArray(value)) {
      for (const item of value) add('dynamic', item);
      return;
    }
    const read = type === 'dynamic' && leftType !== 'dynamic' ? fromDynamic(value, leftType) : value;
    if (typeof read === 'symbol' || read === null) return;
    members.add(fold(type === 'dynamic' && leftType === 'dynamic' ? primitive(read) : read));
  };
  for (const source of sources) {
    if ('scalar' in source) {
      add(source.scalar.type, source.scalar.evaluate(row));
    } else {
      const table = source.table();
      const type = table.columns[0]?.type ?? 'dynamic';
      for (const tableRow of table.rows) add(type, tableRow[0] ?? null);
    }
  }
  return members;
}

const foldCase = (value: KqlValue): KqlValue => (typeof value === 'string' ? value.toLowerCase() : value);

/** Objects and arrays are never members; primitives compare by value. */
const primitive = (value: KqlValue): KqlValue => (value !== null && typeof value === 'object' ? null : value);

function checkComparable(left: KqlType, right: KqlType): void {
  if (left === 'dynamic' || right === 'dynamic' || left === right) return;
  if (isNumericType(left) && isNumericType(right)) return;
  throw typeMismatch(`Cannot compare values of types ${left} and ${right}. Try adding explicit casts`);
}

/** `x between (low .. high)`, inclusive; for datetimes `high` may be a timespan counted from `low`. */
export function compileBetween(
  negated: boolean,
  value: CompiledScalar,
  low: CompiledScalar,
  high: CompiledScalar,
): CompiledScalar {
  const orderable = isNumericType(value.type) || value.type === 'datetime' || value.type === 'timespan';
  if (!orderable) throw unsupported(`'between' on ${value.type} values`);
  checkComparable(value.type, low.type);
  const highIsLength = value.type === 'datetime' && high.type === 'timespan';
  if (!highIsLength) checkComparable(value.type, high.type);
  return {
    type: 'bool',
    evaluate: (row) => {
      const x = value.evaluate(row);
      const from = low.evaluate(row);
      const to = high.evaluate(row);
      if (typeof x !== 'number' || typeof from !== 'number' || typeof to !== 'number') return null;
      const upper = highIsLength ? from + to : to;
      return (x >= from && x <= upper) !== negated;
    },
  };
}

import { typeMismatch } from '../kqlErrors';
import type { KqlType, KqlValue } from '../table';
import { isNumericType } from '../table';
import { parseIsoDateTime, parseTimespanText } from '../timeValues';
import type { CompiledScalar } from './compiledScalar';

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~';

/**
 * KQL comparisons with its null rules: `==` of two nulls is null and of a null and a value false; `!=` of two
 * nulls null and of a null and a value true; ordering comparisons with a null are null. `=~`/`!~` compare text
 * case-insensitively. A dynamic operand is compared by the JSON value it holds.
 */
export function compileComparison(
  operator: ComparisonOperator,
  left: CompiledScalar,
  right: CompiledScalar,
): CompiledScalar {
  const type = comparisonType(operator, left.type, right.type);
  const readLeft = operandReader(left, type);
  const readRight = operandReader(right, type);
  const test = comparisonTest(operator);
  return {
    type: 'bool',
    evaluate: (row) => test(readLeft(row), readRight(row)),
  };
}

/** Values of incomparable kinds (a dynamic text against a number) stand for "no match". */
const INCOMPARABLE = Symbol('incomparable');
type Operand = KqlValue | typeof INCOMPARABLE;

function comparisonTest(operator: ComparisonOperator): (a: Operand, b: Operand) => boolean | null {
  switch (operator) {
    case '==':
      return (a, b) =>
        a === null && b === null ? null : a === null || b === null ? false : equalOperands(a, b);
    case '!=':
      return (a, b) =>
        a === null && b === null ? null : a === null || b === null ? true : !equalOperands(a, b);
    case '=~':
      return (a, b) => equalOperands(lower(a), lower(b));
    case '!~':
      return (a, b) => !equalOperands(lower(a), lower(b));
    default: {
      const holds = ORDER_TESTS[operator];
      return (a, b) => {
        if (a === null || b === null) return null;
        if (a === INCOMPARABLE || b === INCOMPARABLE) return false;
        return holds(compareScalars(a, b));
      };
    }
  }
}

const ORDER_TESTS: Record<'<' | '<=' | '>' | '>=', (order: number) => boolean> = {
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};

function equalOperands(a: Operand, b: Operand): boolean {
  if (a === INCOMPARABLE || b === INCOMPARABLE) return false;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function lower(value: Operand): Operand {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** Orders two non-null scalars of one kind: numbers (datetimes, timespans), text (ordinal), booleans. */
export function compareScalars(a: KqlValue, b: KqlValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
}

/** The type both sides are read as; mismatches the service rejects are refused with its message. */
function comparisonType(operator: ComparisonOperator, left: KqlType, right: KqlType): KqlType {
  if (operator === '=~' || operator === '!~') return 'string';
  if (left === 'dynamic') return right;
  if (right === 'dynamic') return left;
  if (left === right) return left;
  if (isNumericType(left) && isNumericType(right)) return 'real';
  if ((left === 'guid' && right === 'string') || (left === 'string' && right === 'guid')) return 'string';
  throw typeMismatch(`Cannot compare values of types ${left} and ${right}. Try adding explicit casts`);
}

function operandReader(operand: CompiledScalar, as: KqlType): (row: unknown[]) => Operand {
  if (operand.type !== 'dynamic' || as === 'dynamic') return operand.evaluate as (row: unknown[]) => Operand;
  return (row) => fromDynamic(operand.evaluate(row as KqlValue[]), as);
}

/** The value a dynamic holds, read as `type`; INCOMPARABLE when it holds something else. */
export function fromDynamic(value: KqlValue, type: KqlType): Operand {
  if (value === null) return null;
  if (isNumericType(type)) return typeof value === 'number' ? value : INCOMPARABLE;
  if (type === 'string' || type === 'guid') return typeof value === 'string' ? value : INCOMPARABLE;
  if (type === 'bool') return typeof value === 'boolean' ? value : INCOMPARABLE;
  if (type === 'datetime')
    return typeof value === 'string' ? (parseIsoDateTime(value) ?? INCOMPARABLE) : INCOMPARABLE;
  if (type === 'timespan')
    return typeof value === 'string' ? (parseTimespanText(value) ?? INCOMPARABLE) : INCOMPARABLE;
  return INCOMPARABLE;
}

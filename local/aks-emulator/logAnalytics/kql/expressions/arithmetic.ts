import { unsupported } from '../kqlErrors';
import type { KqlType, KqlValue } from '../table';
import { isIntegerType, isNumericType } from '../table';
import type { CompiledScalar } from './compiledScalar';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

export const ARITHMETIC_KINDS: ReadonlyMap<string, ArithmeticOperator> = new Map([
  ['AddExpression', '+'],
  ['SubtractExpression', '-'],
  ['MultiplyExpression', '*'],
  ['DivideExpression', '/'],
  ['ModuloExpression', '%'],
]);

type NumberOperation = (a: number, b: number) => number | null;

/**
 * Arithmetic on numbers, datetimes and timespans (all milliseconds here): `datetime - datetime` is a timespan,
 * `datetime ± timespan` a datetime, `timespan * number` a timespan, `timespan / timespan` a real. Integer
 * division truncates toward zero, as in Kusto; an integer division or modulo by zero is null. Nulls propagate.
 */
export function compileArithmetic(
  operator: ArithmeticOperator,
  left: CompiledScalar,
  right: CompiledScalar,
  resultType: KqlType,
): CompiledScalar {
  const operation = operationFor(operator, left.type, right.type, resultType);
  return {
    type: resultType,
    evaluate: (row) => {
      const a = left.evaluate(row);
      const b = right.evaluate(row);
      return a === null || b === null ? null : operation(a as number, b as number);
    },
  };
}

function operationFor(
  operator: ArithmeticOperator,
  left: KqlType,
  right: KqlType,
  result: KqlType,
): NumberOperation {
  const supported = isSupportedCombination(operator, left, right);
  if (!supported) throw unsupported(`The arithmetic '${left} ${operator} ${right}'`);
  const integer = isIntegerType(result);
  switch (operator) {
    case '+':
      return (a, b) => a + b;
    case '-':
      return (a, b) => a - b;
    case '*':
      return (a, b) => a * b;
    case '/':
      return integer ? (a, b) => (b === 0 ? null : Math.trunc(a / b)) : (a, b) => a / b;
    case '%':
      return integer ? (a, b) => (b === 0 ? null : a % b) : (a, b) => a % b;
  }
}

function isSupportedCombination(operator: ArithmeticOperator, left: KqlType, right: KqlType): boolean {
  const numeric = (type: KqlType): boolean => isNumericType(type);
  if (numeric(left) && numeric(right)) return true;
  switch (operator) {
    case '+':
      return (
        (left === 'datetime' && right === 'timespan') ||
        (left === 'timespan' && (right === 'datetime' || right === 'timespan'))
      );
    case '-':
      return (
        (left === 'datetime' && (right === 'datetime' || right === 'timespan')) ||
        (left === 'timespan' && right === 'timespan')
      );
    case '*':
      return (left === 'timespan' && numeric(right)) || (numeric(left) && right === 'timespan');
    case '/':
      return left === 'timespan' && (numeric(right) || right === 'timespan');
    default:
      return false;
  }
}

/** Unary minus on numbers and timespans. */
export function compileNegation(operand: CompiledScalar): CompiledScalar {
  if (!isNumericType(operand.type) && operand.type !== 'timespan')
    throw unsupported(`The unary '-' on ${operand.type}`);
  return { type: operand.type, evaluate: (row) => negate(operand.evaluate(row)) };
}

const negate = (value: KqlValue): KqlValue => (value === null ? null : -(value as number));

import { unsupported } from '../kqlErrors';
import type { KqlType, KqlValue } from '../table';
import { isNumericType } from '../table';
import { MS_FROM_YEAR_ONE_TO_UNIX_EPOCH } from '../timeValues';
import type { CompiledScalar } from './compiledScalar';
import { parseJson, toDouble, toInt, toKqlString } from './conversions';

export interface FunctionCall {
  readonly name: string;
  readonly args: readonly CompiledScalar[];
  /** The result type the analyser inferred. */
  readonly resultType: KqlType;
  readonly now: number;
}

type ScalarFunction = (call: FunctionCall) => CompiledScalar;

/** The scalar functions of the subset; any other function is refused by name. */
export const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map<string, ScalarFunction>([
  ['ago', ({ args: [span], now }) => unary('datetime', arg(span), (ms) => now - (ms as number))],
  [
    'now',
    ({ args: [offset], now }) =>
      offset === undefined
        ? constantOf('datetime', now)
        : unary('datetime', offset, (ms) => now + (ms as number)),
  ],
  ['bin', (call) => bin(call)],
  ['tostring', ({ args: [value] }) => total('string', arg(value), (v) => toKqlString(arg(value).type, v))],
  [
    'toint',
    ({ name, args: [value] }) => total('int', numericSource(name, value), (v) => toInt(arg(value).type, v)),
  ],
  [
    'todouble',
    ({ name, args: [value] }) =>
      total('real', numericSource(name, value), (v) => toDouble(arg(value).type, v)),
  ],
  [
    'toreal',
    ({ name, args: [value] }) =>
      total('real', numericSource(name, value), (v) => toDouble(arg(value).type, v)),
  ],
  ['parse_json', ({ args: [value] }) => total('dynamic', arg(value), (v) => parseJson(arg(value).type, v))],
  ['todynamic', ({ args: [value] }) => total('dynamic', arg(value), (v) => parseJson(arg(value).type, v))],
  ['isnotempty', ({ args: [value] }) => total('bool', arg(value), (v) => !isEmpty(v))],
  ['isempty', ({ args: [value] }) => total('bool', arg(value), (v) => isEmpty(v))],
  ['isnotnull', ({ args: [value] }) => total('bool', arg(value), (v) => v !== null)],
  ['isnull', ({ args: [value] }) => total('bool', arg(value), (v) => v === null)],
  ['not', ({ args: [value] }) => unary('bool', arg(value), (v) => !v)],
]);

function arg(value: CompiledScalar | undefined): CompiledScalar {
  if (value === undefined) throw unsupported('A call without its required arguments');
  return value;
}

/** The argument of a numeric conversion: text, numbers, booleans or dynamic (times convert to ticks in Kusto, not here). */
function numericSource(name: string, value: CompiledScalar | undefined): CompiledScalar {
  const operand = arg(value);
  if (operand.type === 'datetime' || operand.type === 'timespan' || operand.type === 'guid') {
    throw unsupported(`${name}() of a ${operand.type}`);
  }
  return operand;
}

const isEmpty = (value: KqlValue): boolean => value === null || value === '';

function constantOf(type: KqlType, value: KqlValue): CompiledScalar {
  return { type, evaluate: () => value, constant: true };
}

/** A function of one argument that maps null to null. */
function unary(type: KqlType, operand: CompiledScalar, apply: (value: KqlValue) => KqlValue): CompiledScalar {
  return withConstancy(type, operand, (value) => (value === null ? null : apply(value)));
}

/** A function of one argument defined for null too. */
function total(type: KqlType, operand: CompiledScalar, apply: (value: KqlValue) => KqlValue): CompiledScalar {
  return withConstancy(type, operand, apply);
}

function withConstancy(
  type: KqlType,
  operand: CompiledScalar,
  apply: (value: KqlValue) => KqlValue,
): CompiledScalar {
  if (operand.constant) return constantOf(type, apply(operand.evaluate([])));
  return { type, evaluate: (row) => apply(operand.evaluate(row)) };
}

/**
 * `bin(value, size)`: the multiple of `size` at or below `value`; a null, zero or negative size gives null.
 * Datetimes are binned on ticks since 0001-01-01 as in .NET, so `7d` bins start on Mondays.
 */
function bin({ args: [valueArg, sizeArg], resultType }: FunctionCall): CompiledScalar {
  const value = arg(valueArg);
  const size = arg(sizeArg);
  const binnable = isNumericType(value.type) || value.type === 'datetime' || value.type === 'timespan';
  if (!binnable) throw unsupported(`bin() of a ${value.type}`);
  const origin = value.type === 'datetime' ? -MS_FROM_YEAR_ONE_TO_UNIX_EPOCH : 0;
  return {
    type: resultType,
    evaluate: (row) => {
      const v = value.evaluate(row);
      const s = size.evaluate(row);
      if (typeof v !== 'number' || typeof s !== 'number' || !(s > 0)) return null;
      return Math.floor((v - origin) / s) * s + origin;
    },
  };
}

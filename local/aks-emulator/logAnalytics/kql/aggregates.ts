import type { CompiledScalar } from './expressions/compiledScalar';
import { compareScalars } from './expressions/comparisons';
import { toDynamic } from './expressions/conversions';
import { unsupported } from './kqlErrors';
import type { JsonValue, KqlValue, Row } from './table';

/** Folds the rows of one group into the aggregate's output cells (arg_max yields several). */
export interface Accumulator {
  add(row: Row): void;
  result(): KqlValue[];
}

export interface Aggregate {
  /** How many output columns the aggregate produces. */
  readonly width: number;
  create(): Accumulator;
}

export interface AggregateCall {
  readonly name: string;
  readonly args: readonly CompiledScalar[];
  /** For arg_max: the input columns to return with the winning row (`*` already expanded). */
  readonly carriedColumns: readonly number[];
}

type AggregateFactory = (call: AggregateCall) => Aggregate;

/**
 * The aggregation functions of the subset. Nulls are ignored by all of them; an empty group gives 0 for
 * count/countif/dcount/sum, `[]` for make_list and null for the rest, as the service documents.
 */
export const AGGREGATES: ReadonlyMap<string, AggregateFactory> = new Map<string, AggregateFactory>([
  [
    'count',
    (call) =>
      call.args.length > 0 ? refuse('count() with an argument') : single(() => counting(() => true)),
  ],
  [
    'countif',
    ({ args: [predicate] }) => single(() => counting((row) => required(predicate).evaluate(row) === true)),
  ],
  ['sum', ({ args: [value] }) => single(() => summing(required(value)))],
  ['avg', ({ args: [value] }) => single(() => averaging(required(value)))],
  ['min', ({ args: [value] }) => single(() => extreme(required(value), -1))],
  ['max', ({ args: [value] }) => single(() => extreme(required(value), 1))],
  ['dcount', ({ args: [value] }) => single(() => distinctCounting(required(value)))],
  [
    'percentile',
    ({ args: [value, percent] }) =>
      single(() => nearestRank(required(value), constantNumber(percent, 'percentile'))),
  ],
  [
    'make_list',
    ({ args: [value, maxSize] }) =>
      single(() => listing(required(value), maxSize ? constantNumber(maxSize, 'make_list') : 1_048_576)),
  ],
  ['arg_max', (call) => argMax(call)],
]);

function refuse(what: string): never {
  throw unsupported(what);
}

function required(arg: CompiledScalar | undefined): CompiledScalar {
  return arg ?? refuse('An aggregation without its required arguments');
}

function constantNumber(arg: CompiledScalar | undefined, functionName: string): number {
  const value = arg?.constant ? arg.evaluate([]) : undefined;
  if (typeof value !== 'number') throw unsupported(`${functionName}() with a non-constant parameter`);
  return value;
}

function single(create: () => Accumulator): Aggregate {
  return { width: 1, create };
}

function counting(counts: (row: Row) => boolean): Accumulator {
  let count = 0;
  return {
    add: (row) => {
      if (counts(row)) count += 1;
    },
    result: () => [count],
  };
}

function summing(value: CompiledScalar): Accumulator {
  let sum = 0;
  return {
    add: (row) => {
      const v = value.evaluate(row);
      if (typeof v === 'number') sum += v;
    },
    result: () => [sum],
  };
}

function averaging(value: CompiledScalar): Accumulator {
  let sum = 0;
  let count = 0;
  return {
    add: (row) => {
      const v = value.evaluate(row);
      if (typeof v === 'number') {
        sum += v;
        count += 1;
      }
    },
    result: () => [count === 0 ? null : sum / count],
  };
}

/** min (direction -1) or max (direction 1) of the non-null values. */
function extreme(value: CompiledScalar, direction: 1 | -1): Accumulator {
  let best: KqlValue = null;
  return {
    add: (row) => {
      const v = value.evaluate(row);
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) return;
      if (best === null || compareScalars(v, best) * direction > 0) best = v;
    },
    result: () => [best],
  };
}

function distinctCounting(value: CompiledScalar): Accumulator {
  const seen = new Set<KqlValue>();
  return {
    add: (row) => {
      const v = value.evaluate(row);
      if (v !== null) seen.add(typeof v === 'object' ? JSON.stringify(v) : v);
    },
    result: () => [seen.size],
  };
}

/** The nearest-rank percentile: the smallest value with at least `percent`% of the values at or below it. */
function nearestRank(value: CompiledScalar, percent: number): Accumulator {
  const values: KqlValue[] = [];
  return {
    add: (row) => {
      const v = value.evaluate(row);
      if (v !== null) values.push(v);
    },
    result: () => {
      if (values.length === 0) return [null];
      values.sort(compareScalars);
      const rank = Math.max(1, Math.ceil((percent / 100) * values.length));
      return [values[Math.min(rank, values.length) - 1] ?? null];
    },
  };
}

function listing(value: CompiledScalar, maxSize: number): Accumulator {
  const items: JsonValue[] = [];
  return {
    add: (row) => {
      const v = value.evaluate(row);
      if (v !== null && items.length < maxSize) items.push(toDynamic(value.type, v));
    },
    result: () => [items],
  };
}

/** arg_max(expr, cols…): expr's maximum and the carried columns of the first row that reached it. */
function argMax({ args: [by], carriedColumns }: AggregateCall): Aggregate {
  const value = required(by);
  return {
    width: 1 + carriedColumns.length,
    create: () => {
      let best: KqlValue = null;
      let bestRow: Row | undefined;
      return {
        add: (row) => {
          const v = value.evaluate(row);
          if (v === null) return;
          if (best === null || compareScalars(v, best) > 0) {
            best = v;
            bestRow = row;
          }
        },
        result: () => [best, ...carriedColumns.map((index) => bestRow?.[index] ?? null)],
      };
    },
  };
}

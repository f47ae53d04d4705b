import { AGGREGATES, type Accumulator, type Aggregate } from '../aggregates';
import type { SyntaxNode } from '../kustoApi';
import { unsupported } from '../kqlErrors';
import { columnSymbolsOf } from '../schemaOf';
import { as, listItems, type FunctionCallExpressionNode, type SummarizeOperatorNode } from '../syntaxNodes';
import { nodeText } from '../syntaxText';
import type { KqlValue, Row } from '../table';
import {
  columnIndexes,
  fillAbsentStrings,
  type OperatorContext,
  type TableTransform,
} from './operatorContext';
import { operatorParameters } from './parameters';
import { namedValue } from './project';

interface Group {
  readonly keys: KqlValue[];
  readonly accumulators: Accumulator[];
}

/**
 * `summarize aggregates by keys`: one row per distinct key combination (in order of first appearance) with the
 * by-columns first, then each aggregate's columns, named as the analyser names them (`count_`, `avg_X`,
 * `percentile_X_95`, arg_max's carried columns…). Without `by`, an empty input still yields one row of defaults.
 */
export function compileSummarize(node: SummarizeOperatorNode, context: OperatorContext): TableTransform {
  operatorParameters(context.language, node);
  const keys = listItems(node.ByClause?.Expressions).map((key) => context.scalar(namedValue(context, key)));
  const aggregates = listItems(node.Aggregates).map((element) =>
    compileAggregate(namedValue(context, element), context),
  );
  const width = keys.length + aggregates.reduce((total, aggregate) => total + aggregate.width, 0);
  if (width !== context.outputColumns.length)
    throw unsupported(`The summarize aggregates '${nodeText(node)}'`);
  const newGroup = (keyValues: KqlValue[]): Group => ({
    keys: keyValues,
    accumulators: aggregates.map((aggregate) => aggregate.create()),
  });
  const groupKey =
    keys.length === 1
      ? (values: KqlValue[]) => values[0] ?? null
      : (values: KqlValue[]) => JSON.stringify(values);
  return (input) => {
    const groups = new Map<KqlValue, Group>();
    for (const row of input.rows) {
      const keyValues = keys.map((key) => key.evaluate(row));
      const id = groupKey(keyValues);
      let group = groups.get(id);
      if (group === undefined) {
        group = newGroup(keyValues);
        groups.set(id, group);
      }
      for (const accumulator of group.accumulators) accumulator.add(row);
    }
    if (keys.length === 0 && groups.size === 0) groups.set(null, newGroup([]));
    const rows = [...groups.values()].map((group) => {
      const row: Row = [...group.keys, ...group.accumulators.flatMap((accumulator) => accumulator.result())];
      fillAbsentStrings(context.outputColumns, row);
      return row;
    });
    return { columns: context.outputColumns, rows };
  };
}

function compileAggregate(expression: SyntaxNode, context: OperatorContext): Aggregate {
  if (context.language.kindOf(expression) !== 'FunctionCallExpression') {
    throw unsupported(
      `The summarize expression '${nodeText(expression)}' (only direct aggregation calls are)`,
    );
  }
  const call = as<FunctionCallExpressionNode>(expression);
  const name = call.Name.SimpleName;
  const factory = AGGREGATES.get(name);
  if (factory === undefined) throw unsupported(`The aggregation function '${name}()'`);
  const argNodes = listItems(call.ArgumentList.Expressions);
  if (name === 'arg_max') {
    return factory({
      name,
      args: argNodes.slice(0, 1).map((arg) => context.scalar(arg)),
      carriedColumns: carriedColumns(call, argNodes, context),
    });
  }
  return factory({ name, args: argNodes.map((arg) => context.scalar(arg)), carriedColumns: [] });
}

/**
 * The input columns arg_max returns with its winning row. The analyser types the call as a tuple of
 * (expression, carried columns…) with `*` already expanded and the by-columns left out.
 */
function carriedColumns(
  call: FunctionCallExpressionNode,
  argNodes: SyntaxNode[],
  context: OperatorContext,
): number[] {
  for (const carried of argNodes.slice(1)) {
    const kind = context.language.kindOf(carried);
    if (kind !== 'NameReference' && kind !== 'StarExpression')
      throw unsupported(`arg_max() carrying the expression '${nodeText(carried)}'`);
  }
  const inputIndex = columnIndexes(context.inputColumns);
  return columnSymbolsOf(call.ResultType)
    .slice(1)
    .map((column) => {
      const index = inputIndex.get(column.Name);
      if (index === undefined) throw unsupported(`arg_max() carrying the column '${column.Name}'`);
      return index;
    });
}

import { listItems, type ExpressionsOperatorNode, type TopOperatorNode } from '../syntaxNodes';
import type { OperatorContext, TableTransform } from './operatorContext';
import { sortKey, sortRows, topRows } from './ordering';
import { operatorParameters } from './parameters';
import { rowCount } from './take';

/** `sort by` / `order by`: a stable sort on one or more keys. */
export function compileSort(node: ExpressionsOperatorNode, context: OperatorContext): TableTransform {
  operatorParameters(context.language, node);
  const keys = listItems(node.Expressions).map((expression) => sortKey(expression, context));
  return (input) => ({ columns: context.outputColumns, rows: sortRows(input.rows, keys) });
}

/** `top n by expr [asc|desc] [nulls first|last]`: equivalent to `sort by expr | take n`. */
export function compileTop(node: TopOperatorNode, context: OperatorContext): TableTransform {
  operatorParameters(context.language, node);
  const count = rowCount(node.Expression, context);
  const key = sortKey(node.ByExpression, context);
  return (input) => ({ columns: context.outputColumns, rows: topRows(input.rows, [key], count) });
}

import { unsupported } from '../kqlErrors';
import type { FilterOperatorNode } from '../syntaxNodes';
import type { OperatorContext, TableTransform } from './operatorContext';
import { operatorParameters } from './parameters';

/** `where predicate`: keeps the rows for which the predicate is true (null counts as false). */
export function compileWhere(node: FilterOperatorNode, context: OperatorContext): TableTransform {
  operatorParameters(context.language, node);
  const predicate = context.scalar(node.Condition);
  if (predicate.type !== 'bool') throw unsupported(`A 'where' condition of type ${predicate.type}`);
  return (input) => ({
    columns: context.outputColumns,
    rows: input.rows.filter((row) => predicate.evaluate(row) === true),
  });
}

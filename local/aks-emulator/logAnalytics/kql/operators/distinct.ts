import { unsupported } from '../kqlErrors';
import { listItems, type ExpressionsOperatorNode } from '../syntaxNodes';
import type { Row } from '../table';
import { columnIndexes, type OperatorContext, type TableTransform } from './operatorContext';
import { namedValue } from './project';
import { operatorParameters } from './parameters';

/** `distinct a, b` / `distinct *`: one row per distinct combination, in order of first appearance. */
export function compileDistinct(node: ExpressionsOperatorNode, context: OperatorContext): TableTransform {
  operatorParameters(context.language, node);
  const elements = listItems(node.Expressions);
  const isStar = elements.length === 1 && context.language.kindOf(elements[0]!) === 'StarExpression';
  const values = isStar
    ? starValues(context)
    : elements.map((element) => context.scalar(namedValue(context, element)));
  if (values.length !== context.outputColumns.length) throw unsupported("'distinct' with column wildcards");
  return (input) => {
    const seen = new Set<string>();
    const rows: Row[] = [];
    for (const row of input.rows) {
      const projected = values.map((value) => value.evaluate(row));
      const key = JSON.stringify(projected);
      if (!seen.has(key)) {
        seen.add(key);
        rows.push(projected);
      }
    }
    return { columns: context.outputColumns, rows };
  };
}

function starValues(context: OperatorContext): { evaluate: (row: Row) => Row[number] }[] {
  const inputIndex = columnIndexes(context.inputColumns);
  return context.outputColumns.map((column) => {
    const index = inputIndex.get(column.name);
    if (index === undefined) throw unsupported("'distinct *' over renamed columns");
    return { evaluate: (row: Row) => row[index] ?? null };
  });
}

import type { SyntaxNode } from '../kustoApi';
import { unsupported } from '../kqlErrors';
import {
  as,
  listItems,
  type ExpressionsOperatorNode,
  type NameReferenceNode,
  type SimpleNamedExpressionNode,
} from '../syntaxNodes';
import type { Row } from '../table';
import { columnIndexes, type OperatorContext, type TableTransform } from './operatorContext';
import { namedValue } from './project';

/**
 * `extend a = expr, expr`: the input columns plus the new ones; assigning an existing name replaces that column in
 * place. Every element reads the input row (KQL does not let one element use a column another one defines).
 */
export function compileExtend(node: ExpressionsOperatorNode, context: OperatorContext): TableTransform {
  const outputIndex = columnIndexes(context.outputColumns);
  const inputIndex = columnIndexes(context.inputColumns);
  const copies = context.outputColumns.map((column) => inputIndex.get(column.name));
  const newColumns = context.outputColumns
    .filter((column) => !inputIndex.has(column.name))
    .map((column) => column.name);
  const assignments = listItems(node.Expressions).map((element) => {
    const name = assignedName(context, element, inputIndex, newColumns);
    const target = outputIndex.get(name);
    if (target === undefined) throw unsupported(`'extend' of the column '${name}'`);
    return { target, value: context.scalar(namedValue(context, element)) };
  });
  if (newColumns.length > 0) throw unsupported("'extend' producing columns the emulator cannot place");
  return (input) => ({
    columns: context.outputColumns,
    rows: input.rows.map((inputRow) => {
      const row: Row = copies.map((index) => (index === undefined ? null : (inputRow[index] ?? null)));
      for (const { target, value } of assignments) row[target] = value.evaluate(inputRow);
      return row;
    }),
  });
}

/**
 * The column an extend element writes. A declared name that exists is replaced; otherwise the element creates the
 * next new column, named by the analyser (`Column1`, `Tags_a`…). `newColumns` is consumed in order.
 */
function assignedName(
  context: OperatorContext,
  element: SyntaxNode,
  inputIndex: ReadonlyMap<string, number>,
  newColumns: string[],
): string {
  const kind = context.language.kindOf(element);
  const declared =
    kind === 'SimpleNamedExpression'
      ? as<SimpleNamedExpressionNode>(element).Name.SimpleName
      : kind === 'NameReference'
        ? as<NameReferenceNode>(element).SimpleName
        : undefined;
  if (declared !== undefined && inputIndex.has(declared)) return declared;
  const next = newColumns.shift();
  if (next === undefined || (declared !== undefined && declared !== next)) {
    throw unsupported("'extend' producing columns the emulator cannot place");
  }
  return next;
}

import type { ColumnSymbol, SyntaxNode } from '../kustoApi';
import { unsupported } from '../kqlErrors';
import { columnSymbolsOf } from '../schemaOf';
import { listItems, readOnlyItems, type ExpressionsOperatorNode } from '../syntaxNodes';
import { nodeText } from '../syntaxText';
import type { Row, Table } from '../table';
import { fillAbsentStrings, type OperatorContext } from './operatorContext';
import { operatorParameters } from './parameters';

/**
 * `union A, B` or `T | union A, B` (kind=outer, the default): the rows of every input in turn, over the union of
 * their columns as the analyser lays it out. A column an input lacks is null (empty for strings); same-named
 * columns of different types become separate columns (`Count_long`, `Count_string`).
 */
export function compileUnion(
  node: ExpressionsOperatorNode,
  context: OperatorContext,
  piped?: { readonly node: SyntaxNode; readonly table: () => Table },
): () => Table {
  const kind = operatorParameters(context.language, node, ['kind']).get('kind');
  if (kind !== undefined && kind !== 'outer') throw unsupported(`'union kind=${kind}'`);
  const operands = listItems(node.Expressions);
  for (const operand of operands) {
    const operandKind = context.language.kindOf(operand);
    if (operandKind === 'StarExpression' || nodeText(operand).includes('*'))
      throw unsupported('union with wildcard table names');
  }
  const inputs = [
    ...(piped ? [piped] : []),
    ...operands.map((operand) => ({ node: operand, table: context.tabular(operand) })),
  ];
  const outputSymbols = columnSymbolsOf(node.ResultType);
  const layouts = inputs.map((input) => columnSources(outputSymbols, columnSymbolsOf(input.node.ResultType)));
  return () => {
    const rows: Row[] = [];
    inputs.forEach((input, position) => {
      const layout = layouts[position]!;
      for (const inputRow of input.table().rows) {
        const row = layout.map((index) => (index === undefined ? null : (inputRow[index] ?? null)));
        fillAbsentStrings(context.outputColumns, row);
        rows.push(row);
      }
    });
    return { columns: context.outputColumns, rows };
  };
}

/** For each output column, the position of the input column it comes from (by analyser symbol), if any. */
function columnSources(
  output: readonly ColumnSymbol[],
  input: readonly ColumnSymbol[],
): (number | undefined)[] {
  return output.map((column) => {
    const origins = column.OriginalColumns === null ? [] : readOnlyItems(column.OriginalColumns);
    const bySymbol = input.findIndex((candidate) => candidate === column || origins.includes(candidate));
    if (bySymbol !== -1) return bySymbol;
    const byName = input.findIndex(
      (candidate) => candidate.Name === column.Name && candidate.Type.Name === column.Type.Name,
    );
    return byName === -1 ? undefined : byName;
  });
}

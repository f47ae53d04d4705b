import type { ColumnSymbol, KustoSymbol, ReadOnlyList, SyntaxNode, TableSymbol } from '../kustoApi';
import { unsupported } from '../kqlErrors';
import { columnSymbolsOf } from '../schemaOf';
import { listItems, readOnlyItems, type ExpressionsOperatorNode } from '../syntaxNodes';
import type { Row, Table } from '../table';
import { fillAbsentStrings, type OperatorContext } from './operatorContext';
import { operatorParameters } from './parameters';

/**
 * `union A, B`, `union K*`, `union *` or `T | union A, B` (kind=outer, the default): the rows of every input in turn,
 * over the union of their columns as the analyser lays it out. A column an input lacks is null (empty for strings);
 * same-named columns of different types become separate columns (`Count_long`, `Count_string`). The analyser
 * resolves a wildcard to the group of matching tables, which are read in workspace order.
 */
export function compileUnion(
  node: ExpressionsOperatorNode,
  context: OperatorContext,
  piped?: { readonly node: SyntaxNode; readonly table: () => Table },
): () => Table {
  const kind = operatorParameters(context.language, node, ['kind']).get('kind');
  if (kind !== undefined && kind !== 'outer') throw unsupported(`'union kind=${kind}'`);
  const inputs: UnionInput[] = [
    ...(piped ? [{ columns: columnSymbolsOf(piped.node.ResultType), table: piped.table }] : []),
    ...listItems(node.Expressions).flatMap((operand) => operandInputs(operand, context)),
  ];
  const outputSymbols = columnSymbolsOf(node.ResultType);
  const layouts = inputs.map((input) => columnSources(outputSymbols, input.columns));
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

interface UnionInput {
  readonly columns: readonly ColumnSymbol[];
  readonly table: () => Table;
}

/** One input per operand; a wildcard (`*`, `Kube*`) — a group of tables to the analyser — gives one per table. */
function operandInputs(operand: SyntaxNode, context: OperatorContext): UnionInput[] {
  const symbol = operand.ReferencedSymbol;
  const symbolKind = symbol === null ? '' : context.language.bridge.getTypeName(symbol);
  if (symbolKind.endsWith('.GroupSymbol')) {
    const members = readOnlyItems((symbol as KustoSymbol & { Members: ReadOnlyList<TableSymbol> }).Members);
    return members.map((member) => ({
      columns: columnSymbolsOf(member),
      table: context.databaseTable(member.Name),
    }));
  }
  return [{ columns: columnSymbolsOf(operand.ResultType), table: context.tabular(operand) }];
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

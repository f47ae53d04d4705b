import { unsupported } from '../kqlErrors';
import { columnIndexes, type OperatorContext, type TableTransform } from './operatorContext';

/** `project-away a, b*`: the input columns the analyser kept, in input order. */
export function compileProjectAway(context: OperatorContext): TableTransform {
  const inputIndex = columnIndexes(context.inputColumns);
  const kept = context.outputColumns.map((column) => {
    const index = inputIndex.get(column.name);
    if (index === undefined) throw unsupported(`'project-away' keeping the unknown column '${column.name}'`);
    return index;
  });
  return (input) => ({
    columns: context.outputColumns,
    rows: input.rows.map((row) => kept.map((index) => row[index] ?? null)),
  });
}

import type { SyntaxNode } from '../kustoApi';
import type { KustoLanguage } from '../kustoLanguage';
import type { CompiledScalar } from '../expressions/compiledScalar';
import type { Column, Table } from '../table';

/** Turns the operator's input table into its output table. */
export type TableTransform = (input: Table) => Table;

/** What an operator sees while it is compiled: its input and output schemas (from the analyser) and helpers. */
export interface OperatorContext {
  readonly language: KustoLanguage;
  readonly inputColumns: readonly Column[];
  readonly outputColumns: readonly Column[];
  /** Compiles a scalar expression over the input rows. */
  scalar(node: SyntaxNode): CompiledScalar;
  /** Compiles a tabular expression (the right side of a join, the tables of a union). */
  tabular(node: SyntaxNode): () => Table;
  /** A workspace table by name (the members of `union *`). */
  databaseTable(name: string): () => Table;
}

export function columnIndexes(columns: readonly Column[]): Map<string, number> {
  return new Map(columns.map((column, index) => [column.name, index]));
}

/** KQL strings are never null: an absent string cell (outer join, union, empty group) is "". */
export function fillAbsentStrings(
  columns: readonly Column[],
  row: (string | number | boolean | null | object)[],
): void {
  columns.forEach((column, index) => {
    if (column.type === 'string' && row[index] === null) row[index] = '';
  });
}

import { analyzeQuery, type TableSchema } from './analyzeQuery';
import { compileQuery } from './compileQuery';
import type { Row, Table } from './table';
import type { TableScan } from './tableScan';

export interface KqlDataSource {
  /** The tables the query may name, with their columns. */
  readonly schemas: readonly TableSchema[];
  /**
   * The rows of one of those tables, laid out in its schema's column order (see `KqlValue`). Rows outside the
   * scan may be left out: the query drops them anyway.
   */
  rows(table: string, scan: TableScan): readonly Row[];
}

/**
 * Runs a KQL query: the official parser and analyser check it (syntax and semantic errors are thrown as
 * `KqlError`s), the evaluator computes the result over in-memory rows. `now` is the query's `now()`.
 */
export function runKql(query: string, source: KqlDataSource, now: number): Table {
  const root = analyzeQuery(query, source.schemas);
  const columnsByTable = new Map(source.schemas.map((schema) => [schema.name, schema.columns]));
  const evaluate = compileQuery(root, {
    now,
    table: (name, scan) => ({ columns: columnsByTable.get(name) ?? [], rows: source.rows(name, scan) }),
  });
  return evaluate();
}

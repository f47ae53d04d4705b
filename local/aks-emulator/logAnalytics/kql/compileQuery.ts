import { compileScalar } from './expressions/compileScalar';
import type { CompiledScalar, ScalarContext } from './expressions/compiledScalar';
import type { QueryRoot, SyntaxNode } from './kustoApi';
import { kustoLanguage, type KustoLanguage } from './kustoLanguage';
import { unsupported } from './kqlErrors';
import { compileDistinct } from './operators/distinct';
import { compileJoin } from './operators/join';
import { columnIndexes, type OperatorContext, type TableTransform } from './operators/operatorContext';
import { compileExtend } from './operators/extend';
import { compileProject } from './operators/project';
import { compileProjectAway } from './operators/projectAway';
import { compileSort, compileTop } from './operators/sort';
import { compileSummarize } from './operators/summarize';
import { compileTake } from './operators/take';
import { compileUnion } from './operators/union';
import { compileWhere } from './operators/where';
import { columnsOf } from './schemaOf';
import {
  as,
  listItems,
  type ExpressionStatementNode,
  type ExpressionsOperatorNode,
  type FilterOperatorNode,
  type JoinOperatorNode,
  type LetStatementNode,
  type NameReferenceNode,
  type PipeExpressionNode,
  type QueryBlockNode,
  type SummarizeOperatorNode,
  type TakeOperatorNode,
  type TopOperatorNode,
  type WrappedExpressionNode,
} from './syntaxNodes';
import { operatorKeyword } from './syntaxText';
import { FULL_SCAN, scanKey, scanOfCondition, type TableScan } from './tableScan';
import type { Column, KqlType, KqlValue, Table } from './table';

/** The tables a query reads and the time it runs at. */
export interface QueryInput {
  /** The query's `now()` in milliseconds since the Unix epoch. */
  readonly now: number;
  /**
   * A workspace table by name (the analyser has already checked that it exists). The scan says which rows the
   * query's leading `where` drops anyway: the table may leave them out (it may also return them).
   */
  table(name: string, scan: TableScan): Table;
}

type Binding =
  | { readonly kind: 'scalar'; readonly type: KqlType; readonly value: KqlValue }
  | { readonly kind: 'tabular'; readonly table: () => Table };

/**
 * Compiles an analysed query into a function producing its result table. `let` statements bind scalars
 * (evaluated once) or tabular expressions (evaluated at most once, when used); the last statement is the result.
 */
export function compileQuery(root: QueryRoot, input: QueryInput): () => Table {
  return new QueryCompiler(kustoLanguage(), input).compile(root);
}

class QueryCompiler {
  private readonly bindings = new Map<string, Binding>();
  private readonly loadedTables = new Map<string, Table>();

  constructor(
    private readonly language: KustoLanguage,
    private readonly input: QueryInput,
  ) {}

  compile(root: QueryRoot): () => Table {
    const statements = listItems(as<QueryBlockNode>(root).Statements);
    let result: (() => Table) | undefined;
    for (const statement of statements) {
      const kind = this.language.kindOf(statement);
      if (kind === 'LetStatement') this.bind(as<LetStatementNode>(statement));
      else if (kind === 'ExpressionStatement' && result === undefined)
        result = this.tabular(as<ExpressionStatementNode>(statement).Expression);
      else
        throw unsupported(
          kind === 'ExpressionStatement'
            ? 'A query with several result statements'
            : `The statement '${kind}'`,
        );
    }
    if (result === undefined) throw unsupported('A query without a tabular result statement');
    return result;
  }

  private bind(statement: LetStatementNode): void {
    const name = statement.Name.SimpleName;
    const expression = statement.Expression;
    if (this.language.kindOf(expression) === 'FunctionDeclaration') {
      throw unsupported(`The user-defined function '${name}'`);
    }
    if (expression.ResultType?.Columns !== undefined) {
      this.bindings.set(name, { kind: 'tabular', table: this.tabular(expression) });
      return;
    }
    const scalar = compileScalar(expression, this.scalarContext([]));
    if (!scalar.constant) throw unsupported(`The let '${name}' of a non-constant expression`);
    this.bindings.set(name, { kind: 'scalar', type: scalar.type, value: scalar.evaluate([]) });
  }

  /** A tabular expression as a function evaluated at most once. */
  private tabular(node: SyntaxNode): () => Table {
    const plan = this.plan(node);
    let table: Table | undefined;
    return () => (table ??= plan());
  }

  private plan(node: SyntaxNode): () => Table {
    const kind = this.language.kindOf(node);
    switch (kind) {
      case 'NameReference':
        return this.reference(as<NameReferenceNode>(node));
      case 'ParenthesizedExpression':
        return this.plan(as<WrappedExpressionNode>(node).Expression);
      case 'PipeExpression':
        return this.pipe(as<PipeExpressionNode>(node));
      case 'UnionOperator':
        return compileUnion(
          as<ExpressionsOperatorNode>(node),
          this.operatorContext([], columnsOf(node.ResultType)),
        );
      default:
        throw unsupported(
          `The tabular expression '${kind.endsWith('Operator') ? operatorKeyword(node) : kind}'`,
        );
    }
  }

  private reference(node: NameReferenceNode, scan: TableScan = FULL_SCAN): () => Table {
    const name = node.SimpleName;
    // The symbol's name, not the text: a wildcard matching one table (`union N*`) refers to that table.
    if (this.isDatabaseTable(node)) return this.databaseTable(node.ReferencedSymbol?.Name ?? name, scan);
    const binding = this.bindings.get(name);
    if (binding?.kind === 'tabular') return binding.table;
    throw unsupported(`The name '${name}' as a table`);
  }

  private isDatabaseTable(node: NameReferenceNode): boolean {
    return this.language.bridge.getTypeName(node.ReferencedSymbol).replace('Kusto.Language.Symbols.', '') === 'TableSymbol';
  }

  /** A workspace table, loaded once per query and scan however often it is named. */
  private databaseTable(name: string, scan: TableScan = FULL_SCAN): () => Table {
    const key = `${name}\u0000${scanKey(scan)}`;
    return () => {
      let table = this.loadedTables.get(key);
      if (table === undefined) {
        table = this.input.table(name, scan);
        this.loadedTables.set(key, table);
      }
      return table;
    };
  }

  /** The source of a pipe; a workspace table named right before a `where` is scanned for that `where` only. */
  private pipeSource(node: PipeExpressionNode): () => Table {
    const table = this.directTableReference(node.Expression);
    if (table === undefined || this.language.kindOf(node.Operator) !== 'FilterOperator') return this.tabular(node.Expression);
    const condition = as<FilterOperatorNode>(node.Operator).Condition;
    return this.reference(table, scanOfCondition(condition, this.scalarContext(columnsOf(node.Expression.ResultType))));
  }

  private directTableReference(node: SyntaxNode): NameReferenceNode | undefined {
    const kind = this.language.kindOf(node);
    if (kind === 'ParenthesizedExpression') return this.directTableReference(as<WrappedExpressionNode>(node).Expression);
    if (kind !== 'NameReference') return undefined;
    const reference = as<NameReferenceNode>(node);
    return this.isDatabaseTable(reference) ? reference : undefined;
  }

  private pipe(node: PipeExpressionNode): () => Table {
    const source = this.pipeSource(node);
    const context = this.operatorContext(columnsOf(node.Expression.ResultType), columnsOf(node.ResultType));
    const operator = node.Operator;
    if (this.language.kindOf(operator) === 'UnionOperator') {
      return compileUnion(as<ExpressionsOperatorNode>(operator), context, {
        node: node.Expression,
        table: source,
      });
    }
    const transform = this.operator(operator, context);
    return () => transform(source());
  }

  private operator(node: SyntaxNode, context: OperatorContext): TableTransform {
    switch (this.language.kindOf(node)) {
      case 'FilterOperator':
        return compileWhere(as<FilterOperatorNode>(node), context);
      case 'ProjectOperator':
        return compileProject(as<ExpressionsOperatorNode>(node), context);
      case 'ProjectAwayOperator':
        return compileProjectAway(context);
      case 'ExtendOperator':
        return compileExtend(as<ExpressionsOperatorNode>(node), context);
      case 'SummarizeOperator':
        return compileSummarize(as<SummarizeOperatorNode>(node), context);
      case 'TopOperator':
        return compileTop(as<TopOperatorNode>(node), context);
      case 'SortOperator':
        return compileSort(as<ExpressionsOperatorNode>(node), context);
      case 'TakeOperator':
        return compileTake(as<TakeOperatorNode>(node), context);
      case 'DistinctOperator':
        return compileDistinct(as<ExpressionsOperatorNode>(node), context);
      case 'JoinOperator':
        return compileJoin(as<JoinOperatorNode>(node), context);
      default:
        throw unsupported(`The '${operatorKeyword(node)}' operator`);
    }
  }

  private operatorContext(
    inputColumns: readonly Column[],
    outputColumns: readonly Column[],
  ): OperatorContext {
    return {
      language: this.language,
      inputColumns,
      outputColumns,
      scalar: (node) => this.scalar(inputColumns, node),
      tabular: (node) => this.tabular(node),
      databaseTable: (name) => this.databaseTable(name),
    };
  }

  private scalar(columns: readonly Column[], node: SyntaxNode): CompiledScalar {
    return compileScalar(node, this.scalarContext(columns));
  }

  private scalarContext(columns: readonly Column[]): ScalarContext {
    const indexes = columnIndexes(columns);
    return {
      language: this.language,
      now: this.input.now,
      columnIndex: (name) => indexes.get(name),
      scalarBinding: (name) => {
        const binding = this.bindings.get(name);
        return binding?.kind === 'scalar' ? binding : undefined;
      },
      tabular: (node) => this.tabular(node),
    };
  }
}

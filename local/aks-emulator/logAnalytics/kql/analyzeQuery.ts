import type { Diagnostic, GlobalState, QueryRoot, SyntaxNode, TableSymbol } from './kustoApi';
import { kustoLanguage } from './kustoLanguage';
import { KqlSemanticError, KqlSyntaxError } from './kqlErrors';
import { operatorKeyword } from './syntaxText';
import { as, readOnlyItems, type NameReferenceNode, type PipeExpressionNode } from './syntaxNodes';
import type { Column } from './table';

export interface TableSchema {
  readonly name: string;
  readonly columns: readonly Column[];
}

/**
 * Parses and analyses a query with the official Kusto.Language analyser against the workspace's table schemas.
 * Syntax errors and semantic errors (unknown names, wrong argument types…) come from it; the evaluator then
 * relies on the tree's resolved symbols and result types.
 */
export function analyzeQuery(text: string, schemas: readonly TableSchema[]): QueryRoot {
  const { kusto } = kustoLanguage();
  const code = kusto.Language.KustoCode.ParseAndAnalyze(text, globalStateFor(schemas));
  const syntaxError = earliest(readOnlyItems(code.Syntax.GetContainedSyntaxDiagnostics()));
  if (syntaxError) throw toSyntaxError(code.Syntax, text, syntaxError);
  const semanticError = earliest(readOnlyItems(code.GetDiagnostics()).filter((d) => d.Severity === 'Error'));
  if (semanticError) throw toSemanticError(code.Syntax, semanticError);
  return code.Syntax;
}

const globalStates = new Map<string, GlobalState>();

function globalStateFor(schemas: readonly TableSchema[]): GlobalState {
  const key = JSON.stringify(schemas);
  let globals = globalStates.get(key);
  if (globals === undefined) {
    const { Symbols, GlobalState } = kustoLanguage().kusto.Language;
    const tables: TableSymbol[] = schemas.map(
      (schema) => new Symbols.TableSymbol.$ctor7(schema.name, schemaText(schema.columns), null),
    );
    globals = GlobalState.Default.WithDatabase(new Symbols.DatabaseSymbol.$ctor2('workspace', null, tables));
    globalStates.set(key, globals);
  }
  return globals;
}

/** Kusto.Language's schema notation: "(TimeGenerated:datetime, ['odd name']:string)". */
function schemaText(columns: readonly Column[]): string {
  const quote = (name: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name}']`);
  return `(${columns.map((column) => `${quote(column.name)}:${column.type}`).join(', ')})`;
}

function earliest(diagnostics: Diagnostic[]): Diagnostic | undefined {
  return diagnostics.sort((a, b) => a.Start - b.Start)[0];
}

function toSyntaxError(root: QueryRoot, text: string, diagnostic: Diagnostic): KqlSyntaxError {
  const token = root.GetTokenAt(diagnostic.Start);
  const isEnd = token === null || token.Text === '' || kustoLanguage().kindOf(token) === 'EndOfTextToken';
  const start = isEnd ? text.length : token.TextStart;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const line = text.slice(0, start).split('\n').length;
  return new KqlSyntaxError(isEnd ? '<EOF>' : token.Text, line, start - lineStart);
}

/** The analyser's "The name 'X' does not refer to any known column, table, variable or function" (KS142) and "…known table, tabular variable or function" (KS204). */
const UNRESOLVED_NAME_CODES: ReadonlySet<string> = new Set(['KS142', 'KS204']);

function toSemanticError(root: QueryRoot, diagnostic: Diagnostic): KqlSemanticError {
  if (UNRESOLVED_NAME_CODES.has(diagnostic.Code)) {
    const node = root.GetNodeAt(diagnostic.Start, diagnostic.Length);
    const reference = node === null ? undefined : enclosingNameReference(node);
    if (reference) return new KqlSemanticError('SEM0100', unresolvedNameMessage(reference));
  }
  return new KqlSemanticError(diagnostic.Code, diagnostic.Message);
}

function enclosingNameReference(node: SyntaxNode): NameReferenceNode | undefined {
  const { kindOf } = kustoLanguage();
  for (let current: SyntaxNode | null = node; current !== null; current = current.Parent) {
    if (kindOf(current) === 'NameReference') return as<NameReferenceNode>(current);
  }
  return undefined;
}

/** The service's SEM0100 wording: "'where' operator: Failed to resolve column or scalar expression named 'X'". */
function unresolvedNameMessage(reference: NameReferenceNode): string {
  const { kindOf } = kustoLanguage();
  const parent = reference.Parent;
  if (
    parent !== null &&
    kindOf(parent) === 'PipeExpression' &&
    as<PipeExpressionNode>(parent).Expression === reference
  ) {
    const operator = operatorKeyword(as<PipeExpressionNode>(parent).Operator);
    return `'${operator}' operator: Failed to resolve table or column expression named '${reference.SimpleName}'`;
  }
  const operatorNode = enclosingOperator(reference);
  if (operatorNode === undefined)
    return `Failed to resolve table or column expression named '${reference.SimpleName}'`;
  const operator = operatorKeyword(operatorNode);
  const what = operator === 'extend' ? 'scalar expression' : 'column or scalar expression';
  return `'${operator}' operator: Failed to resolve ${what} named '${reference.SimpleName}'`;
}

function enclosingOperator(node: SyntaxNode): SyntaxNode | undefined {
  const { kindOf } = kustoLanguage();
  for (let current = node.Parent; current !== null; current = current.Parent) {
    if (kindOf(current).endsWith('Operator')) return current;
  }
  return undefined;
}

import type { ReadOnlyList, SyntaxElement, SyntaxNode, SyntaxToken } from './kustoApi';

/**
 * Shapes of the Kusto.Language syntax nodes the evaluator reads (C# property names). A node's C# class is known
 * from its `SyntaxKind` (see `KustoLanguage.kindOf`), and `as<T>()` narrows it after that check.
 */

export interface SeparatedElement<T> {
  readonly Element: T;
}
export type SeparatedList<T> = ReadOnlyList<SeparatedElement<T>>;

export interface QueryBlockNode extends SyntaxNode {
  readonly Statements: SeparatedList<SyntaxNode>;
}
export interface LetStatementNode extends SyntaxNode {
  readonly Name: NameDeclarationNode;
  readonly Expression: SyntaxNode;
}
export interface ExpressionStatementNode extends SyntaxNode {
  readonly Expression: SyntaxNode;
}
export interface NameDeclarationNode extends SyntaxNode {
  readonly SimpleName: string;
}
export interface NameReferenceNode extends SyntaxNode {
  readonly SimpleName: string;
}
export interface PipeExpressionNode extends SyntaxNode {
  readonly Expression: SyntaxNode;
  readonly Operator: SyntaxNode;
}
/** Parenthesized, bracketed and unary expressions: one inner expression. */
export interface WrappedExpressionNode extends SyntaxNode {
  readonly Expression: SyntaxNode;
}
export interface NamedParameterNode extends SyntaxNode {
  readonly Name: NameDeclarationNode;
  readonly Expression: SyntaxNode;
}
export interface OperatorWithParameters extends SyntaxNode {
  readonly Parameters?: ReadOnlyList<NamedParameterNode>;
}
export interface FilterOperatorNode extends OperatorWithParameters {
  readonly Condition: SyntaxNode;
}
export interface ExpressionsOperatorNode extends OperatorWithParameters {
  readonly Expressions: SeparatedList<SyntaxNode>;
}
export interface SummarizeOperatorNode extends OperatorWithParameters {
  readonly Aggregates: SeparatedList<SyntaxNode>;
  readonly ByClause: (SyntaxNode & { readonly Expressions: SeparatedList<SyntaxNode> }) | null;
}
export interface TopOperatorNode extends OperatorWithParameters {
  readonly Expression: SyntaxNode;
  readonly ByExpression: SyntaxNode;
}
export interface TakeOperatorNode extends OperatorWithParameters {
  readonly Expression: SyntaxNode;
}
export interface JoinOperatorNode extends OperatorWithParameters {
  readonly Expression: SyntaxNode;
  readonly ConditionClause: SyntaxNode;
}
export interface OrderedExpressionNode extends SyntaxNode {
  readonly Expression: SyntaxNode;
  readonly Ordering: SyntaxNode & {
    readonly AscOrDescKeyword: SyntaxToken | null;
    readonly NullsClause: (SyntaxNode & { readonly FirstOrLastKeyword: SyntaxToken | null }) | null;
  };
}
export interface SimpleNamedExpressionNode extends SyntaxNode {
  readonly Name: NameDeclarationNode;
  readonly Expression: SyntaxNode;
}
export interface BinaryExpressionNode extends SyntaxNode {
  readonly Left: SyntaxNode;
  readonly Right: SyntaxNode;
}
export interface InExpressionNode extends SyntaxNode {
  readonly Left: SyntaxNode;
  /** "in", "!in", "in~" or "!in~" */
  readonly Operator: SyntaxToken;
  readonly Right: SyntaxNode & { readonly Expressions: SeparatedList<SyntaxNode> };
}
export interface BetweenExpressionNode extends SyntaxNode {
  readonly Left: SyntaxNode;
  readonly Right: SyntaxNode & { readonly First: SyntaxNode; readonly Second: SyntaxNode };
}
export interface FunctionCallExpressionNode extends SyntaxNode {
  readonly Name: NameReferenceNode;
  readonly ArgumentList: SyntaxNode & { readonly Expressions: SeparatedList<SyntaxNode> };
}
export interface PathExpressionNode extends SyntaxNode {
  readonly Expression: SyntaxNode;
  readonly Selector: SyntaxNode;
}
export interface ElementExpressionNode extends SyntaxNode {
  readonly Expression: SyntaxNode;
  readonly Selector: SyntaxNode & { readonly Expression: SyntaxNode };
}
export interface LiteralExpressionNode extends SyntaxNode {
  readonly Token: SyntaxToken;
  /** Decoded value; reliable for strings only (the Bridge build drops hex digits, NaN and sub-second fractions). */
  readonly LiteralValue: unknown;
}
export interface DynamicExpressionNode extends SyntaxNode {
  readonly Expression: SyntaxNode;
}
export interface JsonArrayExpressionNode extends SyntaxNode {
  readonly Values: SeparatedList<SyntaxNode>;
}
export interface JsonObjectExpressionNode extends SyntaxNode {
  readonly Pairs: SeparatedList<SyntaxNode & { readonly Name: SyntaxToken; readonly Value: SyntaxNode }>;
}

export function as<T extends SyntaxElement>(element: SyntaxElement): T {
  return element as T;
}

export function listItems<T>(list: SeparatedList<T> | null | undefined): T[] {
  const items: T[] = [];
  if (!list) return items;
  for (let i = 0; i < list.Count; i += 1) items.push(list.getItem(i).Element);
  return items;
}

export function readOnlyItems<T>(list: ReadOnlyList<T> | null | undefined): T[] {
  const items: T[] = [];
  if (!list) return items;
  for (let i = 0; i < list.Count; i += 1) items.push(list.getItem(i));
  return items;
}

import type { SyntaxNode } from '../kustoApi';
import { unsupported } from '../kqlErrors';
import { literalValue } from '../literals';
import { kqlTypeOf } from '../schemaOf';
import { nodeText } from '../syntaxText';
import {
  as,
  listItems,
  type BetweenExpressionNode,
  type BinaryExpressionNode,
  type DynamicExpressionNode,
  type ElementExpressionNode,
  type FunctionCallExpressionNode,
  type InExpressionNode,
  type LiteralExpressionNode,
  type NameReferenceNode,
  type PathExpressionNode,
  type WrappedExpressionNode,
} from '../syntaxNodes';
import { ARITHMETIC_KINDS, compileArithmetic, compileNegation } from './arithmetic';
import { compileComparison, type ComparisonOperator } from './comparisons';
import { constant, withOperands, type CompiledScalar, type ScalarContext } from './compiledScalar';
import { compileElementAccess, compileMemberAccess, dynamicLiteral } from './dynamicValues';
import { compileAnd, compileOr } from './logic';
import { compileBetween, compileIn, type MembershipSource } from './membership';
import { SCALAR_FUNCTIONS } from './scalarFunctions';
import { compileStringPredicate, STRING_PREDICATE_KINDS } from './stringPredicates';

const COMPARISON_KINDS: ReadonlyMap<string, ComparisonOperator> = new Map([
  ['EqualExpression', '=='],
  ['NotEqualExpression', '!='],
  ['LessThanExpression', '<'],
  ['LessThanOrEqualExpression', '<='],
  ['GreaterThanExpression', '>'],
  ['GreaterThanOrEqualExpression', '>='],
  ['EqualTildeExpression', '=~'],
  ['BangTildeExpression', '!~'],
]);

/**
 * Compiles an analysed scalar expression into a function of the row. Anything outside the subset — an operator,
 * a function, a literal form — is refused by name, so a query is either answered faithfully or not at all.
 */
export function compileScalar(node: SyntaxNode, context: ScalarContext): CompiledScalar {
  const kind = context.language.kindOf(node);
  if (kind.endsWith('LiteralExpression')) {
    const literal = literalValue(kind, as<LiteralExpressionNode>(node));
    return constant(literal.type, literal.value);
  }
  const comparison = COMPARISON_KINDS.get(kind);
  if (comparison) return compileBinary(node, context, (l, r) => compileComparison(comparison, l, r));
  const arithmetic = ARITHMETIC_KINDS.get(kind);
  if (arithmetic) {
    return compileBinary(node, context, (l, r) =>
      compileArithmetic(arithmetic, l, r, kqlTypeOf(node.ResultType)),
    );
  }
  const stringPredicate = STRING_PREDICATE_KINDS.get(kind);
  if (stringPredicate)
    return compileBinary(node, context, (l, r) => compileStringPredicate(stringPredicate, l, r));
  switch (kind) {
    case 'AndExpression':
      return compileBinary(node, context, compileAnd);
    case 'OrExpression':
      return compileBinary(node, context, compileOr);
    case 'ParenthesizedExpression':
      return compileScalar(as<WrappedExpressionNode>(node).Expression, context);
    case 'UnaryMinusExpression': {
      const operand = compileScalar(as<WrappedExpressionNode>(node).Expression, context);
      return withOperands(compileNegation(operand), [operand]);
    }
    case 'UnaryPlusExpression':
      return compileScalar(as<WrappedExpressionNode>(node).Expression, context);
    case 'NameReference':
      return compileNameReference(as<NameReferenceNode>(node), context);
    case 'FunctionCallExpression':
      return compileFunctionCall(as<FunctionCallExpressionNode>(node), context);
    case 'DynamicExpression':
      return constant('dynamic', dynamicLiteral(context.language, as<DynamicExpressionNode>(node)));
    case 'PathExpression':
      return compilePath(as<PathExpressionNode>(node), context);
    case 'ElementExpression':
      return compileElement(as<ElementExpressionNode>(node), context);
    case 'InExpression':
    case 'NotInExpression':
    case 'InCsExpression':
    case 'NotInCsExpression':
      return compileMembership(as<InExpressionNode>(node), context);
    case 'BetweenExpression':
    case 'NotBetweenExpression': {
      const between = as<BetweenExpressionNode>(node);
      const operands = [between.Left, between.Right.First, between.Right.Second].map((operand) =>
        compileScalar(operand, context),
      );
      return withOperands(
        compileBetween(kind === 'NotBetweenExpression', operands[0]!, operands[1]!, operands[2]!),
        operands,
      );
    }
    default:
      throw unsupported(`The expression '${nodeText(node)}' (${kind})`);
  }
}

function compileBinary(
  node: SyntaxNode,
  context: ScalarContext,
  build: (left: CompiledScalar, right: CompiledScalar) => CompiledScalar,
): CompiledScalar {
  const binary = as<BinaryExpressionNode>(node);
  const left = compileScalar(binary.Left, context);
  const right = compileScalar(binary.Right, context);
  return withOperands(build(left, right), [left, right]);
}

function compileNameReference(node: NameReferenceNode, context: ScalarContext): CompiledScalar {
  const symbolKind = context.language.bridge
    .getTypeName(node.ReferencedSymbol)
    .replace('Kusto.Language.Symbols.', '');
  if (symbolKind === 'ColumnSymbol') {
    const index = context.columnIndex(node.SimpleName);
    if (index === undefined) throw unsupported(`The column reference '${node.SimpleName}' here`);
    return { type: kqlTypeOf(node.ResultType), evaluate: (row) => row[index] ?? null };
  }
  if (symbolKind === 'VariableSymbol') {
    const binding = context.scalarBinding(node.SimpleName);
    if (binding) return constant(binding.type, binding.value);
  }
  throw unsupported(`The name '${node.SimpleName}' as a scalar`);
}

function compileFunctionCall(node: FunctionCallExpressionNode, context: ScalarContext): CompiledScalar {
  const name = node.Name.SimpleName;
  const implementation = SCALAR_FUNCTIONS.get(name);
  if (implementation === undefined) throw unsupported(`The function '${name}()'`);
  const args = listItems(node.ArgumentList.Expressions).map((argument) => compileScalar(argument, context));
  return withOperands(
    implementation({ name, args, resultType: kqlTypeOf(node.ResultType), now: context.now }),
    args,
  );
}

function compilePath(node: PathExpressionNode, context: ScalarContext): CompiledScalar {
  const base = compileScalar(node.Expression, context);
  if (base.type !== 'dynamic') throw unsupported(`The member access '${nodeText(node)}' on a ${base.type}`);
  const selectorKind = context.language.kindOf(node.Selector);
  if (selectorKind === 'NameReference')
    return compileMemberAccess(base, as<NameReferenceNode>(node.Selector).SimpleName);
  if (selectorKind === 'BracketedExpression') {
    return compileElementAccess(
      base,
      compileScalar(as<WrappedExpressionNode>(node.Selector).Expression, context),
    );
  }
  throw unsupported(`The member access '${nodeText(node)}'`);
}

function compileElement(node: ElementExpressionNode, context: ScalarContext): CompiledScalar {
  const base = compileScalar(node.Expression, context);
  if (base.type !== 'dynamic') throw unsupported(`The element access '${nodeText(node)}' on a ${base.type}`);
  return compileElementAccess(base, compileScalar(node.Selector.Expression, context));
}

function compileMembership(node: InExpressionNode, context: ScalarContext): CompiledScalar {
  const operator = node.Operator.Text;
  const sources: MembershipSource[] = listItems(node.Right.Expressions).map((item) =>
    item.ResultType?.Columns !== undefined
      ? { table: context.tabular(item) }
      : { scalar: compileScalar(item, context) },
  );
  return compileIn(
    { negated: operator.startsWith('!'), caseInsensitive: operator.endsWith('~') },
    compileScalar(node.Left, context),
    sources,
  );
}

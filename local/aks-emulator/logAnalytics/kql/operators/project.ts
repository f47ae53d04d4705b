import type { SyntaxNode } from '../kustoApi';
import { unsupported } from '../kqlErrors';
import { as, listItems, type ExpressionsOperatorNode, type SimpleNamedExpressionNode } from '../syntaxNodes';
import type { OperatorContext, TableTransform } from './operatorContext';

/** `project a, b = expr, expr`: one output column per element, named as the analyser names them. */
export function compileProject(node: ExpressionsOperatorNode, context: OperatorContext): TableTransform {
  const elements = listItems(node.Expressions);
  if (elements.length !== context.outputColumns.length) {
    throw unsupported("'project' with column wildcards");
  }
  const values = elements.map((element) => context.scalar(namedValue(context, element)));
  return (input) => ({
    columns: context.outputColumns,
    rows: input.rows.map((row) => values.map((value) => value.evaluate(row))),
  });
}

/** The value expression of `name = value`, or the element itself. */
export function namedValue(context: OperatorContext, element: SyntaxNode): SyntaxNode {
  const kind = context.language.kindOf(element);
  if (kind === 'SimpleNamedExpression') return as<SimpleNamedExpressionNode>(element).Expression;
  if (kind === 'CompoundNamedExpression') throw unsupported('Tuple assignments (a, b) = …');
  return element;
}

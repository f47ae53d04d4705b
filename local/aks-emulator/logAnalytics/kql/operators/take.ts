import { unsupported } from '../kqlErrors';
import type { SyntaxNode } from '../kustoApi';
import type { TakeOperatorNode } from '../syntaxNodes';
import type { OperatorContext, TableTransform } from './operatorContext';
import { operatorParameters } from './parameters';

/** `take n` / `limit n`: the first n rows in input order (KQL promises no particular order without a sort). */
export function compileTake(node: TakeOperatorNode, context: OperatorContext): TableTransform {
  operatorParameters(context.language, node);
  const count = rowCount(node.Expression, context);
  return (input) => ({ columns: context.outputColumns, rows: input.rows.slice(0, count) });
}

/** A row count given as a constant expression (a literal or a `let` scalar). */
export function rowCount(expression: SyntaxNode, context: OperatorContext): number {
  const count = context.scalar(expression);
  const value = count.constant ? count.evaluate([]) : undefined;
  if (typeof value !== 'number') throw unsupported('A row count that is not a constant number');
  return Math.max(0, Math.trunc(value));
}

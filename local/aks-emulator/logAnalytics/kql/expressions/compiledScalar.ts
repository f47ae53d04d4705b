import type { KustoLanguage } from '../kustoLanguage';
import type { SyntaxNode } from '../kustoApi';
import type { KqlType, KqlValue, Row, Table } from '../table';

/** A scalar expression compiled once per query into a function of the current row. */
export interface CompiledScalar {
  readonly type: KqlType;
  readonly evaluate: (row: Row) => KqlValue;
  /** Set when the value does not depend on the row (literals, `let` scalars, `now()`). */
  readonly constant?: boolean;
}

/** What a scalar expression can see while it is compiled. */
export interface ScalarContext {
  readonly language: KustoLanguage;
  /** The query's `now()`, fixed for the whole query as the service does. */
  readonly now: number;
  /** Position of a column of the current row, by name. */
  columnIndex(name: string): number | undefined;
  /** A `let` scalar in scope. */
  scalarBinding(name: string): { readonly type: KqlType; readonly value: KqlValue } | undefined;
  /** Compiles a tabular sub-expression (the right side of `in`), evaluated at most once. */
  tabular(node: SyntaxNode): () => Table;
}

export function constant(type: KqlType, value: KqlValue): CompiledScalar {
  return { type, evaluate: () => value, constant: true };
}

/** An expression whose operands are all constant is constant itself: it is evaluated once, at compile time. */
export function withOperands(compiled: CompiledScalar, operands: readonly CompiledScalar[]): CompiledScalar {
  if (compiled.constant || !operands.every((operand) => operand.constant)) return compiled;
  return constant(compiled.type, compiled.evaluate([]));
}

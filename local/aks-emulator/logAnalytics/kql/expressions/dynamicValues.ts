import type { SyntaxNode } from '../kustoApi';
import type { KustoLanguage } from '../kustoLanguage';
import { unsupported } from '../kqlErrors';
import { literalValue } from '../literals';
import {
  as,
  listItems,
  type DynamicExpressionNode,
  type JsonArrayExpressionNode,
  type JsonObjectExpressionNode,
  type LiteralExpressionNode,
  type WrappedExpressionNode,
} from '../syntaxNodes';
import type { JsonValue, KqlValue } from '../table';
import type { CompiledScalar } from './compiledScalar';
import { toDynamic } from './conversions';

/** `dynamic([1, "a"])`, `dynamic({"k": datetime(2026-01-01)})`, `dynamic(null)` as a JSON value. */
export function dynamicLiteral(language: KustoLanguage, node: DynamicExpressionNode): JsonValue {
  return jsonValue(language, node.Expression);
}

function jsonValue(language: KustoLanguage, node: SyntaxNode): JsonValue {
  const kind = language.kindOf(node);
  if (kind === 'JsonArrayExpression') {
    return listItems(as<JsonArrayExpressionNode>(node).Values).map((item) => jsonValue(language, item));
  }
  if (kind === 'JsonObjectExpression') {
    const pairs = listItems(as<JsonObjectExpressionNode>(node).Pairs);
    return Object.fromEntries(
      pairs.map((pair) => [propertyName(pair.Name.Text), jsonValue(language, pair.Value)]),
    );
  }
  if (kind.endsWith('LiteralExpression')) {
    const literal = literalValue(kind, as<LiteralExpressionNode>(node));
    return toDynamic(literal.type, literal.value);
  }
  if (kind === 'UnaryMinusExpression') {
    const negated = jsonValue(language, as<WrappedExpressionNode>(node).Expression);
    if (typeof negated === 'number') return -negated;
  }
  throw unsupported(`The dynamic literal element of kind ${kind}`);
}

/** A property name token: "name", 'name' or a bare identifier. */
function propertyName(token: string): string {
  if (token.startsWith('"')) return JSON.parse(token) as string;
  if (token.startsWith("'")) return token.slice(1, -1);
  return token;
}

/** `d.key`: the property of a dynamic object; null when the value is not an object or lacks the key. */
export function compileMemberAccess(base: CompiledScalar, key: string): CompiledScalar {
  return { type: 'dynamic', evaluate: (row) => member(base.evaluate(row), key) };
}

/** `d["key"]` on objects, `d[i]` on arrays (negative counts from the end). */
export function compileElementAccess(base: CompiledScalar, selector: CompiledScalar): CompiledScalar {
  return {
    type: 'dynamic',
    evaluate: (row) => {
      const value = base.evaluate(row);
      const key = selector.evaluate(row);
      if (typeof key === 'string') return member(value, key);
      if (typeof key !== 'number' || !Array.isArray(value)) return null;
      const index = key < 0 ? value.length + key : key;
      return value[index] ?? null;
    },
  };
}

function member(value: KqlValue, key: string): JsonValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value[key] ?? null) : null;
}

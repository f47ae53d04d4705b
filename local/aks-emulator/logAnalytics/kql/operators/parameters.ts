import type { KustoLanguage } from '../kustoLanguage';
import { unsupported } from '../kqlErrors';
import { readOnlyItems, type NamedParameterNode, type OperatorWithParameters } from '../syntaxNodes';
import { operatorKeyword } from '../syntaxText';

/**
 * The `name=value` parameters of an operator. Query hints (`hint.strategy`, `hint.shufflekey`…) only steer the
 * service's execution plan, so they are accepted and ignored; any other parameter must be one the operator's
 * compiler handles, or the query is refused by name.
 */
export function operatorParameters(
  language: KustoLanguage,
  operator: OperatorWithParameters,
  handled: readonly string[] = [],
): Map<string, string> {
  const values = new Map<string, string>();
  for (const parameter of readOnlyItems(operator.Parameters)) {
    const name = parameter.Name.SimpleName;
    if (name.startsWith('hint.')) continue;
    if (!handled.includes(name))
      throw unsupported(`The '${name}' parameter of '${operatorKeyword(operator)}'`);
    values.set(name, parameterText(language, parameter));
  }
  return values;
}

function parameterText(language: KustoLanguage, parameter: NamedParameterNode): string {
  const token = parameter.Expression.GetFirstToken();
  return token === null ? language.kindOf(parameter.Expression) : token.Text;
}

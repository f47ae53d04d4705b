import { analyzeQuery } from '../../../../local/aks-emulator/logAnalytics/kql/analyzeQuery';
import type { SyntaxElement, SyntaxNode } from '../../../../local/aks-emulator/logAnalytics/kql/kustoApi';
import { kustoLanguage } from '../../../../local/aks-emulator/logAnalytics/kql/kustoLanguage';
import type { LiteralExpressionNode } from '../../../../local/aks-emulator/logAnalytics/kql/syntaxNodes';
import { LOG_TABLES } from '../../../../local/aks-emulator/logAnalytics/tables';

/** What the official Kusto parser saw in a query: its query operators in order, and its string literals' values. */
export interface ParsedKql {
  operators: string[];
  strings: string[];
  /** Every literal's kind (StringLiteralExpression, DateTimeLiteralExpression, LongLiteralExpression…) in order. */
  literalKinds: string[];
}

/**
 * Parses and analyses `query` against the documented Container Insights / AKS table schemas with
 * Microsoft's Kusto.Language (throws on any syntax or semantic error), then walks the tree.
 */
export function parseKql(query: string): ParsedKql {
  const root = analyzeQuery(query, LOG_TABLES);
  const parsed: ParsedKql = { operators: [], strings: [], literalKinds: [] };
  visit(root, parsed);
  return parsed;
}

function visit(element: SyntaxElement | null, parsed: ParsedKql): void {
  if (element === null || element.IsToken) return;
  const kind = kustoLanguage().kindOf(element);
  if (kind.endsWith('Operator')) parsed.operators.push(kind);
  if (kind.endsWith('LiteralExpression')) {
    parsed.literalKinds.push(kind);
    if (kind === 'StringLiteralExpression') parsed.strings.push(String((element as LiteralExpressionNode).LiteralValue));
  }
  for (let index = 0; index < element.ChildCount; index++) visit((element as SyntaxNode).GetChild(index), parsed);
}

import type { SyntaxNode, SyntaxToken } from './kustoApi';
import { kustoLanguage } from './kustoLanguage';

/** The keyword an operator is written with: "where", "project-away", "mv-expand"… */
export function operatorKeyword(operator: SyntaxNode): string {
  return operator.GetFirstToken()?.Text ?? kustoLanguage().kindOf(operator);
}

/** The tokens of a node joined by spaces, for messages (at most 120 characters). */
export function nodeText(node: SyntaxNode): string {
  const tokens: string[] = [];
  collectTokens(node, tokens);
  return tokens.join(' ').slice(0, 120);
}

function collectTokens(node: SyntaxNode, into: string[]): void {
  for (let i = 0; i < node.ChildCount; i += 1) {
    const child = node.GetChild(i);
    if (child === null) continue;
    if (child.IsToken) into.push((child as SyntaxToken).Text);
    else collectTokens(child as SyntaxNode, into);
  }
}

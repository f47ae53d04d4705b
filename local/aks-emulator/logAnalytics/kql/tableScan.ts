import { compileScalar } from './expressions/compileScalar';
import type { ScalarContext } from './expressions/compiledScalar';
import type { SyntaxNode } from './kustoApi';
import {
  as,
  listItems,
  type BinaryExpressionNode,
  type InExpressionNode,
  type NameReferenceNode,
  type WrappedExpressionNode,
} from './syntaxNodes';
import type { KqlValue } from './table';

/** The column a scan can be narrowed by: the Azure resource each row belongs to. */
const RESOURCE_COLUMN = '_ResourceId';

/**
 * What a table source may leave out of a table named directly before a `where`: rows whose `_ResourceId`,
 * lower-cased, is not in `resourceIds`. A source may always return more (the `where` still runs on every row it
 * returns), so a scan only ever saves work, never changes a result.
 */
export interface TableScan {
  /** Lower-case resource ids; absent: every resource. */
  readonly resourceIds?: ReadonlySet<string>;
}

export const FULL_SCAN: TableScan = {};

/** A stable text for a scan, to cache what was loaded for it. */
export function scanKey(scan: TableScan): string {
  return scan.resourceIds === undefined ? '*' : [...scan.resourceIds].sort().join('\u0000');
}

/**
 * The scan a `where` condition allows. Only its top-level `and` terms are read; a term of the form
 * `_ResourceId in (…)`, `in~ (…)`, `== "…"` or `=~ "…"` with constant strings restricts the resource ids (compared
 * case-insensitively, so the restriction is never narrower than the condition); any other term restricts nothing.
 */
export function scanOfCondition(condition: SyntaxNode, context: ScalarContext): TableScan {
  const kind = context.language.kindOf(condition);
  if (kind === 'ParenthesizedExpression') return scanOfCondition(as<WrappedExpressionNode>(condition).Expression, context);
  if (kind === 'AndExpression') {
    const binary = as<BinaryExpressionNode>(condition);
    return intersect(scanOfCondition(binary.Left, context), scanOfCondition(binary.Right, context));
  }
  if (kind === 'InExpression' || kind === 'InCsExpression') return membershipScan(as<InExpressionNode>(condition), context);
  if (kind === 'EqualExpression' || kind === 'EqualTildeExpression') return equalityScan(as<BinaryExpressionNode>(condition), context);
  return FULL_SCAN;
}

function intersect(a: TableScan, b: TableScan): TableScan {
  if (a.resourceIds === undefined) return b;
  if (b.resourceIds === undefined) return a;
  const other = b.resourceIds;
  return { resourceIds: new Set([...a.resourceIds].filter((id) => other.has(id))) };
}

function membershipScan(node: InExpressionNode, context: ScalarContext): TableScan {
  if (!isResourceColumn(node.Left, context)) return FULL_SCAN;
  const ids = new Set<string>();
  for (const item of listItems(node.Right.Expressions)) {
    if (item.ResultType?.Columns !== undefined) return FULL_SCAN; // a tabular source is known only when run
    const values = constantValue(item, context);
    if (values === undefined) return FULL_SCAN;
    for (const value of Array.isArray(values) ? values : [values]) {
      if (value === null) continue; // a null member matches no row
      if (typeof value !== 'string') return FULL_SCAN;
      ids.add(value.toLowerCase());
    }
  }
  return { resourceIds: ids };
}

function equalityScan(node: BinaryExpressionNode, context: ScalarContext): TableScan {
  const [column, other] = isResourceColumn(node.Left, context) ? [node.Left, node.Right] : [node.Right, node.Left];
  if (!isResourceColumn(column, context)) return FULL_SCAN;
  const value = constantValue(other, context);
  return typeof value === 'string' ? { resourceIds: new Set([value.toLowerCase()]) } : FULL_SCAN;
}

function isResourceColumn(node: SyntaxNode, context: ScalarContext): boolean {
  if (context.language.kindOf(node) !== 'NameReference') return false;
  const symbolKind = context.language.bridge.getTypeName(as<NameReferenceNode>(node).ReferencedSymbol);
  return symbolKind.endsWith('ColumnSymbol') && as<NameReferenceNode>(node).SimpleName === RESOURCE_COLUMN;
}

/** The value of an expression that does not depend on the row, or undefined when it does. */
function constantValue(node: SyntaxNode, context: ScalarContext): KqlValue | undefined {
  const compiled = compileScalar(node, context);
  return compiled.constant === true ? compiled.evaluate([]) : undefined;
}

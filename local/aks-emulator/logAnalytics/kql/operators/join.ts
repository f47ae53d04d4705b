import type { SyntaxNode } from '../kustoApi';
import { typeMismatch, unsupported } from '../kqlErrors';
import { columnsOf } from '../schemaOf';
import {
  as,
  listItems,
  type BinaryExpressionNode,
  type ExpressionsOperatorNode,
  type JoinOperatorNode,
  type NameReferenceNode,
  type PathExpressionNode,
} from '../syntaxNodes';
import { nodeText } from '../syntaxText';
import type { Column, Row } from '../table';
import { isNumericType } from '../table';
import {
  columnIndexes,
  fillAbsentStrings,
  type OperatorContext,
  type TableTransform,
} from './operatorContext';
import { operatorParameters } from './parameters';

type JoinKind = 'innerunique' | 'inner' | 'leftouter';
const JOIN_KINDS: readonly string[] = ['innerunique', 'inner', 'leftouter'];

interface KeyPair {
  readonly left: number;
  readonly right: number;
}

/**
 * `join [kind=innerunique|inner|leftouter] (right) on a, $left.b == $right.c`. The output has every left column,
 * then every right column (clashing names get the analyser's suffix, e.g. `Computer1`). innerunique — the default
 * when no kind is given — keeps only the first left row of each key; leftouter keeps unmatched left rows with
 * empty right columns. Rows whose key holds a null match nothing.
 */
export function compileJoin(node: JoinOperatorNode, context: OperatorContext): TableTransform {
  const kind = joinKind(operatorParameters(context.language, node, ['kind']).get('kind'));
  const rightColumns = columnsOf(node.Expression.ResultType);
  if (context.outputColumns.length !== context.inputColumns.length + rightColumns.length) {
    throw unsupported(`The join output of '${nodeText(node)}'`);
  }
  const keys = joinKeys(node.ConditionClause, context, rightColumns);
  const right = context.tabular(node.Expression);
  return (input) => {
    const rightRows = right().rows;
    const index = new Map<JoinKey, Row[]>();
    for (const row of rightRows) {
      const key = keyOf(row, keys, 'right');
      if (key === undefined) continue;
      const bucket = index.get(key);
      if (bucket) bucket.push(row);
      else index.set(key, [row]);
    }
    const leftRows = kind === 'innerunique' ? firstPerKey(input.rows, keys) : input.rows;
    const emptyRight: Row = rightColumns.map(() => null);
    const rows: Row[] = [];
    for (const leftRow of leftRows) {
      const key = keyOf(leftRow, keys, 'left');
      const matches = key === undefined ? undefined : index.get(key);
      if (matches) for (const rightRow of matches) rows.push(leftRow.concat(rightRow));
      else if (kind === 'leftouter') {
        const row = leftRow.concat(emptyRight);
        fillAbsentStrings(context.outputColumns, row);
        rows.push(row);
      }
    }
    return { columns: context.outputColumns, rows };
  };
}

function joinKind(kind: string | undefined): JoinKind {
  if (kind === undefined) return 'innerunique';
  if (!JOIN_KINDS.includes(kind)) throw unsupported(`'join kind=${kind}'`);
  return kind as JoinKind;
}

/** A cell (one key column) or the key cells as JSON text (several); a number matches whatever its type. */
type JoinKey = string | number | boolean;

/** The key of a row, or undefined when a key cell is null (such rows match nothing). */
function keyOf(row: Row, keys: readonly KeyPair[], side: 'left' | 'right'): JoinKey | undefined {
  if (keys.length === 1) {
    const cell = row[keys[0]![side]] ?? null;
    return cell === null || typeof cell === 'object' ? undefined : cell;
  }
  const values = keys.map((key) => row[key[side]] ?? null);
  return values.includes(null) ? undefined : JSON.stringify(values);
}

function firstPerKey(rows: readonly Row[], keys: readonly KeyPair[]): Row[] {
  const seen = new Set<JoinKey | undefined>();
  return rows.filter((row) => {
    const key = keyOf(row, keys, 'left');
    if (key !== undefined && seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function joinKeys(clause: SyntaxNode, context: OperatorContext, rightColumns: readonly Column[]): KeyPair[] {
  if (context.language.kindOf(clause) !== 'JoinOnClause')
    throw unsupported(`The join condition '${nodeText(clause)}'`);
  const leftIndex = columnIndexes(context.inputColumns);
  const rightIndex = columnIndexes(rightColumns);
  const resolve = (name: string, side: 'left' | 'right'): number => {
    const index = (side === 'left' ? leftIndex : rightIndex).get(name);
    if (index === undefined) throw unsupported(`The join key '${name}'`);
    return index;
  };
  const pairs = listItems(as<ExpressionsOperatorNode>(clause).Expressions).flatMap((condition) =>
    keyPairs(condition, context, resolve),
  );
  for (const pair of pairs) checkKeyTypes(context.inputColumns[pair.left]!, rightColumns[pair.right]!);
  return pairs;
}

/** `col`, `$left.a == $right.b` (either order), or several of them joined with `and`. */
function keyPairs(
  condition: SyntaxNode,
  context: OperatorContext,
  resolve: (name: string, side: 'left' | 'right') => number,
): KeyPair[] {
  const kind = context.language.kindOf(condition);
  if (kind === 'NameReference') {
    const name = as<NameReferenceNode>(condition).SimpleName;
    return [{ left: resolve(name, 'left'), right: resolve(name, 'right') }];
  }
  if (kind === 'AndExpression') {
    const both = as<BinaryExpressionNode>(condition);
    return [...keyPairs(both.Left, context, resolve), ...keyPairs(both.Right, context, resolve)];
  }
  if (kind === 'EqualExpression') {
    const equal = as<BinaryExpressionNode>(condition);
    const a = sideReference(equal.Left, context);
    const b = sideReference(equal.Right, context);
    if (a && b && a.side !== b.side) {
      const [left, right] = a.side === 'left' ? [a, b] : [b, a];
      return [{ left: resolve(left.name, 'left'), right: resolve(right.name, 'right') }];
    }
  }
  throw unsupported(`The join condition '${nodeText(condition)}'`);
}

function sideReference(
  node: SyntaxNode,
  context: OperatorContext,
): { side: 'left' | 'right'; name: string } | undefined {
  if (context.language.kindOf(node) !== 'PathExpression') return undefined;
  const path = as<PathExpressionNode>(node);
  const side = as<NameReferenceNode>(path.Expression).SimpleName;
  if ((side !== '$left' && side !== '$right') || context.language.kindOf(path.Selector) !== 'NameReference')
    return undefined;
  return { side: side === '$left' ? 'left' : 'right', name: as<NameReferenceNode>(path.Selector).SimpleName };
}

function checkKeyTypes(left: Column, right: Column): void {
  if (left.type === right.type || (isNumericType(left.type) && isNumericType(right.type))) return;
  throw typeMismatch(
    `join: key columns '${left.name}' (${left.type}) and '${right.name}' (${right.type}) have different types`,
  );
}

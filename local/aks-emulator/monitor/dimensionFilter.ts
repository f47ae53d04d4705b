import { MetricsRequestError } from './metricsError';

/**
 * The metrics `$filter`: conditions `dimension eq 'value'` joined by `and`; `or` may only join conditions on the
 * same dimension (`node eq 'a' or node eq 'b'`); `'*'` splits by the dimension. Parentheses around an or-group are
 * allowed. Names and values compare case-insensitively.
 */

export interface DimensionCondition {
  /** The dimension as written in the filter. */
  dimension: string;
  /** Lower-case values to keep; empty with `split` = every value. */
  values: Set<string>;
  split: boolean;
}

export type DimensionFilter = DimensionCondition[];

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'paren'; text: '(' | ')' };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', text: c });
      i += 1;
    } else if (c === "'") {
      let text = '';
      i += 1;
      for (;;) {
        if (i >= filter.length) throw invalid(filter, 'a quoted value is not closed');
        if (filter[i] === "'" && filter[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (filter[i] === "'") {
          i += 1;
          break;
        } else {
          text += filter[i];
          i += 1;
        }
      }
      tokens.push({ kind: 'string', text });
    } else {
      const match = /^[A-Za-z_][\w.-]*/.exec(filter.slice(i));
      if (!match) throw invalid(filter, `unexpected character '${c}'`);
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

const invalid = (filter: string, reason: string): MetricsRequestError => new MetricsRequestError(`Invalid $filter "${filter}": ${reason}.`);

export function parseDimensionFilter(filter: string | undefined): DimensionFilter {
  if (filter === undefined || filter.trim() === '') return [];
  const tokens = tokenize(filter);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const keyword = (word: string): boolean => {
    const token = peek();
    if (token?.kind === 'word' && token.text.toLowerCase() === word) {
      position += 1;
      return true;
    }
    return false;
  };

  const condition = (): { dimension: string; value: string } => {
    const name = tokens[position];
    const operator = tokens[position + 1];
    const value = tokens[position + 2];
    if (name?.kind !== 'word') throw invalid(filter, 'expected a dimension name');
    if (operator?.kind !== 'word' || operator.text.toLowerCase() !== 'eq') {
      throw invalid(filter, `expected 'eq' after '${name.text}' (only eq is supported)`);
    }
    if (value?.kind !== 'string') throw invalid(filter, `expected a quoted value after '${name.text} eq'`);
    position += 3;
    return { dimension: name.text, value: value.text };
  };

  const group = (): DimensionCondition => {
    const parenthesised = peek()?.kind === 'paren' && peek()?.text === '(';
    if (parenthesised) position += 1;
    const first = condition();
    const result: DimensionCondition = { dimension: first.dimension, values: new Set(), split: false };
    const add = (value: string): void => {
      if (value === '*') result.split = true;
      else result.values.add(value.toLowerCase());
    };
    add(first.value);
    while (keyword('or')) {
      const next = condition();
      if (next.dimension.toLowerCase() !== first.dimension.toLowerCase()) {
        throw invalid(filter, `'or' can only combine conditions on the same dimension ('${first.dimension}' and '${next.dimension}')`);
      }
      add(next.value);
    }
    if (parenthesised) {
      if (peek()?.kind !== 'paren' || peek()?.text !== ')') throw invalid(filter, "expected ')'");
      position += 1;
    }
    if (result.split) result.values.clear();
    return result;
  };

  const groups = [group()];
  while (keyword('and')) groups.push(group());
  if (position < tokens.length) throw invalid(filter, `unexpected '${tokens[position]!.text}'`);
  const seen = new Set<string>();
  for (const g of groups) {
    const key = g.dimension.toLowerCase();
    if (seen.has(key)) throw invalid(filter, `dimension '${g.dimension}' appears in more than one 'and' clause`);
    seen.add(key);
  }
  return groups;
}

/** Whether a sample's dimension values pass the filter (conditions on dimensions the sample lacks never pass). */
export function matchesFilter(filter: DimensionFilter, dimensions: Record<string, string>): boolean {
  return filter.every((condition) => {
    const value = dimensionValue(dimensions, condition.dimension);
    if (value === undefined) return false;
    return condition.split || condition.values.has(value.toLowerCase());
  });
}

export function dimensionValue(dimensions: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(dimensions)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

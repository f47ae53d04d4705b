import type { CompiledScalar } from './compiledScalar';
import { toKqlString } from './conversions';

export type StringPredicate = 'has' | 'contains' | 'startswith';

export interface StringPredicateSpec {
  readonly predicate: StringPredicate;
  readonly negated: boolean;
  readonly caseSensitive: boolean;
}

const SYNTAX_NAMES: Record<StringPredicate, string> = {
  has: 'Has',
  contains: 'Contains',
  startswith: 'StartsWith',
};

/** The string operators of the subset by the parser's SyntaxKind: `has` → HasExpression, `!has_cs` → NotHasCsExpression… */
export const STRING_PREDICATE_KINDS: ReadonlyMap<string, StringPredicateSpec> = new Map(
  (Object.keys(SYNTAX_NAMES) as StringPredicate[]).flatMap((predicate) =>
    [false, true].flatMap((negated) =>
      [false, true].map((caseSensitive): [string, StringPredicateSpec] => [
        `${negated ? 'Not' : ''}${SYNTAX_NAMES[predicate]}${caseSensitive ? 'Cs' : ''}Expression`,
        { predicate, negated, caseSensitive },
      ]),
    ),
  ),
);

/**
 * `has` matches whole terms (maximal runs of ASCII letters and digits), `contains` any substring, `startswith`
 * a prefix; all case-insensitive unless `_cs`. A non-string operand is matched by its `tostring()` text.
 */
export function compileStringPredicate(
  spec: StringPredicateSpec,
  left: CompiledScalar,
  right: CompiledScalar,
): CompiledScalar {
  const fold = spec.caseSensitive ? (text: string) => text : (text: string) => text.toLowerCase();
  const matches = MATCHERS[spec.predicate];
  const constantNeedle = right.constant ? fold(toKqlString(right.type, right.evaluate([]))) : undefined;
  return {
    type: 'bool',
    evaluate: (row) => {
      const haystack = fold(toKqlString(left.type, left.evaluate(row)));
      const needle = constantNeedle ?? fold(toKqlString(right.type, right.evaluate(row)));
      return matches(haystack, needle) !== spec.negated;
    },
  };
}

const MATCHERS: Record<StringPredicate, (haystack: string, needle: string) => boolean> = {
  has: hasTerm,
  contains: (haystack, needle) => haystack.includes(needle),
  startswith: (haystack, needle) => haystack.startsWith(needle),
};

const isTermCharacter = (character: string | undefined): boolean =>
  character !== undefined && /[A-Za-z0-9]/.test(character);

/** True when `needle` occurs in `haystack` starting and ending on term boundaries. */
export function hasTerm(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  const mustStartTerm = isTermCharacter(needle[0]);
  const mustEndTerm = isTermCharacter(needle[needle.length - 1]);
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const startsTerm = !mustStartTerm || !isTermCharacter(haystack[at - 1]);
    const endsTerm = !mustEndTerm || !isTermCharacter(haystack[at + needle.length]);
    if (startsTerm && endsTerm) return true;
  }
  return false;
}

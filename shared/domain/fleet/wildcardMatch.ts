/** What a match cost: `steps` counts loop iterations, so tests can hold the matcher to its bound. */
export interface WildcardMatchResult {
  matched: boolean;
  steps: number;
}

/**
 * Glob match where `*` stands for any run of characters (no other metacharacters), case-insensitive.
 *
 * Greedy two pointers: on a mismatch after a `*`, only the most recent `*` is retried one character
 * further. Earlier stars never need revisiting (whatever they could absorb, the last star can too), so the
 * cost is at most (text + 1) × (pattern + 1) steps: linear in the name for a bounded pattern, where a
 * regex built by joining the parts with `.*` backtracks polynomially (cubic for three stars).
 */
export function matchWildcard(pattern: string, text: string): WildcardMatchResult {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let patternAt = 0;
  let textAt = 0;
  let lastStar = -1;
  let textAtLastStar = 0;
  let steps = 0;
  while (textAt < t.length) {
    steps += 1;
    if (p[patternAt] === '*') {
      lastStar = patternAt;
      textAtLastStar = textAt;
      patternAt += 1;
    } else if (patternAt < p.length && p[patternAt] === t[textAt]) {
      patternAt += 1;
      textAt += 1;
    } else if (lastStar >= 0) {
      patternAt = lastStar + 1;
      textAtLastStar += 1;
      textAt = textAtLastStar;
    } else {
      return { matched: false, steps };
    }
  }
  while (p[patternAt] === '*') {
    steps += 1;
    patternAt += 1;
  }
  return { matched: patternAt === p.length, steps };
}

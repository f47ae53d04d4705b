/**
 * JSON Schema patterns are ECMA-262 sources without flags. zod-to-openapi 9.1 writes a RegExp's toString()
 * minus its outer slashes, so a flagged regex such as /^[0-9]+$/u reaches the document as `^[0-9]+$/u`, a
 * pattern no string matches. These functions find such patterns and write the flagless equivalent.
 */

const SOURCE_AND_FLAGS = /^(?<source>.+)\/(?<flags>[dgimsuvy]+)$/s;
/** Values that are data, not schemas: a `pattern` key inside them is left alone. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'enum', 'const']);
const ASCII_LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];

/** Rewrites, in place, every schema `pattern` of `node` that carries regex flags; returns `node`. */
export function repairFlaggedPatterns<T>(node: T): T {
  if (Array.isArray(node)) {
    for (const item of node) repairFlaggedPatterns(item);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (DATA_KEYWORDS.has(key)) continue;
      const regex = key === 'pattern' && typeof value === 'string' ? flaggedRegexOf(value) : undefined;
      if (regex) record[key] = flaglessPatternOf(regex);
      else repairFlaggedPatterns(value);
    }
  }
  return node;
}

/** The regex a pattern was written from, when the pattern is exactly `source/flags` of a RegExp. */
export function flaggedRegexOf(pattern: string): RegExp | undefined {
  const groups = SOURCE_AND_FLAGS.exec(pattern)?.groups;
  if (!groups) return undefined;
  try {
    const regex = new RegExp(groups.source!, groups.flags);
    return regex.toString() === `/${pattern}` ? regex : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A pattern without flags that matches exactly what `regex` matches. `d`, `g` and `y` do not change what a
 * pattern matches and `u` is how JSON Schema validators read patterns; `i` is spelled out letter by letter.
 * Throws for what it cannot spell out faithfully, so the document never states a different rule.
 */
export function flaglessPatternOf(regex: RegExp): string {
  const unsupported = regex.flags.replace(/[dgyui]/g, '');
  if (unsupported) throw new Error(`Pattern /${regex.source}/ uses flag(s) "${unsupported}", which JSON Schema cannot express.`);
  if (!regex.ignoreCase) return regex.source;
  if (regex.unicode) throw new Error(`Pattern /${regex.source}/iu folds Unicode case (ſ, K); spell the cases out instead.`);
  return spelledOutCase(regex.source);
}

/** `ab[0-9]\d` → `[aA][bB][0-9]\d`: what /ab[0-9]\d/i matches, without the flag. */
function spelledOutCase(source: string): string {
  let spelled = '';
  for (let at = 0; at < source.length; ) {
    const token = tokenAt(source, at);
    spelled += /^[A-Za-z]$/.test(token) ? `[${token.toLowerCase()}${token.toUpperCase()}]` : token;
    at += token.length;
  }
  return spelled;
}

/** The token of a non-Unicode source starting at `at`: an escape, a character class, a group opening or one character. */
function tokenAt(source: string, at: number): string {
  const char = source[at]!;
  if (char === '\\') return escapeAt(source, at);
  if (char === '[') return characterClassAt(source, at);
  if (char === '(' && source[at + 1] === '?') return groupOpeningAt(source, at);
  if (char.toLowerCase() !== char.toUpperCase() && !/[A-Za-z]/.test(char)) unspellable(source, `the non-ASCII letter "${char}"`);
  return char;
}

/** Escaped punctuation, and the escapes whose meaning the i flag leaves alone (backreferences compare case-insensitively). */
function escapeAt(source: string, at: number): string {
  const escape = source.slice(at, at + 2);
  if (!/^\\([^A-Za-z0-9]|[dDwWsSbBfnrtv])$/.test(escape)) unspellable(source, `the escape ${escape}`);
  return escape;
}

/** A class written in ASCII matches the same non-ASCII characters with or without i; its letters are checked one by one. */
function characterClassAt(source: string, at: number): string {
  let end = at + 1;
  while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? escapeAt(source, end).length : 1;
  const characterClass = source.slice(at, end + 1);
  // eslint-disable-next-line no-control-regex -- the ASCII range is the point
  if (/[^\x00-\x7f]/.test(characterClass)) unspellable(source, `non-ASCII characters in ${characterClass}`);
  const exact = new RegExp(characterClass);
  const ignoringCase = new RegExp(characterClass, 'i');
  if (ASCII_LETTERS.some((letter) => exact.test(letter) !== ignoringCase.test(letter))) {
    unspellable(source, `${characterClass}, which lists a letter in one case only`);
  }
  return characterClass;
}

function groupOpeningAt(source: string, at: number): string {
  const opening = /^\(\?(?:[:=!]|<[=!])/.exec(source.slice(at));
  if (!opening) unspellable(source, `a named group or modifier at ${at}`);
  return opening[0];
}

function unspellable(source: string, what: string): never {
  throw new Error(`Pattern /${source}/i has ${what}; write the cases out in the regex and drop the i flag.`);
}

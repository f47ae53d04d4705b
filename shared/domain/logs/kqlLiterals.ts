/**
 * KQL literals built from typed values, so a caller's text can only ever become one string literal.
 *
 * Strings are double-quoted and use only the escapes the KQL documentation lists (`\\`, `\"`, `\n`, `\t`, and
 * `\r` inside quotes); every other character stands for itself inside the quotes, `|` and unicode included.
 * Characters with no documented escape (other control characters, line/paragraph separators, lone surrogates)
 * are refused rather than guessed at: `unsafeCharacterIn` lets the API reject them as a validation error.
 */

const DOCUMENTED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

const ESCAPED_WHITESPACE = new Set(['\t', '\n', '\r']);

/**
 * Control characters other than tab, newline and return (C0, DEL, C1), U+2028/U+2029, and lone surrogates
 * (iterating by code point keeps a valid pair together, so only a lone one shows up as a surrogate).
 */
function isUnsafe(character: string): boolean {
  if (ESCAPED_WHITESPACE.has(character)) return false;
  const codePoint = character.codePointAt(0) ?? 0;
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff)
  );
}

export class UnsafeKqlValueError extends Error {
  constructor(readonly character: string) {
    super(`The value contains ${describeCharacter(character)}, which a KQL string literal cannot carry safely.`);
  }
}

/** The first character of `value` that no KQL string literal built here may hold, if any. */
export function unsafeCharacterIn(value: string): string | undefined {
  for (const character of value) if (isUnsafe(character)) return character;
  return undefined;
}

export function kqlString(value: string): string {
  const unsafe = unsafeCharacterIn(value);
  if (unsafe !== undefined) throw new UnsafeKqlValueError(unsafe);
  let literal = '"';
  for (const character of value) literal += DOCUMENTED_ESCAPES[character] ?? character;
  return `${literal}"`;
}

/** `("a", "b")`: the right-hand side of `in`. */
export function kqlStringList(values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('A KQL list needs at least one value.');
  return `(${values.map(kqlString).join(', ')})`;
}

/** `datetime(2024-05-01T12:00:00.000Z)`: always UTC, millisecond precision. */
export function kqlDateTime(time: Date): string {
  if (Number.isNaN(time.getTime())) throw new RangeError('An invalid date cannot become a KQL datetime.');
  return `datetime(${time.toISOString()})`;
}

/** `90000ms`: a non-negative whole number of milliseconds. */
export function kqlTimespan(milliseconds: number): string {
  if (!Number.isSafeInteger(milliseconds) || milliseconds < 0) {
    throw new RangeError('A KQL timespan is built from a non-negative whole number of milliseconds.');
  }
  return `${milliseconds}ms`;
}

export function kqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a whole number KQL can carry exactly.`);
  return String(value);
}

function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
